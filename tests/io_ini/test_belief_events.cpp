// Announcements and rumours (docs/model.md 7.1.6-7.1.7) in scenario files: what they load as,
// and one line naming the key for each mistake.

#include <gtest/gtest.h>

#include <string>

#include "io_ini/ini_test_support.h"

namespace migdip {
namespace {

using testing::base_scenario;
using testing::expect_error;
using testing::load_with;

TEST(BeliefEvents, AnnouncementAndRumourLoad) {
  const auto scenario = load_with(
      "[model]\nbelief_lag_days = 30\nbelief_memory_days = 60\n"
      "[event plan]\ndate = 2016-02-01\ntype = announcement\ncorridor = SYR-TUR\n"
      "parameter = entry_enforcement\nvalue = 0.7\neffective_date = 2016-05-10\n"
      "credibility = 0.6\n"
      "[event open]\ntick = 3\ntype = rumour\nstate = TUR\nparameter = recognition_rate\n"
      "value = 1\nend_tick = 5\n");
  EXPECT_EQ(scenario->model.belief_lag_days, 30);
  EXPECT_EQ(scenario->model.belief_memory_days, 60);
  const EventSpec& plan = scenario->events[0];
  EXPECT_EQ(plan.type, EventType::announcement);
  EXPECT_EQ(plan.tick, 1);
  EXPECT_EQ(plan.effective_tick, 4);  // 2016-05-10 lies in the tick starting 2016-05-01
  EXPECT_EQ(plan.target_kind, TargetKind::corridor);
  EXPECT_EQ(plan.parameter, Lever::entry_enforcement);
  EXPECT_EQ(plan.value, 0.7);
  EXPECT_EQ(plan.credibility, 0.6);
  const EventSpec& rumour = scenario->events[1];
  EXPECT_EQ(rumour.type, EventType::rumour);
  EXPECT_EQ(rumour.target_kind, TargetKind::state);
  EXPECT_EQ(rumour.credibility, 1);  // the default
  EXPECT_EQ(rumour.end_tick, 5);
}

TEST(BeliefEvents, Mistakes) {
  const std::string event = base_scenario() + "[event e]\ntick = 2\n";
  const std::string announce = event + "type = announcement\ncorridor = SYR-TUR\n";
  expect_error(announce + "parameter = entry_enforcement\nvalue = 0.5\n",
               {"[event e] effective_date: missing required key"});
  expect_error(announce + "parameter = entry_enforcement\nvalue = 0.5\neffective_tick = 2\n",
               {"[event e] effective_tick:", "takes effect after it is announced (tick 2)"});
  expect_error(announce + "parameter = entry_enforcement\nvalue = 1.5\neffective_tick = 4\n",
               {"[event e] value: must be in [0, 1], got 1.5"});
  expect_error(announce + "parameter = cost\nvalue = 5\neffective_tick = 4\n",
               {"[event e] parameter:", "not 'cost'"});
  expect_error(announce + "parameter = recognition_rate\nvalue = 0.5\neffective_tick = 4\n",
               {"[event e] parameter:", "cannot concern a corridor"});
  expect_error(
      announce + "parameter = mortality\nvalue = 0.1\neffective_tick = 4\ncredibility = 2\n",
      {"[event e] credibility: must be in [0, 1], got 2"});
  expect_error(event + "type = rumour\nparameter = entry_enforcement\nvalue = 0\n",
               {"[event e]", "needs a target: one of state or corridor"});
  expect_error(event +
                   "type = rumour\ncorridor = SYR-TUR\nparameter = entry_enforcement\n"
                   "value = 0\nend_tick = 2\n",
               {"[event e] end_tick:", "a rumour ends after it starts"});
  expect_error(event +
                   "type = rumour\ncorridor = SYR-TUR\nparameter = entry_enforcement\n"
                   "value = 0\neffective_tick = 5\n",
               {"[event e] effective_tick:"});
  expect_error(base_scenario() + "[model]\nbelief_memory_days = -1\n",
               {"[model] belief_memory_days: must be >= 0, got -1"});
}

}  // namespace
}  // namespace migdip
