// Every class of mistake in a scenario file gives one InputError naming the file, line,
// section and key, with a phrase saying what is wrong.

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <utility>
#include <vector>

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
  expect_error(
      std::string("[scenario]\nname = x\nstart_date = -001-01-01\nticks = 1\n") + kStates,
      {"test.ini:3: [scenario] start_date:", "expected a date YYYY-MM-DD, got '-001-01-01'"});
  expect_error(base_scenario(), {"[scenario] start_date:", "expected a date YYYY-MM-DD"},
               {"scenario.start_date=2016--1-01"});
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
      {"[scenario] seed: must be in [0, 9007199254740992], got -1"});
  // At most 2^53, decided exactly: 2^53 + 1 is 2^53 as a double.
  expect_error(std::string("[scenario]\nname = x\nstart_date = 2016-01-01\nticks = 1\n"
                           "seed = 9007199254740993\n") +
                   kStates,
               {"test.ini:5: [scenario] seed: must be in [0, 9007199254740992], got "
                "9007199254740993"});
  expect_error(std::string("[scenario]\nname = x\nstart_date = 2016-01-01\nticks = 1\n"
                           "seed = 18446744073709551615\n") +
                   kStates,
               {"[scenario] seed: must be in [0, 9007199254740992], got 18446744073709551615"});
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
  expect_error(base_scenario() + "[model]\nroute_value_tolerance = 0\n",
               {"[model] route_value_tolerance: must be in (0, 0.01), got 0"});
  expect_error(base_scenario() + "[model]\nroute_value_tolerance = 0.5\n",
               {"[model] route_value_tolerance: must be in (0, 0.01), got 0.5"});
  expect_error(base_scenario() + "[outputs]\nstocks_by_location = maybe\n",
               {"[outputs] stocks_by_location:", "expected true or false", "got 'maybe'"});
}

TEST(ScenarioErrors, SeaSeasonality) {
  const std::string model = base_scenario() + "[model]\nsea_seasonality = ";
  expect_error(model + "1, 1, 1\n",
               {"[model] sea_seasonality: must list 12 numbers, January to December, got 3"});
  expect_error(model + "1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1\n", {"got 13"});
  expect_error(model + "1, 1, x, 1, 1, 1, 1, 1, 1, 1, 1, 1\n",
               {"[model] sea_seasonality: month 3: expected a number, got 'x'"});
  expect_error(model + "1, 1, 1, 1, 1, 1, nan, 1, 1, 1, 1, 1\n", {"month 7:", "finite"});
  expect_error(model + "1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -0.5\n",
               {"[model] sea_seasonality: month 12 must be a finite number >= 0, got -0.5"});
  expect_error(model + "1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,\n", {"month 12:"});
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
  EXPECT_TRUE(std::isinf(scenario->corridors.back().lever(Lever::capacity)));
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
  // Both ends the same is reported first, even where `from` could not be a labour pathway's.
  expect_error(base_scenario() + "[pathway P]\nkind = labour\nfrom = TUR\nto = TUR\n",
               {at(4), "[pathway P] to:", "'from' and 'to' are both 'TUR'"});
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
  // The value of a parameter the target lacks is not judged by that parameter's range.
  expect_error(set + "state = TUR\nparameter = mortality\nvalue = 2000\n",
               {at(5), "[event e] parameter:", "'mortality' is a parameter of a corridor"});
  expect_error(set + "state = TUR\nparameter = mortality\n",
               {at(5), "[event e] parameter:", "'mortality' is a parameter of a corridor"});
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
  // Given as a date, the end is reported at the date's line.
  expect_error(event + "type = engineered_surge\nstate = TUR\nvalue = 1\nend_date = 2016-02-01\n",
               {at(6),
                "[event e] end_date: the surge must end after it starts (tick 1), but it "
                "ends at tick 1"});
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

// Sections appended to testing::strategic_scenario() start on the line after it.
std::string strategic_at(int line_in_extra) {
  return "test.ini:" + std::to_string(testing::strategic_lines() + line_in_extra) + ":";
}

TEST(ScenarioErrors, DiplomacySection) {
  const std::string base = base_scenario();
  expect_error(base + "[diplomacy]\nprotocol = nas\n",
               {at(2), "[diplomacy] protocol: expected one of nash, rubinstein, got 'nas'",
                "(did you mean 'nash'?)"});
  expect_error(base + "[diplomacy]\nhorizon_months = 0\n",
               {at(2), "[diplomacy] horizon_months: must be > 0, got 0"});
  expect_error(base + "[diplomacy]\nreputation_step = 1.5\n",
               {"[diplomacy] reputation_step: must be in [0, 1], got 1.5"});
  expect_error(base + "[diplomacy]\nround_months = -1\n",
               {"[diplomacy] round_months: must be > 0, got -1"});
  expect_error(base + "[diplomacy]\nreevaluation_tolerance = -0.1\n",
               {"[diplomacy] reevaluation_tolerance: must be >= 0, got -0.1"});
  expect_error(base + "[diplomacy]\nlearning_memory_months = -1\n",
               {"[diplomacy] learning_memory_months: must be >= 0, got -1"});
  expect_error(base + "[diplomacy]\ncounterfactual_months = 0\n",
               {"[diplomacy] counterfactual_months: must be > 0, got 0"});
  expect_error(
      base + "[diplomacy]\nhorizon_month = 3\n",
      {at(2), "[diplomacy] horizon_month:", "unknown key 'horizon_month' in a [diplomacy] section",
       "did you mean 'horizon_months'"});
  expect_error(base + "[diplomacy talks]\n", {at(1), "[diplomacy talks]", "takes no id"});
}

TEST(ScenarioErrors, PreferencesAndConduct) {
  const std::string state =
      base_scenario() + "[state X]\nroles = origin\npopulation = 1\nincome_per_head = 1\n";
  expect_error(state + "arrival_cost = -1\n",
               {at(5), "[state X] arrival_cost: must be >= 0, got -1"});
  expect_error(state + "salience_weight = -2\n", {"[state X] salience_weight: must be >= 0"});
  expect_error(state + "polarisation = -0.5\n", {"[state X] polarisation: must be >= 0"});
  expect_error(state + "hosting_cost = abc\n",
               {at(5), "[state X] hosting_cost: expected a number, got 'abc'"});
  expect_error(state + "substitution_months = nan\n",
               {"[state X] substitution_months: expected a finite number"});
  expect_error(state + "bargaining_power = 1.5\n",
               {at(5), "[state X] bargaining_power: must be in [0, 1], got 1.5"});
  expect_error(state + "patience = 0\n", {"[state X] patience: must be > 0, got 0"});
  expect_error(state + "reputation = -0.1\n", {"[state X] reputation: must be in [0, 1]"});
  expect_error(state + "democracy = 2\n", {"[state X] democracy: must be in [0, 1], got 2"});
  expect_error(state + "audience_cost = -1\n", {"[state X] audience_cost: must be >= 0"});
  expect_error(state + "reputation_stake = -1\n", {"[state X] reputation_stake: must be >= 0"});
  expect_error(state + "compliance = 1.01\n", {"[state X] compliance: must be in [0, 1]"});
  expect_error(state + "leakage = 2\n", {"[state X] leakage: must be in [0, 1], got 2"});
  expect_error(state + "next_election = 2017-01-01\n",
               {at(5), "[state X] next_election:",
                "2017-01-01 is outside the run (2016-01-01 to 2016-12-31)"});
  expect_error(state + "next_election = 2015-11-08\n",
               {"[state X] next_election: 2015-11-08 is outside the run"});
  expect_error(state + "next_election = soon\n",
               {at(5), "[state X] next_election: expected a date YYYY-MM-DD, got 'soon'"});
  const std::string bloc = base_scenario() + "[bloc EU]\nmembers = GRC\n";
  expect_error(bloc + "reputation = 1.2\n",
               {at(3), "[bloc EU] reputation: must be in [0, 1], got 1.2"});
  expect_error(bloc + "next_election = 2018-05-01\n",
               {at(3), "[bloc EU] next_election: 2018-05-01 is outside the run"});
  expect_error(
      bloc + "arrival_cost = 5\n",
      {at(3), "[bloc EU] arrival_cost:", "unknown key 'arrival_cost' in a [bloc] section"});
}

TEST(ScenarioErrors, InstrumentTypesAndReferences) {
  const std::string base = testing::strategic_scenario();
  expect_error(base + "[instrument x]\ntype = exit_enforcment\nuser = TUR\nlevel = 1\n",
               {strategic_at(2), "[instrument x] type: expected one of transfer, budget_support",
                "got 'exit_enforcment' (did you mean 'exit_enforcement'?)"});
  expect_error(base + "[instrument x]\nuser = TUR\n",
               {strategic_at(1), "[instrument x] type: missing required key"});
  expect_error(base + "[instrument x]\ntype = pushback\nlevel = 1\n",
               {strategic_at(1), "[instrument x] user: missing required key"});
  expect_error(
      base + "[instrument x]\ntype = pushback\nuser = TRU\nlevel = 1\n",
      {strategic_at(3), "[instrument x] user: unknown state or bloc 'TRU' (did you mean 'TUR'?)"});
  expect_error(
      base + "[instrument x]\ntype = aid_cut\nuser = EU\ntarget = GRE\n",
      {strategic_at(4), "[instrument x] target: unknown state 'GRE' (did you mean 'GRC'?)"});
  expect_error(base + "[instrument x]\ntype = sanctions\nuser = DEU\ntarget = EU\n",
               {"[instrument x] target: unknown state 'EU'"});
  expect_error(
      base + "[instrument x]\ntype = readmission\nuser = TUR\ncorridor = TUR-GRE\nlevel = 1\n",
      {strategic_at(4),
       "[instrument x] corridor: unknown corridor 'TUR-GRE' (did you mean 'TUR-GRC'?)"});
  expect_error(
      base + "[instrument x]\ntype = legal_pathway\nuser = EU\npathway = resettel\nlevel = 1\n",
      {strategic_at(4),
       "[instrument x] pathway: unknown pathway 'resettel' (did you mean 'resettle'?)"});
  expect_error(base + "[instrument tur_coast]\ntype = pushback\nuser = TUR\nlevel = 1\n",
               {strategic_at(1), "duplicate section [instrument tur_coast]"});
}

TEST(ScenarioErrors, InstrumentUsers) {
  const std::string base = testing::strategic_scenario();
  expect_error(base + "[instrument x]\ntype = open_gates\nuser = EU\nlevel = 1\n",
               {strategic_at(3), "[instrument x] user:",
                "an instrument of type 'open_gates' acts on its user's own levers",
                "must be a state, not the bloc 'EU'"});
  expect_error(base +
                   "[instrument x]\ntype = readmission\nuser = EU\ncorridor = TUR-GRC\n"
                   "level = 1\n",
               {strategic_at(3), "[instrument x] user:", "must be a state"});
  expect_error(base + "[instrument x]\ntype = departure_ban\nuser = TUR\nlevel = 1\n",
               {strategic_at(3),
                "[instrument x] user:", "needs the origin role, which state 'TUR' does not have"});
  expect_error(base + "[instrument x]\ntype = refuse_readmission\nuser = GRC\n",
               {strategic_at(3), "[instrument x] user:", "origin role"});
  expect_error(base + "[instrument x]\ntype = aid_cut\nuser = TUR\ntarget = TUR\n",
               {strategic_at(4), "[instrument x] target:",
                "aimed at another state, but 'target' is its user 'TUR'"});
  expect_error(
      base + "[instrument x]\ntype = readmission\nuser = TUR\ncorridor = SYR-TUR\nlevel = 1\n",
      {strategic_at(4), "[instrument x] corridor:", "corridor 'SYR-TUR' leaves 'SYR'",
       "the corridor must leave the user"});
  expect_error(
      base +
          "[instrument x]\ntype = deployment_ban\nuser = SYR\ntarget = DEU\npathway = resettle\n",
      {strategic_at(5), "[instrument x] pathway:", "'resettle' is a resettlement pathway",
       "needs a labour pathway"});
  expect_error(
      base + "[instrument x]\ntype = deployment_ban\nuser = TUR\ntarget = DEU\npathway = work\n",
      {strategic_at(5), "[instrument x] pathway:", "pathway 'work' starts in 'SYR'",
       "must start in 'TUR'"});
  // Incentives and the threats that act abroad may be a bloc's.
  EXPECT_NO_THROW(load_scenario_text(
      base + "[instrument x]\ntype = budget_support\nuser = EU\ntarget = SYR\namount = 1\n",
      "test.ini"));
}

TEST(ScenarioErrors, KeysRequiredByTheInstrumentType) {
  const std::string base = testing::strategic_scenario() + "[instrument x]\n";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"type = readmission\nuser = TUR\nlevel = 1\n", "corridor"},
      {"type = transfer\nuser = EU\ntarget = TUR\n", "amount"},
      {"type = budget_support\nuser = EU\namount = 1\n", "target"},
      {"type = exit_enforcement\nuser = TUR\n", "level"},
      {"type = legal_pathway\nuser = EU\nlevel = 5\n", "pathway"},
      {"type = deployment_ban\nuser = SYR\npathway = work\n", "target"},
      {"type = engineered_surge\nuser = TUR\n", "level"},
  };
  for (const auto& [keys, missing] : cases) {
    const std::string type = keys.substr(7, keys.find('\n') - 7);
    expect_error(base + keys,
                 {strategic_at(1), "[instrument x] " + missing +
                                       ": missing required key: instruments of type '" + type +
                                       "' need it"});
  }
}

TEST(ScenarioErrors, KeysThatDoNotApplyToTheInstrumentType) {
  const std::string base = testing::strategic_scenario() + "[instrument x]\n";
  expect_error(base + "type = transfer\nuser = EU\ntarget = TUR\namount = 1\nlevel = 0.5\n",
               {strategic_at(6), "[instrument x] level:",
                "key 'level' does not apply to instruments of type 'transfer'"});
  expect_error(base + "type = exit_enforcement\nuser = TUR\nlevel = 1\ntarget = GRC\n",
               {strategic_at(5), "[instrument x] target:",
                "key 'target' does not apply to instruments of type 'exit_enforcement'"});
  expect_error(
      base + "type = pushback\nuser = TUR\nlevel = 1\nmobilised_share = 0.2\n",
      {"[instrument x] mobilised_share:", "does not apply to instruments of type 'pushback'"});
  expect_error(base + "type = open_gates\nuser = TUR\nlevel = 1\nvalue_to_target = -5\n",
               {"[instrument x] value_to_target:", "instruments of type 'open_gates'"});
  expect_error(base + "type = aid_cut\nuser = EU\ntarget = TUR\ncorridor = TUR-GRC\n",
               {"[instrument x] corridor:", "instruments of type 'aid_cut'"});
  expect_error(
      base + "type = legal_pathway\nuser = EU\npathway = resettle\nlevel = 1\namount = 5\n",
      {"[instrument x] amount:", "instruments of type 'legal_pathway'"});
}

TEST(ScenarioErrors, InstrumentValues) {
  const std::string base = testing::strategic_scenario() + "[instrument x]\n";
  expect_error(base + "type = exit_enforcement\nuser = TUR\nlevel = 1.5\n",
               {strategic_at(4), "[instrument x] level: must be in [0, 1], got 1.5"});
  expect_error(base + "type = camp_closure\nuser = TUR\nlevel = -0.5\n",
               {"[instrument x] level: must be in [0, 1], got -0.5"});
  expect_error(base + "type = legal_pathway\nuser = EU\npathway = resettle\nlevel = -1\n",
               {strategic_at(5), "[instrument x] level: must be >= 0, got -1"});
  expect_error(base + "type = transfer\nuser = EU\ntarget = TUR\namount = -1\n",
               {strategic_at(5), "[instrument x] amount: must be >= 0, got -1"});
  expect_error(base + "type = aid_cut\nuser = EU\ntarget = TUR\ncost_to_user = -5\n",
               {"[instrument x] cost_to_user: must be >= 0, got -5"});
  expect_error(base + "type = open_gates\nuser = TUR\nlevel = 1\nmobilised_share = 1.5\n",
               {"[instrument x] mobilised_share: must be in [0, 1], got 1.5"});
  expect_error(base + "type = sanctions\nuser = EU\ntarget = TUR\nvalue_to_target = nan\n",
               {"[instrument x] value_to_target: expected a finite number"});
  // A surge aimed at corridors: each must start or end in the user, exist, and come once.
  expect_error(base + "type = engineered_surge\nuser = GRC\nlevel = 1\ncorridors = SYR-TUR\n",
               {strategic_at(5),
                "[instrument x] corridors: corridor 'SYR-TUR' goes from 'SYR' "
                "to 'TUR', but a 'engineered_surge' instrument acts only on "
                "corridors into or out of its user 'GRC'"});
  expect_error(base + "type = open_gates\nuser = TUR\nlevel = 1\ncorridors = TUR-GRC, nowhere\n",
               {strategic_at(5), "[instrument x] corridors: unknown corridor 'nowhere'"});
  expect_error(
      base + "type = engineered_surge\nuser = TUR\nlevel = 1\ncorridors = TUR-GRC, TUR-GRC\n",
      {"[instrument x] corridors: 'TUR-GRC' is listed twice"});
  expect_error(base + "type = camp_closure\nuser = TUR\nlevel = 1\ncorridors = TUR-GRC\n",
               {"[instrument x] corridors:", "instruments of type 'camp_closure'"});
  // An exit control aimed at corridors: each must leave the user.
  expect_error(base + "type = exit_enforcement\nuser = TUR\nlevel = 1\ncorridors = SYR-TUR\n",
               {strategic_at(5),
                "[instrument x] corridors: corridor 'SYR-TUR' goes from 'SYR' to 'TUR', but a "
                "'exit_enforcement' instrument controls exits only on corridors out of its user "
                "'TUR'"});
  const auto exit_aimed = load_scenario_text(
      base + "type = exit_enforcement\nuser = TUR\nlevel = 1\ncorridors = TUR-GRC\n", "test.ini");
  EXPECT_EQ(exit_aimed.scenario->instruments.back().corridors, (std::vector<int>{1}));
  const auto aimed = load_scenario_text(
      base + "type = engineered_surge\nuser = TUR\nlevel = 1\ncorridors = SYR-TUR, TUR-GRC\n",
      "test.ini");
  EXPECT_EQ(aimed.scenario->instruments.back().corridors, (std::vector<int>{0, 1}));
  const auto scenario = load_scenario_text(
      base + "type = legal_pathway\nuser = EU\npathway = resettle\nlevel = 25000\n", "test.ini");
  EXPECT_EQ(scenario.scenario->instruments.back().level, 25000);  // a quota, not a share
}

TEST(ScenarioErrors, AnAmountOnlyForInstrumentsThatMoveMoney) {
  const std::string guard = testing::strategic_scenario() +
                            "[instrument guard]\ntype = exit_enforcement\nuser = TUR\nlevel = 0.5\n"
                            "[event e]\ntick = 1\ntype = set\ninstrument = guard\n";
  expect_error(guard + "parameter = amount\nvalue = 1\n",
               {"[event e] parameter:", "instrument 'guard' (exit_enforcement) moves no money"});
  expect_error(guard + "parameter = amount\nvalue = -1\n", {"[event e] value:", ">= 0"});
}

TEST(ScenarioErrors, NegotiationParties) {
  const std::string base = testing::strategic_scenario() + "[negotiation x]\n";
  expect_error(base + "partner = TUR\nasks = tur_coast\n",
               {strategic_at(1), "[negotiation x] demander: missing required key"});
  expect_error(base + "demander = EU\nasks = tur_coast\n",
               {strategic_at(1), "[negotiation x] partner: missing required key"});
  expect_error(base + "demander = EUU\npartner = TUR\nasks = tur_coast\n",
               {strategic_at(2),
                "[negotiation x] demander: unknown state or bloc 'EUU' (did you mean 'EU'?)"});
  expect_error(base + "demander = EU\npartner = TRU\nasks = tur_coast\n",
               {strategic_at(3),
                "[negotiation x] partner: unknown state or bloc 'TRU' (did you mean 'TUR'?)"});
  // A bloc can be the partner: then the asks are its or its members' instruments.
  expect_error(base + "demander = TUR\npartner = EU\nasks = tur_coast\n",
               {"[negotiation x] asks:", "the partner's instruments (bloc 'EU' or its members)"});
  expect_error(base + "demander = TUR\npartner = TUR\nasks = tur_coast\n",
               {strategic_at(3), "[negotiation x] partner:",
                "the partner must differ from the demander, but both are 'TUR'"});
  expect_error(base + "demander = EU\npartner = GRC\nasks = tur_coast\n",
               {strategic_at(3),
                "[negotiation x] partner:", "state 'GRC' is a member of the demander bloc 'EU'"});
}

TEST(ScenarioErrors, NegotiationAgenda) {
  const std::string base = testing::strategic_scenario() + "[negotiation x]\n";
  const std::string eu_tur = base + "demander = EU\npartner = TUR\n";
  expect_error(eu_tur, {strategic_at(1), "[negotiation x] asks: missing required key",
                        "give 'asks', 'offers' or both"});
  expect_error(eu_tur + "asks =\n", {strategic_at(4), "[negotiation x] asks:", "at least one"});
  expect_error(eu_tur + "asks = tur_cost\n",
               {strategic_at(4),
                "[negotiation x] asks: unknown instrument 'tur_cost' (did you mean 'tur_coast'?)"});
  expect_error(eu_tur + "asks = tur_coast, tur_coast\n",
               {"[negotiation x] asks:", "'tur_coast' is listed twice"});
  expect_error(eu_tur + "asks = eu_visas\n",
               {strategic_at(4), "[negotiation x] asks:",
                "instrument 'eu_visas' is used by the bloc 'EU', but asks are the partner's "
                "instruments (state 'TUR')"});
  expect_error(eu_tur + "offers = tur_coast\n",
               {strategic_at(4), "[negotiation x] offers:",
                "instrument 'tur_coast' is used by the state 'TUR', but offers are the "
                "demander's instruments (bloc 'EU' or its members)"});
  expect_error(eu_tur + "offers = eu_pay\n", {strategic_at(4), "[negotiation x] offers:",
                                              "'eu_pay' is a transfer: money goes in 'payment'"});
  // A member's instruments are not the bloc's.
  expect_error(base + "demander = DEU\npartner = TUR\noffers = eu_visas\n",
               {"[negotiation x] offers:", "used by the bloc 'EU'"});
  expect_error(eu_tur + "asks = tur_coast\npayment = eu_visas\n",
               {strategic_at(5), "[negotiation x] payment:",
                "'eu_visas' is of type 'visa_liberalisation', but the payment must be a transfer"});
  expect_error(eu_tur + "asks = tur_coast\npayment = eu_py\n",
               {"[negotiation x] payment: unknown instrument 'eu_py' (did you mean 'eu_pay'?)"});
  expect_error(testing::strategic_scenario() +
                   "[instrument eu_syr]\ntype = transfer\nuser = EU\ntarget = SYR\namount = 1\n"
                   "[negotiation x]\ndemander = EU\npartner = TUR\nasks = tur_coast\n"
                   "payment = eu_syr\n",
               {strategic_at(10), "[negotiation x] payment:",
                "must be a transfer from the demander (bloc 'EU') to the partner (state 'TUR')"});
  expect_error(eu_tur + "asks = tur_coast\nthreats = eu_visas\n",
               {strategic_at(5),
                "[negotiation x] threats:", "'eu_visas' is an incentive ('visa_liberalisation')"});
  expect_error(eu_tur + "asks = tur_coast\nthreats = syr_exit\n",
               {strategic_at(5), "[negotiation x] threats:",
                "'syr_exit' is used by the state 'SYR', which is neither the demander nor the "
                "partner"});
  expect_error(eu_tur + "asks = tur_coast\nthreats = tur_gatse\n",
               {"[negotiation x] threats: unknown instrument 'tur_gatse' (did you mean "
                "'tur_gates'?)"});

  // At most 10 items between asks and offers.
  std::string many = testing::strategic_scenario();
  std::string asks;
  for (int i = 0; i < 9; ++i) {
    // Appended piece by piece: "p" + std::to_string(i) trips GCC 12's -Wrestrict.
    std::string id(1, 'p');
    id += std::to_string(i);
    many += "[instrument " + id + "]\ntype = pushback\nuser = TUR\nlevel = 0.5\n";
    asks += i == 0 ? "" : ", ";
    asks += id;
  }
  const std::string ten = many + "[negotiation x]\ndemander = EU\npartner = TUR\nasks = " + asks +
                          "\noffers = eu_visas\n";
  EXPECT_NO_THROW(load_scenario_text(ten, "test.ini"));
  expect_error(ten.substr(0, ten.size() - 1) + ", eu_resettle\n",
               {"[negotiation x] offers:",
                "a negotiation's agenda holds at most 10 items, but 'asks' and 'offers' list 11"});
}

TEST(ScenarioErrors, NegotiationConditionalityAndTiming) {
  const std::string base =
      testing::strategic_scenario() + "[negotiation x]\ndemander = EU\npartner = TUR\n";
  expect_error(base +
                   "asks = tur_coast\npayment = eu_pay\nthreats = eu_aid_cut\n"
                   "conditionality = negative\n",
               {strategic_at(7), "[negotiation x] conditionality:",
                "'negative' conditionality pays no new money, so the negotiation takes no "
                "'payment' (here 'eu_pay')"});
  expect_error(base + "asks = tur_coast\nthreats = tur_gates\nconditionality = negative\n",
               {strategic_at(6), "[negotiation x] conditionality:",
                "needs an aid_cut of the demander against the partner among the 'threats'"});
  expect_error(base + "asks = tur_coast\nconditionality = positiv\n",
               {strategic_at(5), "[negotiation x] conditionality:",
                "expected one of none, positive, negative, reverse, got 'positiv'",
                "did you mean 'positive'"});
  expect_error(base + "asks = tur_coast\ncompliance_basis = levers\n",
               {strategic_at(5), "[negotiation x] compliance_basis:",
                "expected one of lever, outcome, got 'levers'"});
  expect_error(base + "asks = tur_coast\nstart_date = 2017-02-01\n",
               {strategic_at(5), "[negotiation x] start_date:",
                "2017-02-01 is outside the run (2016-01-01 to 2016-12-31)"});
  const std::vector<std::pair<std::string, std::string>> values = {
      {"duration_months = 0", "duration_months: must be > 0, got 0"},
      {"monitoring_lag_months = -1", "monitoring_lag_months: must be >= 0, got -1"},
      {"implementation_lag_months = -1", "implementation_lag_months: must be >= 0, got -1"},
      {"breach_threshold = 1.1", "breach_threshold: must be in [0, 1], got 1.1"},
      {"cooldown_months = -2", "cooldown_months: must be >= 0, got -2"},
      {"renegotiation_margin = -0.1", "renegotiation_margin: must be >= 0, got -0.1"},
  };
  for (const auto& [line, problem] : values) {
    expect_error(base + "asks = tur_coast\n" + line + "\n",
                 {strategic_at(5), "[negotiation x] " + problem});
  }
  expect_error(
      base + "asks = tur_coast\nduration_month = 5\n",
      {"[negotiation x] duration_month:", "unknown key 'duration_month' in a [negotiation] section",
       "did you mean 'duration_months'"});
}

// Names and values come from the user's file and may be megabytes long: every message quotes them
// cut to a readable length, once per place they appear, and still says what is wrong.
TEST(ScenarioErrors, HugeNamesAndValuesAreCutInMessages) {
  const std::string huge(1'000'000, 'Q');
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"[state X]\nroles = origin\n" + huge + " = 1\n", "unknown key 'QQQ"},
      {"[corridor X]\nfrom = SYR\nto = " + huge + "\n", "unknown state 'QQQ"},
      {"[state " + huge + "]\nroles = origin\npopulation = x\n", "expected a number"},
      {"[" + huge + "]\n", "unknown section kind 'QQQ"},
      {"[state X]\nroles = origin\npopulation = " + huge + "\n", "expected a number, got 'QQQ"},
      {"[state X]\nroles = " + huge + "\n", "is not one of origin, transit, destination"},
      {"[state " + huge + "]\n[state " + huge + "]\n", "duplicate section"},
      {"[state " + huge + "!]\n", "invalid id 'QQQ"},
  };
  for (const auto& [extra, phrase] : cases) {
    const std::string message = testing::load_error(base_scenario() + extra);
    EXPECT_LT(message.size(), 500u) << message.substr(0, 500);
    EXPECT_NE(message.find(phrase), std::string::npos) << message.substr(0, 500);
    EXPECT_NE(message.find("more bytes)"), std::string::npos) << message.substr(0, 500);
  }
  const std::string override_message =
      testing::load_error(base_scenario(), {"state.SYR." + huge + "=1"});
  EXPECT_LT(override_message.size(), 500u) << override_message.substr(0, 500);
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

namespace migdip {
namespace {

// [outputs] names series of the recorder; a misspelt one names file, section and key, with the
// closest name, whether written in the file or given with --set.
TEST(ScenarioErrors, DeclaredOutputsNameKnownSeries) {
  expect_error(testing::base_scenario() + "[outputs]\nvariables = states, corridors/arivals\n",
               {"test.ini:", "[outputs] variables:", "unknown variable 'corridors/arivals'",
                "did you mean 'corridors/arrivals'?"});
  expect_error(testing::base_scenario() + "[outputs]\nexclude = state\n",
               {"[outputs] exclude:", "unknown group 'state'", "did you mean 'states'?"});
  expect_error(testing::base_scenario(), {"[outputs] exclude:", "unknown group 'corridor'"},
               {"outputs.exclude=corridor/arrivals"});
  expect_error(testing::base_scenario(), {"[outputs] interval:", "expected one of"},
               {"outputs.interval=week"});
  expect_error(testing::base_scenario(), {"[outputs] compression:", "expected one of"},
               {"outputs.compression=10"});
  expect_error(testing::base_scenario(), {"[outputs] precision:", "did you mean 'float32'"},
               {"outputs.precision=float23"});
}

TEST(ScenarioErrors, DeclaredOutputsReadAsWritten) {
  const std::shared_ptr<const Scenario> scenario = testing::load_with(
      "[outputs]\nvariables = states, corridors/*, corridors/deaths_by_nationality\n"
      "exclude = states/salience\ninterval = year\nprecision = float32\n"
      "compression = 0\nlarge_series_limit = 12\n");
  const OutputSettings& outputs = scenario->outputs;
  EXPECT_EQ(outputs.variables,
            (std::vector<std::string>{"states", "corridors/*", "corridors/deaths_by_nationality"}));
  EXPECT_EQ(outputs.exclude, std::vector<std::string>{"states/salience"});
  EXPECT_EQ(outputs.interval, OutputInterval::year);
  EXPECT_EQ(outputs.precision, OutputPrecision::float32);
  EXPECT_EQ(outputs.compression, 0);
  EXPECT_EQ(outputs.large_series_limit, 12U);
  const OutputSettings defaults = testing::load_with("")->outputs;
  EXPECT_TRUE(defaults.variables.empty());
  EXPECT_EQ(defaults.interval, OutputInterval::tick);
  EXPECT_EQ(defaults.compression, kAutomaticCompression);
  EXPECT_EQ(defaults.large_series_limit, 10000U);
}

// Scenarios built in code are checked too (without suggestions: the loader makes those).
TEST(ScenarioErrors, DeclaredOutputsOfScenariosBuiltInCode) {
  Scenario scenario = *testing::load_with("");
  scenario.outputs.variables = {"states/nope"};
  EXPECT_THROW(check_scenario(scenario), InputError);
  scenario.outputs.variables = {};
  scenario.outputs.compression = 12;
  EXPECT_THROW(check_scenario(scenario), InputError);
}

}  // namespace
}  // namespace migdip
