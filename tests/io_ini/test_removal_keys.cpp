// The keys of removals of people already inside (docs/model.md 7.6.13): read from state and
// corridor sections, set by events (a deportation campaign), and refused out of range.

#include <gtest/gtest.h>

#include <string>

#include "io_ini/ini_test_support.h"

namespace migdip {
namespace {

using testing::base_scenario;
using testing::expect_error;
using testing::load_with;

constexpr int kTur = 1;

TEST(RemovalKeys, StateAndCorridorKeysAndACampaignEvent) {
  // Appended sections replace nothing: a second corridor into TUR carries the expulsions.
  const auto scenario = load_with(
      "[corridor GRC-TUR]\nfrom = GRC\nto = TUR\nexpulsion_capacity = 300\n\n"
      "[event campaign]\ndate = 2016-04-01\ntype = set\nstate = TUR\n"
      "parameter = removal_capacity\nvalue = 2500\n\n"
      "[event tariff]\ntick = 4\ntype = set\nstate = TUR\nparameter = removal_cost\nvalue = "
      "3000\n");
  EXPECT_EQ(scenario->states[kTur].lever(Lever::removal_capacity), 0);  // the default: none
  EXPECT_EQ(scenario->states[kTur].lever(Lever::removal_cost), 0);
  EXPECT_EQ(scenario->corridors[0].lever(Lever::expulsion_capacity), 0);
  EXPECT_EQ(scenario->corridors[1].lever(Lever::expulsion_capacity), 300);
  ASSERT_EQ(scenario->events.size(), 2U);
  EXPECT_EQ(scenario->events[0].parameter, Lever::removal_capacity);
  EXPECT_EQ(scenario->events[0].tick, 3);
  EXPECT_EQ(scenario->events[0].value, 2500);
  EXPECT_EQ(scenario->events[1].parameter, Lever::removal_cost);
}

TEST(RemovalKeys, NegativeCapacitiesAndCostsAreRefused) {
  const std::string state = "[state X]\nroles = destination\npopulation = 1\nincome_per_head = 1\n";
  expect_error(base_scenario() + state + "removal_capacity = -1\n",
               {"[state X] removal_capacity:", "must be >= 0"});
  expect_error(base_scenario() + state + "removal_cost = -5\n",
               {"[state X] removal_cost:", "must be >= 0"});
  expect_error(base_scenario() + "[corridor X]\nfrom = SYR\nto = GRC\nexpulsion_capacity = -2\n",
               {"[corridor X] expulsion_capacity:", "must be >= 0"});
  expect_error(base_scenario() +
                   "[event e]\ntick = 1\ntype = set\ncorridor = SYR-TUR\n"
                   "parameter = removal_capacity\nvalue = 1\n",
               {"'removal_capacity' is a parameter of a state"});
}

// Transfers to a third country (docs/model.md 7.6.14): `offshore_state` names a state, possibly
// one declared later, is written into the resolved text only when given, and is never the state
// itself.
TEST(OffshoreKeys, ThirdStateIsAReferenceResolvedAfterEveryState) {
  const std::string text = base_scenario() +
                           "[state ALB]\nroles = transit\npopulation = 2.8e6\n"
                           "income_per_head = 6000\n\n"
                           "[event start]\ntick = 2\ntype = set\nstate = GRC\n"
                           "parameter = offshore_capacity\nvalue = 3000\n";
  std::string with_third = text;
  with_third.replace(with_third.find("income_per_head = 17000\n"),
                     std::string("income_per_head = 17000\n").size(),
                     "income_per_head = 17000\noffshore_state = ALB\noffshore_cost = 9000\n");
  const LoadedScenario loaded = load_scenario_text(with_third, "test.ini", {});
  constexpr int kGrc = 2;
  constexpr int kAlb = 3;
  EXPECT_EQ(loaded.scenario->states[kGrc].offshore_state, kAlb);
  EXPECT_EQ(loaded.scenario->states[kGrc].lever(Lever::offshore_cost), 9000);
  EXPECT_EQ(loaded.scenario->states[kTur].offshore_state, -1);
  EXPECT_NE(loaded.resolved_text.find("offshore_state = ALB"), std::string::npos);
  const LoadedScenario again = load_scenario_text(loaded.resolved_text, "resolved.ini", {});
  EXPECT_EQ(again.scenario->states[kGrc].offshore_state, kAlb);
  // Absent, it is not written.
  EXPECT_EQ(load_scenario_text(text, "test.ini", {}).resolved_text.find("offshore_state"),
            std::string::npos);

  std::string unknown = with_third;
  unknown.replace(unknown.find("offshore_state = ALB"), 20, "offshore_state = ALX");
  expect_error(unknown, {"[state GRC] offshore_state:", "unknown state 'ALX'"});
  std::string itself = with_third;
  itself.replace(itself.find("offshore_state = ALB"), 20, "offshore_state = GRC");
  expect_error(itself, {"[state GRC] offshore_state:", "another state"});
}

}  // namespace
}  // namespace migdip
