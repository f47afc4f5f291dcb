// The key table is the single description of the language: its defaults must parse, the model
// defaults must be ModelParameters', and its ranges must agree with check_scenario.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "io_ini/key_table.h"
#include "io_ini/spec_fields.h"
#include "io_ini/value_parsing.h"
#include "migdip/core/error.h"
#include "support/scenario_builder.h"

namespace migdip {
namespace {

using ini::KeySpec;
using ini::Range;
using ini::ValueType;

TEST(KeyTable, RangesDescribeThemselves) {
  EXPECT_EQ(Range::any().describe(), "any");
  EXPECT_EQ(Range::at_least(0).describe(), ">= 0");
  EXPECT_EQ(Range::above(0).describe(), "> 0");
  EXPECT_EQ(Range::closed(0, 1).describe(), "[0, 1]");
  EXPECT_EQ(Range::half_open(0, 1).describe(), "[0, 1)");
  EXPECT_TRUE(Range::half_open(0, 1).contains(0));
  EXPECT_FALSE(Range::half_open(0, 1).contains(1));
  EXPECT_FALSE(Range::above(0).contains(0));
}

TEST(KeyTable, DefaultsParseAndLieInTheirRange) {
  for (const ini::SectionSpec& section : ini::section_specs()) {
    for (const KeySpec& key : section.keys) {
      SCOPED_TRACE(section.kind + "." + key.name);
      EXPECT_FALSE(key.description.empty());
      EXPECT_FALSE(key.required && !key.default_text.empty());
      if (key.default_text.empty()) {
        continue;
      }
      switch (key.type) {
        case ValueType::number: {
          const double value = key.unlimited && key.default_text == "unlimited"
                                   ? std::numeric_limits<double>::infinity()
                                   : ini::parse_number(key.default_text);
          EXPECT_TRUE(key.range.contains(value));
          break;
        }
        case ValueType::integer:
          EXPECT_TRUE(
              key.range.contains(static_cast<double>(ini::parse_unsigned(key.default_text))));
          break;
        case ValueType::boolean:
          EXPECT_NO_THROW(ini::parse_bool(key.default_text));
          break;
        case ValueType::choice:
          EXPECT_NE(std::find(key.choices.begin(), key.choices.end(), key.default_text),
                    key.choices.end());
          break;
        default:
          break;
      }
      if (!key.exclusive_with.empty()) {
        const KeySpec* other = section.find(key.exclusive_with);
        ASSERT_NE(other, nullptr);
        EXPECT_EQ(other->exclusive_with, key.name);
      }
    }
  }
}

TEST(KeyTable, ModelSectionIsModelParameters) {
  const ini::SectionSpec* model = ini::find_section_spec("model");
  ASSERT_NE(model, nullptr);
  ASSERT_EQ(model->keys.size(), ini::kModelFields.size());
  const ModelParameters defaults;
  for (const auto& field : ini::kModelFields) {
    const KeySpec* key = model->find(field.key);
    ASSERT_NE(key, nullptr) << field.key;
    EXPECT_EQ(ini::parse_number(key->default_text), defaults.*field.member) << field.key;
  }
  // Every member is listed once: sizeof catches a field added to the struct but not here.
  EXPECT_EQ(sizeof(ModelParameters), ini::kModelFields.size() * sizeof(double));
}

TEST(KeyTable, EveryEventParameterIsAKey) {
  for (EventParameter parameter : ini::kEventParameters) {
    EXPECT_EQ(ini::parameter_key(parameter).name, to_string(parameter));
  }
}

TEST(KeyTable, StockKeysAreTheStatuses) {
  const ini::SectionSpec* stock = ini::find_section_spec("stock");
  ASSERT_NE(stock, nullptr);
  ASSERT_EQ(stock->keys.size(), kStatusCount);
  for (std::size_t s = 0; s < kStatusCount; ++s) {
    EXPECT_EQ(stock->keys[s].name, kStatusNames[s]);
  }
}

// A value just outside a key's range, and the bounds themselves.
std::vector<double> outside(const Range& range) {
  std::vector<double> values;
  if (std::isfinite(range.low)) {
    values.push_back(range.low_open ? range.low : std::nextafter(range.low, -1e300));
  }
  if (std::isfinite(range.high)) {
    values.push_back(range.high_open ? range.high : std::nextafter(range.high, 1e300));
  }
  return values;
}

std::vector<double> inside(const Range& range) {
  std::vector<double> values;
  if (std::isfinite(range.low)) {
    values.push_back(range.low_open ? std::nextafter(range.low, 1e300) : range.low);
  }
  if (std::isfinite(range.high)) {
    values.push_back(range.high_open ? std::nextafter(range.high, -1e300) : range.high);
  }
  return values;
}

template <typename Spec, std::size_t N>
void expect_check_agrees(const char* kind, const std::array<ini::NumberField<Spec>, N>& fields,
                         Spec& (*pick)(Scenario&)) {
  const ini::SectionSpec* section = ini::find_section_spec(kind);
  ASSERT_NE(section, nullptr);
  for (const auto& field : fields) {
    const KeySpec* key = section->find(field.key);
    ASSERT_NE(key, nullptr) << field.key;
    for (double value : outside(key->range)) {
      Scenario scenario = testing::chain_scenario();
      pick(scenario).*field.member = value;
      EXPECT_THROW(check_scenario(scenario), InputError)
          << kind << "." << field.key << " = " << value;
    }
    for (double value : inside(key->range)) {
      Scenario scenario = testing::chain_scenario();
      pick(scenario).*field.member = value;
      EXPECT_NO_THROW(check_scenario(scenario)) << kind << "." << field.key << " = " << value;
    }
    Scenario scenario = testing::chain_scenario();
    pick(scenario).*field.member = std::numeric_limits<double>::quiet_NaN();
    EXPECT_THROW(check_scenario(scenario), InputError) << kind << "." << field.key << " = nan";
  }
}

TEST(KeyTable, RangesAgreeWithCheckScenario) {
  expect_check_agrees<ModelParameters>("model", ini::kModelFields,
                                       [](Scenario& s) -> ModelParameters& { return s.model; });
  expect_check_agrees<StateSpec>("state", ini::kStateFields,
                                 [](Scenario& s) -> StateSpec& { return s.states[1]; });
  expect_check_agrees<CorridorSpec>("corridor", ini::kCorridorFields,
                                    [](Scenario& s) -> CorridorSpec& { return s.corridors[0]; });
}

}  // namespace
}  // namespace migdip
