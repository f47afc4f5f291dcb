// The key table is the single description of the language: its defaults must parse, the model
// defaults must be ModelParameters', and its ranges must agree with check_scenario.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

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
        case ValueType::text:
        case ValueType::date:
        case ValueType::list:
        case ValueType::reference:
          break;  // parsed with the section they refer to
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
  ASSERT_EQ(model->keys.size(), ini::kModelFields.size() + 1);  // and sea_seasonality
  const ModelParameters defaults;
  for (const auto& field : ini::kModelFields) {
    const KeySpec* key = model->find(field.key);
    ASSERT_NE(key, nullptr) << field.key;
    EXPECT_EQ(ini::parse_number(key->default_text), defaults.*field.member) << field.key;
  }
  const KeySpec* seasonality = model->find(ini::kSeaSeasonalityKey);
  ASSERT_NE(seasonality, nullptr);
  EXPECT_EQ(seasonality->default_text, "1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1");
  for (double factor : defaults.sea_seasonality) {
    EXPECT_EQ(factor, 1.0);
  }
  // Every member is listed once: sizeof catches a field added to the struct but not here.
  EXPECT_EQ(sizeof(ModelParameters),
            ini::kModelFields.size() * sizeof(double) + sizeof(defaults.sea_seasonality));
}

TEST(KeyTable, EveryEventParameterIsAKey) {
  for (Lever parameter : ini::event_parameters()) {
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

/// chain_scenario() with a bloc (B, of DST), instruments and a negotiation of DST with TRA.
Scenario strategic_chain() {
  Scenario scenario = testing::chain_scenario();
  BlocSpec bloc;
  bloc.id = "B";
  bloc.name = "B";
  bloc.members = {2};
  scenario.blocs.push_back(bloc);
  InstrumentSpec coast;
  coast.id = "coast";
  coast.type = InstrumentType::exit_enforcement;
  coast.user = Party{TargetKind::state, 1};
  coast.level = 0.5;
  scenario.instruments.push_back(coast);
  NegotiationSpec deal;
  deal.id = "deal";
  deal.demander = Party{TargetKind::state, 2};
  deal.partner = {TargetKind::state, 1};
  deal.asks = {0};
  scenario.negotiations.push_back(deal);
  return scenario;
}

template <typename Spec, std::size_t N>
void expect_check_agrees(const char* kind, const std::array<ini::NumberField<Spec>, N>& fields,
                         Spec& (*pick)(Scenario&), Scenario (*make)() = testing::chain_scenario) {
  const ini::SectionSpec* section = ini::find_section_spec(kind);
  ASSERT_NE(section, nullptr);
  for (const auto& field : fields) {
    const KeySpec* key = section->find(field.key);
    ASSERT_NE(key, nullptr) << field.key;
    for (double value : outside(key->range)) {
      Scenario scenario = make();
      pick(scenario).*field.member = value;
      EXPECT_THROW(check_scenario(scenario), InputError)
          << kind << "." << field.key << " = " << value;
    }
    for (double value : inside(key->range)) {
      Scenario scenario = make();
      pick(scenario).*field.member = value;
      EXPECT_NO_THROW(check_scenario(scenario)) << kind << "." << field.key << " = " << value;
    }
    Scenario scenario = make();
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
  expect_check_agrees<StatePreferences>(
      "state", ini::kPreferenceFields,
      [](Scenario& s) -> StatePreferences& { return s.states[1].preferences; });
  expect_check_agrees<DomesticPoliticsSpec>(
      "state", ini::kDomesticPoliticsFields,
      [](Scenario& s) -> DomesticPoliticsSpec& { return s.states[1].politics; });
  expect_check_agrees<ActorConduct>("state", ini::kConductFields, [](Scenario& s) -> ActorConduct& {
    return s.states[2].conduct;
  });
  expect_check_agrees<ActorConduct>(
      "bloc", ini::kConductFields, [](Scenario& s) -> ActorConduct& { return s.blocs[0].conduct; },
      strategic_chain);
  expect_check_agrees<DiplomacySettings>(
      "diplomacy", ini::kDiplomacyFields,
      [](Scenario& s) -> DiplomacySettings& { return s.diplomacy; });
  expect_check_agrees<NegotiationSpec>(
      "negotiation", ini::kNegotiationFields,
      [](Scenario& s) -> NegotiationSpec& { return s.negotiations[0]; }, strategic_chain);
}

TEST(KeyTable, StrategicDefaultsAreTheStructs) {
  auto default_of = [](const char* kind, std::string_view key) {
    const KeySpec* spec = ini::find_section_spec(kind)->find(key);
    EXPECT_NE(spec, nullptr) << kind << "." << key;
    return spec == nullptr ? -1.0 : ini::parse_number(spec->default_text);
  };
  for (const auto& field : ini::kPreferenceFields) {
    EXPECT_EQ(default_of("state", field.key), StatePreferences{}.*field.member) << field.key;
  }
  for (const auto& field : ini::kDomesticPoliticsFields) {
    EXPECT_EQ(default_of("state", field.key), DomesticPoliticsSpec{}.*field.member) << field.key;
  }
  for (const char* kind : {"state", "bloc"}) {
    for (const auto& field : ini::kConductFields) {
      EXPECT_EQ(default_of(kind, field.key), ActorConduct{}.*field.member) << field.key;
    }
  }
  for (const auto& field : ini::kDiplomacyFields) {
    EXPECT_EQ(default_of("diplomacy", field.key), DiplomacySettings{}.*field.member) << field.key;
  }
  for (const auto& field : ini::kNegotiationFields) {
    EXPECT_EQ(default_of("negotiation", field.key), NegotiationSpec{}.*field.member) << field.key;
  }
  const InstrumentSpec instrument;
  EXPECT_EQ(default_of("instrument", "value_to_target"), instrument.value_to_target);
  EXPECT_EQ(default_of("instrument", "cost_to_user"), instrument.cost_to_user);
  EXPECT_EQ(default_of("instrument", "mobilised_share"), instrument.mobilised_share);
  // Every number of the structs has its key: sizeof catches a field added but not listed.
  EXPECT_EQ(sizeof(StatePreferences), ini::kPreferenceFields.size() * sizeof(double));
  EXPECT_EQ(sizeof(DomesticPoliticsSpec), ini::kDomesticPoliticsFields.size() * sizeof(double));
  // + protocol and value_onward_moves, each padded to a double.
  EXPECT_EQ(sizeof(DiplomacySettings), sizeof(double) * (ini::kDiplomacyFields.size() + 2));
  EXPECT_EQ(ini::find_section_spec("diplomacy")->find("value_onward_moves")->default_text,
            DiplomacySettings{}.value_onward_moves ? "true" : "false");
}

// For each instrument type, a valid instrument in a world with what every type can refer to:
// user ORI (origin), target DST, corridor ORI-TRA, labour pathway ORI -> DST.
Scenario with_instrument(InstrumentType type) {
  Scenario scenario = testing::chain_scenario();
  PathwaySpec work;
  work.id = "work";
  work.kind = PathwayKind::labour;
  work.from = 0;
  work.to = 2;
  work.nationality = 0;
  scenario.pathways.push_back(work);
  BlocSpec bloc;
  bloc.id = "B";
  bloc.name = "B";
  bloc.members = {1};
  scenario.blocs.push_back(bloc);
  InstrumentSpec instrument;
  instrument.id = "i";
  instrument.type = type;
  instrument.user = Party{TargetKind::state, 0};
  instrument.target = 2;
  instrument.corridor = 0;
  instrument.pathway = 0;
  instrument.level = 0.5;
  instrument.amount = 1;
  scenario.instruments.push_back(instrument);
  return scenario;
}

// The instrument keys a type uses are the ones its row in kInstrumentTypes calls for.
TEST(KeyTable, InstrumentKeysFollowTheInstrumentTypesTable) {
  const ini::SectionSpec* section = ini::find_section_spec("instrument");
  ASSERT_NE(section, nullptr);
  std::vector<std::string> names;
  for (const InstrumentTraits& row : kInstrumentTypes) {
    const std::string name(row.name);
    SCOPED_TRACE(name);
    names.push_back(name);
    auto uses = [&](const char* key) { return section->find(key)->used_by(name); };
    EXPECT_EQ(uses("target"), uses_target(row.type));
    EXPECT_EQ(uses("value_to_target"), uses_target(row.type));
    EXPECT_EQ(uses("level"), uses_level(row.type));
    EXPECT_EQ(uses("corridor"), uses_corridor(row.type));
    EXPECT_EQ(uses("pathway"), uses_pathway(row.type));
    EXPECT_EQ(uses("amount"), uses_amount(row.type));
    EXPECT_EQ(uses("mobilised_share"), mobilises(row.type));
    EXPECT_TRUE(uses("cost_to_user"));
  }
  EXPECT_EQ(section->find("type")->choices, names);
}

// The key table's applies_to lists and user rules say what check_scenario enforces.
TEST(KeyTable, InstrumentRulesAgreeWithCheckScenario) {
  const ini::SectionSpec* section = ini::find_section_spec("instrument");
  ASSERT_NE(section, nullptr);
  for (std::size_t t = 0; t < kInstrumentTypeCount; ++t) {
    const auto type = static_cast<InstrumentType>(t);
    const std::string name(to_string(type));
    SCOPED_TRACE(name);
    EXPECT_NO_THROW(check_scenario(with_instrument(type)));
    // A reference the type needs cannot be left out; one it does not use is not looked at.
    for (const auto& [key, member] : {std::pair{"target", &InstrumentSpec::target},
                                      std::pair{"corridor", &InstrumentSpec::corridor},
                                      std::pair{"pathway", &InstrumentSpec::pathway}}) {
      Scenario scenario = with_instrument(type);
      scenario.instruments[0].*member = -1;
      if (section->find(key)->used_by(name)) {
        EXPECT_THROW(check_scenario(scenario), InputError) << key;
      } else {
        EXPECT_NO_THROW(check_scenario(scenario)) << key;
      }
    }
    // A level out of [0, 1] is an error exactly for the types whose level is a share.
    Scenario high = with_instrument(type);
    high.instruments[0].level = 2;
    const bool share_level = section->find("level")->used_by(name) && name != "legal_pathway";
    if (share_level) {
      EXPECT_THROW(check_scenario(high), InputError);
    } else {
      EXPECT_NO_THROW(check_scenario(high));
    }
    Scenario bloc_user = with_instrument(type);
    bloc_user.instruments[0].user = Party{TargetKind::bloc, 0};
    if (needs_state_user(type)) {
      EXPECT_THROW(check_scenario(bloc_user), InputError);
    } else {
      EXPECT_NO_THROW(check_scenario(bloc_user));
    }
    if (!section->find("corridor")->used_by(name) && !section->find("pathway")->used_by(name)) {
      Scenario transit_user = with_instrument(type);
      transit_user.instruments[0].user = Party{TargetKind::state, 1};  // no origin role
      if (needs_origin_user(type)) {
        EXPECT_THROW(check_scenario(transit_user), InputError);
      } else {
        EXPECT_NO_THROW(check_scenario(transit_user));
      }
    }
  }
}

}  // namespace
}  // namespace migdip
