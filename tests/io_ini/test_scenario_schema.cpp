// docs/scenario.schema.json is generated: it must match the generator byte for byte. (That the
// shipped scenarios validate against it, and broken ones do not, is tested in Python with
// python3-jsonschema: tests/python/test_scenario_schema.py.)

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "io_ini/key_table.h"
#include "migdip/io/scenario_file.h"

namespace migdip {
namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Next to the test program (build-dir/tests), so a stale schema never leaves a stray file in the
// source tree.
std::filesystem::path expected_text_path() {
  std::error_code error;
  const auto program = std::filesystem::read_symlink("/proc/self/exe", error);
  const auto folder = error ? std::filesystem::current_path() : program.parent_path();
  return folder / "scenario.schema.json";
}

TEST(ScenarioSchema, DocumentMatchesGenerator) {
  const std::filesystem::path document = MIGDIP_SOURCE_DIR "/docs/scenario.schema.json";
  const std::string expected = scenario_schema_json();
  if (read_file(document) != expected) {
    const std::filesystem::path fresh = expected_text_path();
    std::ofstream(fresh, std::ios::binary) << expected;
    FAIL() << document << " is out of date with the key table. The expected text is in " << fresh
           << ": copy it over " << document << ".";
  }
}

TEST(ScenarioSchema, ListsEverySectionAndKey) {
  const std::string text = scenario_schema_json();
  for (const ini::SectionSpec& section : ini::section_specs()) {
    EXPECT_NE(text.find("    \"" + section.kind + "\": {"), std::string::npos) << section.kind;
    for (const ini::KeySpec& key : section.keys) {
      EXPECT_NE(text.find("\"" + key.name + "\": {"), std::string::npos) << key.name;
    }
  }
  // Ranges as bounds, choices as enums, `unlimited` beside the numbers.
  EXPECT_NE(text.find(R"("population": {"type": "number", "exclusiveMinimum": 0,)"),
            std::string::npos);
  EXPECT_NE(text.find(R"("exit_enforcement": {"type": "number", "minimum": 0, "maximum": 1,)"),
            std::string::npos);
  EXPECT_NE(text.find(R"("mode": {"type": "string", "enum": ["expected", "stochastic"],)"),
            std::string::npos);
  EXPECT_NE(text.find(R"("capacity": {"anyOf": [{"type": "number", "exclusiveMinimum": 0}, )"
                      R"({"const": "unlimited"}],)"),
            std::string::npos);
}

}  // namespace
}  // namespace migdip
