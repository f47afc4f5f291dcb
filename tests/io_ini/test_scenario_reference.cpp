// docs/scenario-reference.md is generated: it must match the generator byte for byte.

#include <gtest/gtest.h>

#include <sstream>

#include "io_ini/key_table.h"
#include "migdip/io/scenario_file.h"
#include "support/generated_document.h"

namespace migdip {
namespace {

TEST(ScenarioReference, DocumentMatchesGenerator) {
  testing::expect_document_matches_generator(MIGDIP_SOURCE_DIR "/docs/scenario-reference.md",
                                             scenario_reference_markdown(), "the key table");
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
