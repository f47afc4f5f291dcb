// Valuations that learn and compliance judged on outcomes (engine/phases/diplomacy/learning.cpp),
// against hand computations.
//
// The world is readmission_table_scenario() with DST asking TRA to raise its exit enforcement
// from 0 to 0.5 instead of readmitting: on 1000 arrivals a month on TRA-DST the linear response
// predicts 500 fewer, worth 1.5 M a month to DST against 120,000 to TRA, so the table signs
// when it opens at tick 2. Only phases 1, 4, 5 and 7 run, on flows the test sets by hand, so the
// arrivals DST sees are whatever the test says: 1000 a month before the deal, then 500 (as
// predicted), 800 and 1000 (people retry: the effect fades). Ticks are one month; the
// counterfactual is the mean of the 2 months before the control took effect (1000); the
// renegotiation margin is 10 so that no renegotiation interrupts the sequence.

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "migdip/world/world.h"
#include "phases/diplomacy/diplomacy_phase.h"
#include "phases/diplomacy/learning.h"
#include "phases/network.h"
#include "phases/policy_implementation.h"
#include "phases/scheduled_events.h"
#include "phases/tick_context.h"
#include "support/diplomacy_harness.h"
#include "support/diplomacy_parts.h"
#include "support/strategic_scenario.h"

namespace migdip::testing {
namespace {

constexpr int kTable = 0;

Scenario exit_control_table(double memory_months, ComplianceBasis basis) {
  Scenario scenario = readmission_table_scenario();
  InstrumentSpec& ask = instrument(scenario, "tra_readmits");
  ask.type = InstrumentType::exit_enforcement;
  ask.corridor = -1;
  ask.level = 0.5;
  scenario.negotiations[0].start_tick = 2;
  scenario.negotiations[0].renegotiation_margin = 10;
  scenario.negotiations[0].compliance_basis = basis;
  scenario.diplomacy.learning_memory_months = memory_months;
  scenario.diplomacy.counterfactual_months = 2;
  check_scenario(scenario);
  return scenario;
}

/// The shared harness, stepped with last tick's arrivals (and departures) on TRA-DST.
class Harness : public DiplomacyHarness {
 public:
  using DiplomacyHarness::DiplomacyHarness;
  using DiplomacyHarness::step;
  void step(double arrivals) {
    set_arrivals(arrivals);
    step();
  }
  double belief() { return diplomacy().learned_effect(0); }
};

// --- The update rules --------------------------------------------------------------------------

TEST(DiplomacyLearning, TheBeliefMovesTowardTheRealisedRatioWithItsMemory) {
  // Realised -20 against predicted -100: ratio 0.2. One month of a 3-month memory moves the
  // belief by 1 - exp(-1/3) = 0.2834687 of the way: 1 + 0.2834687 * (0.2 - 1) = 0.7732250.
  EXPECT_NEAR(learned_effect_after(1.0, -20, -100, 1.0, 3.0), 0.7732250, 1e-7);
  // A daily tick moves it less, so that a month of days moves it as far as one month.
  double daily = 1.0;
  for (int day = 0; day < 30; ++day) {
    daily = learned_effect_after(daily, -20, -100, 1.0 / 30, 3.0);
  }
  EXPECT_NEAR(daily, 0.7732250, 1e-7);
  // Arrivals that rose despite the control: nothing done (ratio clipped at 0).
  EXPECT_NEAR(learned_effect_after(1.0, 50, -100, 1.0, 3.0), 1.0 - 0.2834687, 1e-7);
  // At most twice the linear response.
  EXPECT_NEAR(learned_effect_after(1.0, -500, -100, 1.0, 3.0), 1.0 + 0.2834687, 1e-7);
  // No memory, or nothing predicted: nothing learned.
  EXPECT_EQ(learned_effect_after(0.8, -20, -100, 1.0, 0.0), 0.8);
  EXPECT_EQ(learned_effect_after(0.8, -20, 0.0, 1.0, 3.0), 0.8);
}

TEST(DiplomacyLearning, OutcomeComplianceIsTheShareOfThePredictedFallThatHappened) {
  // 1000 before, 500 fewer predicted: 800 observed is 200 / 500 = 0.4 of the promise.
  EXPECT_NEAR(outcome_compliance_of(1000, 800, -500), 0.4, 1e-12);
  EXPECT_EQ(outcome_compliance_of(1000, 1200, -500), 0.0);  // a rebound above the counterfactual
  EXPECT_EQ(outcome_compliance_of(1000, 300, -500), 1.0);   // more than promised
  EXPECT_EQ(outcome_compliance_of(1000, 1200, 0.0), 1.0);   // nothing was promised
}

// --- In the phase ------------------------------------------------------------------------------

TEST(DiplomacyLearning, AnExitControlWhoseEffectFadesIsBelievedToDoLess) {
  Harness harness(exit_control_table(3.0, ComplianceBasis::lever));
  harness.step(1000);  // tick 0: nothing observed yet
  harness.step(1000);  // tick 1: sees 1000
  harness.step(1000);  // tick 2: sees 1000; the deal is signed, the control takes effect
  ASSERT_EQ(harness.diplomacy().deals.size(), 1U);
  ASSERT_EQ(harness.diplomacy().in_force(0), 1);
  EXPECT_EQ(harness.belief(), 1.0);
  // Tick 3 sees 500: against 1000 before, -500 as the linear response predicted (1000 x (0.5 -
  // 1)): ratio 1, the belief stays.
  harness.step(500);
  EXPECT_NEAR(harness.belief(), 1.0, 1e-12);
  // Tick 4 sees 800: the mean since the control (2 months) is 650, -350 against -500: ratio 0.7,
  // belief 1 + 0.2834687 (0.7 - 1) = 0.9149594.
  harness.step(800);
  EXPECT_NEAR(harness.belief(), 0.9149594, 1e-7);
  // Tick 5 sees 1000: mean 900, ratio 0.2; belief 0.9149594 + 0.2834687 (0.2 - 0.9149594).
  harness.step(1000);
  EXPECT_NEAR(harness.belief(), 0.7122908, 1e-7);
  // The deal stands (judged on levers, which TRA delivers).
  EXPECT_EQ(harness.diplomacy().active_deal(kTable), 0);
}

TEST(DiplomacyLearning, WithoutMemoryNothingIsLearned) {
  Harness harness(exit_control_table(0.0, ComplianceBasis::lever));
  for (double arrivals : {1000.0, 1000.0, 1000.0, 500.0, 800.0, 1000.0, 1000.0}) {
    harness.step(arrivals);
  }
  EXPECT_EQ(harness.belief(), 1.0);
  EXPECT_EQ(harness.diplomacy().active_deal(kTable), 0);
}

TEST(DiplomacyLearning, ArrivalsThatReboundBreachADealJudgedOnOutcomes) {
  // No learning: the deal promised 1000 x (0.5 - 1) = -500 against the 1000 before it.
  Harness harness(exit_control_table(0.0, ComplianceBasis::outcome));
  for (double arrivals : {1000.0, 1000.0, 1000.0}) {
    harness.step(arrivals);
  }
  ASSERT_EQ(harness.diplomacy().active_deal(kTable), 0);
  harness.step(500);  // tick 3 measures 500 / 500 = 1
  harness.step(800);  // tick 4 measures (1000 - 650) / 500 = 0.7; sees tick 3's 1
  EXPECT_NEAR(harness.diplomacy().deals[0].compliance, 1.0, 1e-12);
  harness.step(1000);  // tick 5 measures (1000 - 900) / 500 = 0.2; sees tick 4's 0.7
  EXPECT_NEAR(harness.diplomacy().deals[0].compliance, 0.7, 1e-12);
  EXPECT_EQ(harness.diplomacy().active_deal(kTable), 0);
  harness.step(1000);  // tick 6 sees 0.2, below the breach threshold 0.5
  EXPECT_EQ(harness.diplomacy().active_deal(kTable), -1);
  EXPECT_EQ(harness.diplomacy().deals[0].status, DealStatus::breached);
  EXPECT_EQ(harness.diplomacy().deals[0].closed_tick, 6);

  // Judged on the lever, which TRA delivers in full, the same arrivals breach nothing.
  Harness levers(exit_control_table(0.0, ComplianceBasis::lever));
  for (double arrivals : {1000.0, 1000.0, 1000.0, 500.0, 800.0, 1000.0, 1000.0}) {
    levers.step(arrivals);
  }
  EXPECT_EQ(levers.diplomacy().active_deal(kTable), 0);
  EXPECT_EQ(levers.diplomacy().deals[0].compliance, 1.0);
}

}  // namespace
}  // namespace migdip::testing
