// The standard recorder on scenarios at the edges of what the loader accepts.

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "migdip/recording/series_recorder.h"
#include "migdip/simulation/simulation.h"
#include "support/scenario_builder.h"

namespace migdip {
namespace {

// A world without corridors is valid: nobody can move irregularly. Its corridor flows have no
// columns, and summing the row of any nationality but the first was undefined behaviour (clang's
// UBSan: "applying non-zero offset to null pointer"). Found by tests/fuzz/fuzz_simulation.
TEST(SeriesRecorder, AScenarioWithoutCorridorsRecordsNoCorridorFlows) {
  Scenario scenario = testing::chain_scenario();
  scenario.states.push_back(testing::make_state("OR2", testing::kOrigin, 5e6, 1000));
  scenario.corridors.clear();
  scenario.index_nationalities();
  Simulation simulation(testing::share(scenario));
  SeriesRecorder recorder;
  Observer* observers[] = {&recorder};
  simulation.run(observers);
  const RunRecord record = recorder.take_record();
  for (const std::string name : {"arrivals", "deaths"}) {
    const Variable* variable = record.find_variable("nationalities", name);
    ASSERT_NE(variable, nullptr) << name;
    ASSERT_EQ(variable->data.size(), 48U) << name;  // 24 ticks x 2 nationalities
    for (const double value : variable->data) {
      EXPECT_EQ(value, 0.0) << name;
    }
  }
}

RunRecord record_of(const Scenario& scenario) {
  Simulation simulation(testing::share(scenario));
  SeriesRecorder recorder;
  Observer* observers[] = {&recorder};
  simulation.run(observers);
  return recorder.take_record();
}

// Beliefs are recorded only when they can differ from the truth (a run that cannot would pay
// for four copies of the truth's series), and then as migrants held them at each tick.
TEST(SeriesRecorder, BeliefsAreRecordedWhenTheyCanDifferFromTheTruth) {
  Scenario scenario = testing::chain_scenario();
  EXPECT_EQ(
      record_of(scenario).find_variable("corridors", "believed_entry_interception_probability"),
      nullptr);
  // DST guards its border with 0.8; from tick 2 to 4 migrants hear that TRA-DST is open.
  scenario.states[2].lever(Lever::entry_enforcement) = 0.8;
  EventSpec rumour =
      testing::set_event("open", 2, TargetKind::corridor, 1, Lever::entry_enforcement, 0.0);
  rumour.type = EventType::rumour;
  rumour.end_tick = 4;
  scenario.events.push_back(rumour);
  const RunRecord record = record_of(scenario);
  const Variable* believed =
      record.find_variable("corridors", "believed_entry_interception_probability");
  const Variable* truth = record.find_variable("corridors", "entry_interception_probability");
  ASSERT_NE(believed, nullptr);
  ASSERT_NE(truth, nullptr);
  EXPECT_EQ(believed->units, "1");
  for (std::size_t t = 0; t < 6; ++t) {
    const std::size_t tra_dst = 2 * t + 1;  // tick x corridor
    EXPECT_EQ(truth->data[tra_dst], 0.8) << "tick " << t;
    EXPECT_EQ(believed->data[tra_dst], t == 2 || t == 3 ? 0.0 : 0.8) << "tick " << t;
  }
  for (const std::string name : {"believed_mortality", "believed_exit_interception_probability"}) {
    EXPECT_NE(record.find_variable("corridors", name), nullptr) << name;
  }
  EXPECT_NE(record.find_variable("states", "believed_recognition_rate"), nullptr);
}

// Budget lines are recorded only when one is limited, and then as what is left at the end of
// each tick: DST holds EUR 2.5 M and pays TRA EUR 1 M a nominal month (a transfer of 6 M over 6
// months), 1 M x 31 / 30.4375 in January 2020 and 1 M x 29 / 30.4375 in February: 2.5 M less
// those, then 0 in March (the third payment is cut to what is left and the transfer stops).
// TRA's and ORI's lines are unlimited (+inf).
TEST(SeriesRecorder, BudgetLinesAreRecordedWhenOneIsLimited) {
  Scenario scenario = testing::chain_scenario();
  EventSpec transfer;
  transfer.id = "aid";
  transfer.type = EventType::transfer;
  transfer.payer = Party{TargetKind::state, 2};
  transfer.payee = Party{TargetKind::state, 1};
  transfer.amount = 6e6;
  transfer.over_months = 6;
  scenario.events = {transfer};
  EXPECT_EQ(record_of(scenario).find_variable("states", "budget"), nullptr);
  scenario.states[2].budget.initial = 2.5e6;
  const RunRecord record = record_of(scenario);
  const Variable* budget = record.find_variable("states", "budget");
  ASSERT_NE(budget, nullptr);
  EXPECT_EQ(budget->units, "EUR");
  const double january = 2.5e6 - 1e6 * 31 / 30.4375;
  const double expected[] = {january, january - 1e6 * 29 / 30.4375, 0.0, 0.0};
  for (std::size_t t = 0; t < 4; ++t) {
    EXPECT_NEAR(budget->data[3 * t + 2], expected[t], 1e-6) << "tick " << t;  // tick x state
    EXPECT_TRUE(std::isinf(budget->data[3 * t + 1])) << "tick " << t;
  }
  EXPECT_NE(record.find_variable("blocs", "budget"), nullptr);
  EXPECT_EQ(record.find_variable("states", "aid_felt"), nullptr);
}

}  // namespace
}  // namespace migdip
