// docs/scenario-reference.md is generated: it must match the generator byte for byte.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "io_ini/key_table.h"
#include "migdip/io/scenario_file.h"

namespace migdip {
namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Next to the test program (build-dir/tests), wherever it is run from, so a stale document never
// leaves a stray file in the source tree.
std::filesystem::path expected_text_path() {
  std::error_code error;
  const auto program = std::filesystem::read_symlink("/proc/self/exe", error);
  const auto folder = error ? std::filesystem::current_path() : program.parent_path();
  return folder / "scenario-reference.md";
}

TEST(ScenarioReference, DocumentMatchesGenerator) {
  const std::filesystem::path document = MIGDIP_SOURCE_DIR "/docs/scenario-reference.md";
  const std::string expected = scenario_reference_markdown();
  if (read_file(document) != expected) {
    const std::filesystem::path fresh = expected_text_path();
    std::ofstream(fresh, std::ios::binary) << expected;
    FAIL() << document << " is out of date with the key table. The expected text is in " << fresh
           << ": copy it over " << document << ".";
  }
}

TEST(ScenarioReference, ListsEverySectionKeyAndEventParameter) {
  const std::string text = scenario_reference_markdown();
  for (const ini::SectionSpec& section : ini::section_specs()) {
    EXPECT_NE(text.find("### " + section.header), std::string::npos) << section.header;
    for (const ini::KeySpec& key : section.keys) {
      EXPECT_NE(text.find("| `" + key.name + "` |"), std::string::npos) << key.name;
    }
  }
  for (EventType type : ini::kEventTypes) {
    EXPECT_NE(text.find("| `" + std::string(to_string(type)) + "` |"), std::string::npos);
  }
  EXPECT_NE(text.find("| `population` | number | people | *required* | > 0 |"), std::string::npos);
  EXPECT_NE(text.find("| `capacity` | number | people/month | `unlimited` | > 0 or `unlimited` |"),
            std::string::npos);
  EXPECT_NE(text.find("| `exit_enforcement` | state, bloc or corridor | probability | [0, 1] |"),
            std::string::npos);
  EXPECT_NE(text.find("--set"), std::string::npos);
}

}  // namespace
}  // namespace migdip
