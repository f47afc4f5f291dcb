// Command-line overrides: applied before checking, cannot create sections, named in errors.

#include <gtest/gtest.h>

#include "io_ini/ini_test_support.h"

namespace migdip {
namespace {

using testing::base_scenario;
using testing::expect_error;
using testing::load_with;

const char* kExtra =
    "[stock SYR in TUR]\nhosted = 1000\n"
    "[event e]\ndate = 2016-03-01\ntype = coup\nstate = TUR\n";

TEST(Overrides, ChangeWrittenAndDefaultedKeys) {
  const auto scenario =
      load_with(kExtra, {"state.TUR.exit_enforcement=0.8", "state.SYR.population = 2e7",
                         "stock.SYR in TUR.hosted=2e6", "stock.SYR in TUR.in_transit=5",
                         "scenario.seed=99", "corridor.SYR-TUR.capacity=unlimited"});
  EXPECT_EQ(scenario->states[1].lever(Lever::exit_enforcement), 0.8);
  EXPECT_EQ(scenario->states[0].population, 2e7);
  EXPECT_EQ(scenario->initial_stocks[0].people[index_of(MigrantStatus::hosted)], 2e6);
  EXPECT_EQ(scenario->initial_stocks[0].people[index_of(MigrantStatus::in_transit)], 5);
  EXPECT_EQ(scenario->settings.seed, 99u);
}

TEST(Overrides, LaterOverridesWin) {
  const auto scenario =
      load_with("", {"state.TUR.exit_enforcement=0.8", "state.TUR.exit_enforcement=0.3"});
  EXPECT_EQ(scenario->states[1].lever(Lever::exit_enforcement), 0.3);
}

TEST(Overrides, OneOfAKindSectionsNeedNotBeWritten) {
  const auto scenario =
      load_with("", {"model.choice_sensitivity=2.5", "outputs.stocks_by_location=true"});
  EXPECT_EQ(scenario->model.choice_sensitivity, 2.5);
  EXPECT_TRUE(scenario->outputs.stocks_by_location);
}

TEST(Overrides, SettingOneKeyOfAPairReplacesTheOther) {
  const auto scenario = load_with(kExtra, {"event.e.tick=5", "scenario.end_date=2016-06-30"});
  EXPECT_EQ(scenario->settings.ticks, 6);
  EXPECT_EQ(scenario->events[0].tick, 5);
  const auto by_date = load_with(kExtra, {"event.e.date=2016-04-01"});
  EXPECT_EQ(by_date->events[0].tick, 3);
}

TEST(Overrides, ShowInTheResolvedText) {
  const LoadedScenario loaded = load_scenario_text(
      base_scenario(), "test.ini", std::vector<std::string>{"state.TUR.exit_enforcement=0.8"});
  EXPECT_NE(loaded.resolved_text.find("exit_enforcement = 0.8"), std::string::npos);
  EXPECT_EQ(loaded.source_text, base_scenario());
}

TEST(Overrides, UnknownKey) {
  expect_error(base_scenario(),
               {"test.ini: [state TUR] exit_enforcment:", "unknown key 'exit_enforcment'",
                "did you mean 'exit_enforcement'", "in --set 'state.TUR.exit_enforcment=0.8'"},
               {"state.TUR.exit_enforcment=0.8"});
}

TEST(Overrides, UnknownSection) {
  expect_error(base_scenario(),
               {"test.ini: [state GRE]", "no section [state GRE]", "cannot create sections",
                "did you mean 'state.GRC'", "in --set 'state.GRE.population=5'"},
               {"state.GRE.population=5"});
  expect_error(base_scenario(), {"no section [bloc EU]"}, {"bloc.EU.name=Union"});
  expect_error(base_scenario(), {"unknown section kind 'stat'", "did you mean 'state'", "in --set"},
               {"stat.TUR.population=5"});
}

TEST(Overrides, BadValue) {
  expect_error(base_scenario(),
               {"test.ini: [state TUR] exit_enforcement: must be in [0, 1], got 1.8",
                "(in --set 'state.TUR.exit_enforcement=1.8')"},
               {"state.TUR.exit_enforcement=1.8"});
  expect_error(base_scenario(), {"[scenario] ticks: expected an integer, got 'many'", "--set"},
               {"scenario.ticks=many"});
  expect_error(base_scenario(), {"[corridor SYR-TUR] to:", "unknown state 'XXX'", "--set"},
               {"corridor.SYR-TUR.to=XXX"});
  expect_error(base_scenario(), {"[scenario] description:", "cannot contain '#' or ';'"},
               {"scenario.description=a;b"});
}

// A rule that relates values (check_scenario's) broken by an override reads as the loader's own
// messages do: no line, and the override named.
TEST(Overrides, BrokenRuleNamesTheOverride) {
  EXPECT_EQ(testing::load_error(base_scenario(), {"corridor.SYR-TUR.to=SYR"}),
            "test.ini: [corridor SYR-TUR] to: 'from' and 'to' are both 'SYR'; a corridor joins "
            "two different states (in --set 'corridor.SYR-TUR.to=SYR')");
}

TEST(Overrides, Malformed) {
  expect_error(base_scenario(), {"test.ini:", "malformed override", "in --set 'state.TUR'"},
               {"state.TUR"});
  expect_error(base_scenario(), {"malformed override", "need an id"}, {"state.population=5"});
  expect_error(base_scenario(), {"malformed override", "empty key"}, {"state.TUR.=5"});
  expect_error(base_scenario(), {"malformed override"}, {"=5"});
  expect_error(base_scenario(), {"malformed override", "has no id"}, {"model.x.y=5"});
  expect_error(base_scenario(), {"malformed override"}, {"scenario=5"});
}

// The resolved text keeps every value on one line of a UTF-8 file; a value that cannot be written
// there would not reload, and `info --point` would print a re-run of another scenario.
TEST(Overrides, ControlCharactersAndInvalidUtf8AreRefused) {
  expect_error(base_scenario(),
               {"test.ini:", "cannot hold control characters ('\\n')",
                "(in --set 'scenario.description=two\\nlines')"},
               {"scenario.description=two\nlines"});
  for (const std::string& override : std::vector<std::string>{
           "scenario.name=a\rb", "scenario.description=a\tb", "state.TUR.population=1\n[state X]",
           "state.TUR\n.population=5", std::string("scenario.name=a\0b", 17), "scenario.name=a\x7F",
           "scenario.name=\x1B[31mred"}) {
    expect_error(base_scenario(), {"cannot hold control characters", "(in --set '"}, {override});
  }
  expect_error(base_scenario(), {"must be UTF-8 text", "(in --set 'scenario.name="},
               {"scenario.name=caf\xE9"});
  // What the file format itself allows still goes through.
  const LoadedScenario accepted = load_scenario_text(
      base_scenario(), "test.ini", std::vector<std::string>{"scenario.description=café, ok"});
  EXPECT_NE(accepted.resolved_text.find("description = café, ok"), std::string::npos);
  const LoadedScenario reloaded = load_scenario_text(accepted.resolved_text, "resolved.ini");
  EXPECT_EQ(reloaded.scenario->settings.description, "café, ok");
}

}  // namespace
}  // namespace migdip
