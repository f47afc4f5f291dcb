// docs/scenario.schema.json is generated: it must match the generator byte for byte. (That the
// shipped scenarios validate against it, and broken ones do not, is tested in Python with
// python3-jsonschema: tests/python/test_scenario_schema.py.)

#include <gtest/gtest.h>

#include <string>

#include "io_ini/key_table.h"
#include "migdip/io/scenario_file.h"
#include "support/generated_document.h"

namespace migdip {
namespace {

TEST(ScenarioSchema, DocumentMatchesGenerator) {
  testing::expect_document_matches_generator(MIGDIP_SOURCE_DIR "/docs/scenario.schema.json",
                                             scenario_schema_json(), "the key table");
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
