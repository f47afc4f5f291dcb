// Controls by border in scenario files: a corridor's own enforcement and pushbacks as keys of
// its section, `set` events aimed at a corridor, surges aimed at one border; what is absent
// follows the state, and bad values name file, section and key.

#include <gtest/gtest.h>

#include <string>

#include "io_ini/ini_test_support.h"
#include "io_ini/key_table.h"

namespace migdip {
namespace {

using testing::base_scenario;
using testing::expect_error;
using testing::load_with;

// A second corridor, from TUR, to the base scenario's three states.
const std::string kLandBorder =
    "[corridor TUR-GRC]\nfrom = TUR\nto = GRC\nentry_enforcement = 0.95\npushback_rate = 1\n";

TEST(BorderKeys, ACorridorsOwnValuesOverrideAndTheRestFollowTheState) {
  const auto scenario = load_with(kLandBorder);
  const CorridorSpec& open = scenario->corridors[0];
  const CorridorSpec& land = scenario->corridors[1];
  EXPECT_FALSE(open.border.any());
  EXPECT_EQ(land.border(Lever::entry_enforcement), 0.95);
  EXPECT_EQ(land.border(Lever::pushback_rate), 1.0);
  EXPECT_FALSE(land.border(Lever::exit_enforcement).has_value());
  // Facilitation has no key for states, so none for borders: surges set it.
  EXPECT_FALSE(land.border(Lever::facilitation).has_value());
  const ini::SectionSpec* corridor = ini::find_section_spec("corridor");
  ASSERT_NE(corridor, nullptr);
  EXPECT_EQ(corridor->find("facilitation"), nullptr);
  ASSERT_NE(corridor->find("exit_enforcement"), nullptr);
  EXPECT_EQ(corridor->find("exit_enforcement")->default_note, "the `from` state's");
  EXPECT_EQ(corridor->find("pushback_rate")->default_note, "the `to` state's");
}

TEST(BorderKeys, OwnValuesAreCheckedAgainstTheLeversRange) {
  expect_error(
      base_scenario() + "[corridor TUR-GRC]\nfrom = TUR\nto = GRC\nexit_enforcement = 1.5\n",
      {"test.ini:29: [corridor TUR-GRC] exit_enforcement: must be in [0, 1], got 1.5"});
  expect_error(base_scenario() + "[corridor TUR-GRC]\nfrom = TUR\nto = GRC\npushback_rate = -0.1\n",
               {"[corridor TUR-GRC] pushback_rate: must be in [0, 1], got -0.1"});
  expect_error(base_scenario() + "[corridor TUR-GRC]\nfrom = TUR\nto = GRC\nfacilitation = 1\n",
               {"[corridor TUR-GRC]", "facilitation"});
}

TEST(BorderKeys, SetEventsMayAimABorderLeverAtACorridor) {
  const auto scenario = load_with(kLandBorder +
                                  "[event seal]\ntick = 2\ntype = set\ncorridor = TUR-GRC\n"
                                  "parameter = exit_enforcement\nvalue = 0.7\n");
  const EventSpec& event = scenario->events.front();
  EXPECT_EQ(event.target_kind, TargetKind::corridor);
  EXPECT_EQ(event.target, 1);
  EXPECT_EQ(event.parameter, Lever::exit_enforcement);
  EXPECT_EQ(event.value, 0.7);

  const std::string set = base_scenario() + "[event e]\ntick = 1\ntype = set\ncorridor = SYR-TUR\n";
  expect_error(set + "parameter = push_intensity\nvalue = 1\n",
               {"[event e] parameter:", "'push_intensity' is a parameter of a state",
                "cannot be set on a corridor"});
  expect_error(set + "parameter = entry_enforcement\nvalue = 2\n",
               {"[event e] value: must be in [0, 1], got 2"});
}

TEST(BorderKeys, SurgesMayBeAimedAtOneBorder) {
  const auto scenario =
      load_with(kLandBorder +
                "[event surge]\ntick = 2\ntype = engineered_surge\ncorridor = TUR-GRC\n"
                "value = 0.6\nend_tick = 5\n");
  const EventSpec& event = scenario->events.front();
  EXPECT_EQ(event.target_kind, TargetKind::corridor);
  EXPECT_EQ(event.target, 1);
  EXPECT_EQ(event.value, 0.6);
  EXPECT_EQ(event.end_tick, 5);

  const std::string surge = base_scenario() + "[event e]\ntick = 1\ntype = engineered_surge\n";
  expect_error(surge + "state = TUR\ncorridor = SYR-TUR\nvalue = 1\n",
               {"[event e] corridor:", "both 'state' and 'corridor'"});
  expect_error(surge + "value = 1\n", {"[event e] state: missing required key"});
}

TEST(BorderKeys, ResolvedTextKeepsOnlyTheOwnValuesGiven) {
  const std::string extra = kLandBorder +
                            "[event surge]\ntick = 2\ntype = engineered_surge\n"
                            "corridor = TUR-GRC\nvalue = 0.6\n";
  const LoadedScenario loaded =
      load_scenario_text(base_scenario() + extra, "test.ini", std::vector<std::string>{});
  const LoadedScenario again =
      load_scenario_text(loaded.resolved_text, "resolved.ini", std::vector<std::string>{});
  EXPECT_EQ(again.resolved_text, loaded.resolved_text);
  EXPECT_TRUE(again.scenario->corridors[1].border == loaded.scenario->corridors[1].border);
  EXPECT_FALSE(again.scenario->corridors[0].border.any());
  EXPECT_EQ(again.scenario->events.front().target_kind, TargetKind::corridor);
}

}  // namespace
}  // namespace migdip
