// Every class of mistake in a scenario file gives one InputError naming the file, line,
// section and key, with a phrase saying what is wrong.

#include <gtest/gtest.h>

#include <cmath>

#include "io_ini/ini_test_support.h"

namespace migdip {
namespace {

using testing::base_scenario;
using testing::expect_error;
using testing::kBaseLines;
using testing::load_with;

std::string at(int line_in_extra) {
  return "test.ini:" + std::to_string(kBaseLines + line_in_extra) + ":";
}

const char* kStates = "[state A]\nroles = origin\npopulation = 1\nincome_per_head = 1\n";

TEST(ScenarioErrors, MessageFormat) {
  const std::string message =
      testing::load_error(base_scenario() + "[state X]\nroles = origin\npopulation = abc\n");
  EXPECT_EQ(message, "test.ini:28: [state X] population: expected a number, got 'abc'");
}

TEST(ScenarioErrors, ScenarioSection) {
  expect_error(kStates, {"test.ini", "[scenario]", "missing required section"});
  expect_error(std::string("[scenario]\nstart_date = 2016-01-01\nticks = 1\n") + kStates,
               {"test.ini:1: [scenario] name: missing required key"});
  expect_error(std::string("[scenario]\nname = x\nticks = 1\n") + kStates,
               {"[scenario] start_date: missing required key"});
  expect_error(std::string("[scenario]\nname = x\nstart_date = 2016-01-01\n") + kStates,
               {"[scenario] ticks: missing required key", "'ticks' or 'end_date'"});
  expect_error(std::string("[scenario]\nname = x\nstart_date = 2016-01-01\nticks = 3\n"
                           "end_date = 2016-05-01\n") +
                   kStates,
               {"test.ini:5: [scenario] end_date:", "either 'ticks' or 'end_date', not both"});
  expect_error(std::string("[scenario]\nname = x\nstart_date = 2016-01-01\n"
                           "end_date = 2015-12-31\n") +
                   kStates,
               {"test.ini:4: [scenario] end_date:", "must not be before start_date"});
  expect_error(std::string("[scenario]\nname =\nstart_date = 2016-01-01\nticks = 1\n") + kStates,
               {"test.ini:2: [scenario] name: must not be empty"});
  expect_error(std::string("[scenario]\nname = x\nstart_date = 2016-02-30\nticks = 1\n") + kStates,
               {"test.ini:3: [scenario] start_date:",
                "expected a date YYYY-MM-DD, got "
                "'2016-02-30'"});
  expect_error(std::string("[scenario extra]\n") + kStates, {"[scenario extra]", "takes no id"});
}

TEST(ScenarioErrors, Integers) {
  auto with_ticks = [](std::string ticks) {
    return "[scenario]\nname = x\nstart_date = 2016-01-01\nticks = " + ticks + "\n" + kStates;
  };
  expect_error(with_ticks("0"), {"test.ini:4: [scenario] ticks: must be >= 1, got 0"});
  expect_error(with_ticks("-2"), {"[scenario] ticks: must be >= 1, got -2"});
  expect_error(with_ticks("3.5"), {"[scenario] ticks: expected an integer, got '3.5'"});
  expect_error(with_ticks("12abc"), {"[scenario] ticks: expected an integer, got '12abc'"});
  expect_error(with_ticks("99999999"), {"[scenario] ticks:", "after the year 9999"});
  expect_error(base_scenario() + "[scenario]\n", {"duplicate section"});
  expect_error(
      std::string("[scenario]\nname = x\nstart_date = 2016-01-01\nticks = 1\nseed = -1\n") +
          kStates,
      {"[scenario] seed: must be >= 0, got -1"});
  expect_error(std::string("[scenario]\nname = x\nstart_date = 2016-01-01\nticks = 1\n"
                           "run = 4294967296\n") +
                   kStates,
               {"[scenario] run: must be in [0, 4294967295], got 4294967296"});
  expect_error(std::string("[scenario]\nname = x\nstart_date = 2016-01-01\nticks = 1\n"
                           "tick_length = weeks\n") +
                   kStates,
               {"[scenario] tick_length: expected one of day, week, month, got 'weeks'",
                "did you mean 'week'"});
}

TEST(ScenarioErrors, UnknownSectionsAndKeys) {
  expect_error(base_scenario() + "[State X]\n",
               {at(1), "[State X]", "unknown section kind 'State'", "did you mean 'state'"});
  expect_error(base_scenario() + "[state X]\nroles = origin\npopulation = 1\nincome = 5\n",
               {at(4), "[state X] income:", "unknown key 'income' in a [state] section"});
  expect_error(base_scenario() + "[model]\nchoice_sensitivty = 2\n",
               {at(2), "[model] choice_sensitivty:", "did you mean 'choice_sensitivity'"});
  expect_error(base_scenario() + "[outputs]\nstocks = true\n",
               {"[outputs] stocks:", "unknown key 'stocks'"});
  expect_error(base_scenario() + "[state]\n", {"[state]", "needs an id"});
  expect_error(base_scenario() + "[state A B]\n", {"invalid id 'A B'"});
  expect_error(base_scenario() + "[corridor a.b]\n", {"invalid id 'a.b'"});
}

TEST(ScenarioErrors, Numbers) {
  const std::string state = base_scenario() + "[state X]\nroles = origin\nincome_per_head = 1\n";
  expect_error(state + "population = 12abc\n",
               {at(4), "[state X] population:", "expected a number, got '12abc'"});
  expect_error(state + "population = nan\n", {"population: expected a finite number, got 'nan'"});
  expect_error(state + "population = inf\n", {"population: expected a finite number, got 'inf'"});
  expect_error(state + "population = -5\n", {at(4), "population: must be > 0, got -5"});
  expect_error(state + "population = 0\n", {"population: must be > 0, got 0"});
  expect_error(state + "population =\n", {at(4), "population: missing value"});
  expect_error(state + "population = 1\nprotection_need = 1.5\n",
               {at(5), "[state X] protection_need: must be in [0, 1], got 1.5"});
  expect_error(state + "population = 1\nemigration_rate = -0.1\n",
               {"emigration_rate: must be >= 0, got -0.1"});
  expect_error(state + "population = 1\nstay_utility = inf\n", {"stay_utility:", "finite"});
  expect_error(base_scenario() + "[model]\ncontinuation_discount = 1\n",
               {"[model] continuation_discount: must be in [0, 1), got 1"});
  expect_error(base_scenario() + "[model]\nchoice_sensitivity = 0\n",
               {"[model] choice_sensitivity: must be > 0, got 0"});
  expect_error(base_scenario() + "[outputs]\nstocks_by_location = maybe\n",
               {"[outputs] stocks_by_location:", "expected true or false", "got 'maybe'"});
}

TEST(ScenarioErrors, States) {
  expect_error("[scenario]\nname = x\nstart_date = 2016-01-01\nticks = 1\n",
               {"test.ini", "no [state ID] sections"});
  expect_error(base_scenario() + "[state X]\npopulation = 1\nincome_per_head = 1\n",
               {at(1), "[state X] roles: missing required key"});
  expect_error(base_scenario() + "[state X]\nroles =\npopulation = 1\nincome_per_head = 1\n",
               {at(2), "[state X] roles:", "at least one of origin, transit, destination"});
  expect_error(base_scenario() + "[state X]\nroles = origin, origin\n",
               {"roles:", "'origin' is listed twice"});
  expect_error(base_scenario() + "[state X]\nroles = origin\nincome_per_head = 1\n",
               {at(1), "[state X] population: missing required key"});
  expect_error(base_scenario() + "[state X]\nname =\nroles = origin\n",
               {at(2), "[state X] name: must not be empty"});
}

TEST(ScenarioErrors, Blocs) {
  expect_error(base_scenario() + "[bloc TUR]\nmembers = GRC\n",
               {at(1), "[bloc TUR]", "already a state id"});
  expect_error(base_scenario() + "[bloc EU]\nmembers = GRC, GRE\n",
               {at(2), "[bloc EU] members:", "unknown state 'GRE' (did you mean 'GRC'?)"});
  expect_error(base_scenario() + "[bloc EU]\nmembers = GRC, GRC\n",
               {"[bloc EU] members:", "'GRC' is listed twice"});
  expect_error(base_scenario() + "[bloc EU]\nmembers = GRC,,TUR\n", {"empty item"});
  expect_error(base_scenario() + "[bloc EU]\nname = Union\n",
               {at(1), "[bloc EU] members: missing required key"});
}

TEST(ScenarioErrors, Corridors) {
  expect_error(base_scenario() + "[corridor X]\nfrom = TUR\nto = TUR\n",
               {at(3), "[corridor X] to:", "two different states"});
  expect_error(base_scenario() + "[corridor X]\nto = TUR\n",
               {at(1), "[corridor X] from: missing required key"});
  expect_error(base_scenario() + "[corridor X]\nfrom = TUR\nto = GRC\ncapacity = 0\n",
               {at(4), "capacity: must be > 0 or 'unlimited', got 0"});
  expect_error(base_scenario() + "[corridor X]\nfrom = TUR\nto = GRC\ncapacity = infinite\n",
               {"capacity: expected a number, got 'infinite'"});
  expect_error(base_scenario() + "[corridor X]\nfrom = TUR\nto = GRC\nmortality = 2\n",
               {"mortality: must be in [0, 1], got 2"});
  expect_error(base_scenario() + "[corridor X]\nfrom = TUR\nto = GRC\nopen = perhaps\n",
               {"[corridor X] open:", "got 'perhaps'"});
  const auto scenario = load_with("[corridor X]\nfrom = TUR\nto = GRC\ncapacity = unlimited\n");
  EXPECT_TRUE(std::isinf(scenario->corridors.back().capacity));
}

TEST(ScenarioErrors, Pathways) {
  expect_error(base_scenario() + "[pathway P]\nkind = resettlement\nfrom = TUR\nto = GRC\n",
               {at(1), "[pathway P] nationality: missing required key"});
  expect_error(base_scenario() +
                   "[pathway P]\nkind = resettlement\nfrom = TUR\nto = GRC\nnationality = TUR\n",
               {at(5), "[pathway P] nationality:", "state 'TUR' has no origin role"});
  expect_error(base_scenario() + "[pathway P]\nkind = labour\nfrom = TUR\nto = GRC\n",
               {"[pathway P] from:", "state 'TUR' has no origin role"});
  expect_error(
      base_scenario() + "[pathway P]\nkind = labour\nfrom = SYR\nto = GRC\nnationality = TUR\n",
      {at(5), "[pathway P] nationality:", "must be 'from' for a labour pathway"});
  expect_error(base_scenario() + "[pathway P]\nkind = visa\nfrom = SYR\nto = GRC\n",
               {"[pathway P] kind: expected one of resettlement, labour, got 'visa'"});
  expect_error(base_scenario() + "[pathway P]\nkind = labour\nfrom = SYR\nto = SYR\n",
               {"[pathway P] to:", "two different states"});
  expect_error(base_scenario() + "[pathway P]\nkind = labour\nfrom = SYR\nto = TUR\nquota = -1\n",
               {"[pathway P] quota: must be >= 0, got -1"});
}

TEST(ScenarioErrors, Stocks) {
  expect_error(base_scenario() + "[stock SYR at TUR]\n",
               {at(1), "[stock SYR at TUR]", "expected [stock NAT in LOC]"});
  expect_error(base_scenario() + "[stock TUR in GRC]\nhosted = 5\n",
               {at(1), "[stock TUR in GRC]", "state 'TUR' has no origin role"});
  expect_error(base_scenario() + "[stock SYR in GRE]\nhosted = 5\n",
               {at(1), "[stock SYR in GRE]", "unknown state 'GRE' (did you mean 'GRC'?)"});
  expect_error(base_scenario() + "[stock SYR in TUR]\nhosted = -5\n",
               {at(2), "[stock SYR in TUR] hosted: must be >= 0, got -5"});
  expect_error(base_scenario() + "[stock SYR in TUR]\nhostd = 5\n",
               {"unknown key 'hostd'", "did you mean 'hosted'"});
  expect_error(base_scenario() + "[stock SYR in TUR]\nhosted = 5\n[stock SYR  in TUR]\n",
               {at(3), "duplicate section [stock SYR in TUR]"});
}

TEST(ScenarioErrors, EventTiming) {
  const std::string event = base_scenario() + "[event e]\ntype = coup\nstate = TUR\n";
  expect_error(event, {at(1), "[event e] date: missing required key", "'date' or 'tick'"});
  expect_error(event + "date = 2016-01-01\ntick = 0\n", {"either 'date' or 'tick', not both"});
  expect_error(event + "date = 2017-01-01\n", {at(4), "[event e] date:",
                                               "2017-01-01 is outside the run (2016-01-01 to "
                                               "2016-12-31)"});
  expect_error(event + "date = 2015-12-31\n", {"outside the run"});
  expect_error(event + "tick = 12\n",
               {at(4), "[event e] tick: must be in [0, 12) (the run has 12 ticks), got 12"});
  expect_error(event + "tick = -1\n", {"[event e] tick: must be >= 0, got -1"});
  expect_error(base_scenario() + "[event e]\ntick = 1\nstate = TUR\n",
               {"[event e] type: missing required key"});
  expect_error(base_scenario() + "[event e]\ntick = 1\ntype = invade\n",
               {"[event e] type: expected one of set, open_corridor"});
}

TEST(ScenarioErrors, KeysThatDoNotApplyToTheEventType) {
  expect_error(
      base_scenario() + "[event e]\ntick = 1\ntype = coup\nstate = TUR\namount = 5\n",
      {at(5), "[event e] amount:", "key 'amount' does not apply to events of type 'coup'"});
  expect_error(base_scenario() +
                   "[event e]\ntick = 1\ntype = open_corridor\ncorridor = SYR-TUR\n"
                   "parameter = cost\n",
               {"key 'parameter' does not apply to events of type 'open_corridor'"});
}

TEST(ScenarioErrors, SetEvents) {
  const std::string set = base_scenario() + "[event e]\ntick = 1\ntype = set\n";
  expect_error(set + "parameter = cost\nvalue = 1\n", {at(1), "[event e]", "needs a target"});
  expect_error(set + "state = TUR\ncorridor = SYR-TUR\nparameter = cost\nvalue = 1\n",
               {"[event e] corridor:", "one target", "'state' and 'corridor'"});
  expect_error(set + "state = TUR\nvalue = 1\n", {"[event e] parameter: missing required key"});
  expect_error(set + "state = TUR\nparameter = exit_enforcement\n",
               {"[event e] value: missing required key"});
  expect_error(set + "state = TUR\nparameter = mortality\nvalue = 0.1\n",
               {at(5), "[event e] parameter:", "'mortality' is a parameter of a corridor",
                "cannot be set on a state"});
  expect_error(set + "corridor = SYR-TUR\nparameter = quota\nvalue = 1\n",
               {"'quota' is a parameter of a pathway"});
  expect_error(set + "state = TUR\nparameter = exit_enforcment\nvalue = 1\n",
               {"did you mean 'exit_enforcement'"});
  expect_error(set + "state = TUR\nparameter = exit_enforcement\nvalue = 1.5\n",
               {at(6), "[event e] value: must be in [0, 1], got 1.5"});
  expect_error(set + "state = TUR\nparameter = hosting_capacity\nvalue = -1\n",
               {"value: must be >= 0, got -1"});
  expect_error(set + "corridor = SYR-TUR\nparameter = capacity\nvalue = 0\n",
               {"value: must be > 0 or 'unlimited', got 0"});
  expect_error(set + "state = TUR\nparameter = exit_enforcement\nvalue = unlimited\n",
               {"value: expected a number, got 'unlimited'"});
  expect_error(set + "corridor = TUR-GRC\nparameter = cost\nvalue = 1\n",
               {"[event e] corridor: unknown corridor 'TUR-GRC'"});
  expect_error(set + "bloc = EU\nparameter = exit_enforcement\nvalue = 1\n",
               {"[event e] bloc: unknown bloc 'EU'"});
  expect_error(set + "pathway = P\nparameter = quota\nvalue = 1\n",
               {"[event e] pathway: unknown pathway 'P'"});
  expect_error(set + "state = TRU\nparameter = exit_enforcement\nvalue = 1\n",
               {"[event e] state: unknown state 'TRU' (did you mean 'TUR'?)"});
  // A bloc takes state parameters but not corridor ones.
  const std::string bloc = "[bloc EU]\nmembers = GRC\n";
  EXPECT_NO_THROW(load_with(bloc + "[event e]\ntick = 1\ntype = set\nbloc = EU\n"
                                   "parameter = entry_enforcement\nvalue = 1\n"));
  expect_error(base_scenario() + bloc +
                   "[event e]\ntick = 1\ntype = set\nbloc = EU\nparameter = cost\nvalue = 1\n",
               {"'cost' is a parameter of a corridor", "cannot be set on a bloc"});
}

TEST(ScenarioErrors, OtherEvents) {
  const std::string event = base_scenario() + "[event e]\ntick = 1\n";
  expect_error(event + "type = close_corridor\n", {"[event e] corridor: missing required key",
                                                   "events of type 'close_corridor' need it"});
  expect_error(event + "type = coup\n", {"[event e] state: missing required key"});
  expect_error(event + "type = coup\nstate = TUR\nexit_enforcement = 2\n",
               {"[event e] exit_enforcement: must be in [0, 1], got 2"});
  expect_error(event + "type = transfer\nfrom = GRC\nto = TUR\n",
               {"[event e] amount: missing required key"});
  expect_error(event + "type = transfer\nfrom = GRC\nto = TUR\namount = 0\n",
               {"[event e] amount: must be > 0, got 0"});
  expect_error(event + "type = transfer\nfrom = GRC\nto = TUR\namount = 5\nover_months = 0\n",
               {"[event e] over_months: must be > 0, got 0"});
  expect_error(event + "type = transfer\nfrom = EU\nto = TUR\namount = 5\n",
               {"[event e] from: unknown state or bloc 'EU'"});
  expect_error(event + "type = transfer\nfrom = TUR\nto = TUR\namount = 5\n",
               {"[event e] to:", "two different parties"});
  expect_error(event + "type = engineered_surge\nstate = TUR\n",
               {"[event e] value: missing required key"});
  expect_error(event + "type = engineered_surge\nstate = TUR\nvalue = 1.2\n",
               {"[event e] value: must be in [0, 1], got 1.2"});
  expect_error(event + "type = engineered_surge\nstate = TUR\nvalue = 1\nend_tick = 1\n",
               {at(6), "[event e] end_tick:", "must end after it starts"});
  expect_error(event + "type = engineered_surge\nstate = TUR\nvalue = 1\nend_tick = 13\n",
               {"[event e] end_tick: must be at most 12"});
  expect_error(event + "type = engineered_surge\nstate = TUR\nvalue = 1\nend_date = 2017-01-02\n",
               {"[event e] end_date:", "outside the run"});
  expect_error(event +
                   "type = engineered_surge\nstate = TUR\nvalue = 1\nend_date = 2016-05-01\n"
                   "end_tick = 4\n",
               {"either 'end_date' or 'end_tick', not both"});
  // The day after the run ends the surge with the run.
  const auto scenario = load_with(
      "[event e]\ntick = 1\ntype = engineered_surge\nstate = TUR\nvalue = 1\n"
      "end_date = 2017-01-01\n");
  EXPECT_EQ(scenario->events.back().end_tick, 12);
}

TEST(ScenarioErrors, FixtureFileNamesFileLineSectionAndKey) {
  const std::string path = MIGDIP_TEST_DATA_DIR "/bad_unknown_key.ini";
  try {
    load_scenario_file(path);
    ADD_FAILURE() << "loaded";
  } catch (const InputError& error) {
    EXPECT_EQ(std::string(error.what()),
              path +
                  ":8: [state SYR] populaton: unknown key 'populaton' in a [state] section "
                  "(did you mean 'population'?)");
    EXPECT_EQ(error.where().line, 8);
    EXPECT_EQ(error.where().section, "state SYR");
    EXPECT_EQ(error.where().key, "populaton");
  }
}

}  // namespace
}  // namespace migdip
