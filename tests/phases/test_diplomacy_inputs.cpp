// Inputs of the strategic layer beyond levers (issue 14, items 3, 4 and 7): `set` events on
// preferences, salience, reputation, budgets and instruments' valuations (stance_events.cpp);
// deals in force at the start (deals_at_start.cpp); budget lines that bind (budget_lines.cpp);
// root-causes aid (root_causes_aid.cpp).
//
// The diplomacy tests drive phases 1 (budgets, then events), 4 (diplomacy), 5 (policy) and 7
// (utility) on the readmission table (support/strategic_scenario.h) with flows set by hand: TRA
// readmitting half of the 1000 arrivals seen on TRA-DST is worth 500 * arrival price to DST and
// -500 * 40 * 6 = -120,000 a month to TRA. At DST's arrival cost of 3000 the Nash price is
// (1.5 M + 120,000) / 2 = 810,000 a month. Ticks are one nominal month long.

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "migdip/world/world.h"
#include "phases/budget_lines.h"
#include "phases/diplomacy/diplomacy_phase.h"
#include "phases/network.h"
#include "phases/policy_implementation.h"
#include "phases/root_causes_aid.h"
#include "phases/scheduled_events.h"
#include "phases/tick_context.h"
#include "support/diplomacy_harness.h"
#include "support/diplomacy_parts.h"
#include "support/strategic_scenario.h"

namespace migdip::testing {
namespace {

constexpr double kPrice = 810000;

using Harness = DiplomacyHarness;

// --- Events on what states want ---------------------------------------------------------------

// At arrival_cost 200 readmission is worth 500 * 200 = 100,000 to DST, less than the 120,000 it
// costs TRA: no deal. An event at tick 2 raises the cost to 3000: the table bargains again at
// once (its flows have not moved) and signs at the base price, 810,000.
TEST(DiplomacyInputs, AnEventRaisingTheArrivalCostBringsTheDeal) {
  Scenario scenario = readmission_table_scenario();
  scenario.states[kDst].preferences.arrival_cost = 200;
  scenario.events.push_back(
      stance_event("outrage", 2, TargetKind::state, kDst, StanceParameter::arrival_cost, 3000));
  Harness harness(scenario);
  harness.run_to(2);
  EXPECT_TRUE(harness.diplomacy().deals.empty());
  harness.step();
  ASSERT_EQ(harness.diplomacy().deals.size(), 1U);
  EXPECT_EQ(harness.diplomacy().deals[0].signed_tick, 2);
  EXPECT_NEAR(harness.diplomacy().deals[0].payment_per_month, kPrice, 1e-6);
  EXPECT_EQ(harness.world().stances.preferences[kDst].arrival_cost, 3000);
}

// Salience set by an event prices arrivals at 200 * (1 + 1 * (1 + 0) * 14) = 3000: the same
// deal as above, at the same price. Set on a bloc, it applies to every member.
TEST(DiplomacyInputs, AnEventRaisingSalienceBringsTheDeal) {
  Scenario scenario = readmission_table_scenario();
  scenario.states[kDst].preferences.arrival_cost = 200;
  BlocSpec bloc;
  bloc.id = "NORTH";
  bloc.members = {kDst};
  scenario.blocs.push_back(bloc);
  scenario.events.push_back(
      stance_event("hijacking", 3, TargetKind::bloc, 0, StanceParameter::salience, 14));
  Harness harness(scenario);
  harness.run_to(3);
  EXPECT_TRUE(harness.diplomacy().deals.empty());
  harness.step();
  ASSERT_EQ(harness.diplomacy().deals.size(), 1U);
  EXPECT_EQ(harness.diplomacy().deals[0].signed_tick, 3);
  EXPECT_NEAR(harness.diplomacy().deals[0].payment_per_month, kPrice, 1e-6);
  EXPECT_EQ(harness.world().politics.salience(kDst), 14);
}

// An instrument's cost set by an event: readmission costing TRA 2 M a month more leaves a joint
// gain of 1.38 M - 2 M = -620,000, logged as the failed bargain's surplus; no deal.
TEST(DiplomacyInputs, AnEventOnAnInstrumentsCostIsValued) {
  Scenario scenario = readmission_table_scenario();
  const int readmit = *scenario.find_instrument("tra_readmits");
  scenario.events.push_back(stance_event("sanctions", 0, TargetKind::instrument, readmit,
                                         StanceParameter::cost_to_user, 2e6));
  scenario.events.push_back(stance_event("protections", 0, TargetKind::instrument, readmit,
                                         StanceParameter::value_to_target, 5));
  Harness harness(scenario);
  harness.step();
  EXPECT_TRUE(harness.diplomacy().deals.empty());
  ASSERT_EQ(harness.diplomacy().log.size(), 1U);
  EXPECT_EQ(harness.diplomacy().log[0].action, NegotiationAction::no_agreement);
  EXPECT_NEAR(harness.diplomacy().log[0].value, -620000, 1e-6);
  EXPECT_EQ(harness.world().stances.cost_to_user(readmit), 2e6);
  EXPECT_EQ(harness.world().stances.value_to_target(readmit), 5);
}

// The money an instrument moves, set by an event: the payment's ceiling cut from 40 M to
// 500,000 a month (a donor cutting what it can offer) caps the price of the deal that would be
// signed at 810,000; TRA still gains (500,000 > 120,000), so the deal is signed at the cap.
TEST(DiplomacyInputs, AnEventOnAPaymentsAmountCapsThePrice) {
  Scenario scenario = readmission_table_scenario();
  const int pay = *scenario.find_instrument("dst_pays");
  scenario.events.push_back(
      stance_event("cuts", 0, TargetKind::instrument, pay, StanceParameter::amount, 500000));
  Harness harness(scenario);
  harness.step();
  ASSERT_EQ(harness.diplomacy().deals.size(), 1U);
  EXPECT_NEAR(harness.diplomacy().deals[0].payment_per_month, 500000, 1e-6);
  EXPECT_EQ(harness.world().stances.amount(pay), 500000);
}

// Reputation and budget set on a bloc are the bloc's own (actor state_count() + 0), not its
// members'.
TEST(DiplomacyInputs, ReputationAndBudgetEventsSetTheActorsOwn) {
  Scenario scenario = readmission_table_scenario();
  BlocSpec bloc;
  bloc.id = "NORTH";
  bloc.members = {kDst};
  scenario.blocs.push_back(bloc);
  scenario.events.push_back(
      stance_event("resolve", 0, TargetKind::bloc, 0, StanceParameter::reputation, 0.9));
  scenario.events.push_back(
      stance_event("slight", 0, TargetKind::state, kTra, StanceParameter::reputation, 0.1));
  scenario.events.push_back(
      stance_event("cuts", 0, TargetKind::bloc, 0, StanceParameter::budget, 7e6));
  Harness harness(scenario);
  harness.step();
  EXPECT_EQ(harness.diplomacy().reputation(3), 0.9);
  EXPECT_EQ(harness.diplomacy().reputation(kDst), 0.5);
  EXPECT_EQ(harness.diplomacy().reputation(kTra), 0.1);
  EXPECT_EQ(harness.world().treasury.budget(3), 7e6);
  EXPECT_TRUE(std::isinf(harness.world().treasury.budget(kDst)));
}

// --- Deals in force at the start --------------------------------------------------------------

// A readmission deal at EUR 500,000 a month runs from tick 0 for three months though the table
// opens only at tick 6: TRA readmits and DST pays from tick 0 (compliance is unobserved, 1, so
// positive conditionality pays in full); it expires at tick 3 and the table, cooling down until
// tick 6, then signs at the Nash price.
TEST(DiplomacyInputs, ADealInForceAtTheStartIsPaidFromTickZeroAndExpires) {
  Scenario scenario = readmission_table_scenario();
  NegotiationSpec& table = scenario.negotiations[0];
  table.start_tick = 6;
  table.duration_months = 3;
  table.at_start.items = {*scenario.find_instrument("tra_readmits")};
  table.at_start.payment_per_month = 500000;
  Harness harness(scenario);
  harness.run_to(7);
  const Diplomacy& diplomacy = harness.diplomacy();
  ASSERT_EQ(diplomacy.deals.size(), 2U);
  EXPECT_EQ(diplomacy.deals[0].signed_tick, 0);
  EXPECT_EQ(diplomacy.deals[0].status, DealStatus::expired);
  EXPECT_EQ(diplomacy.deals[0].closed_tick, 3);
  EXPECT_EQ(harness.payments(), (std::vector<double>{500000, 500000, 500000, 0, 0, 0, kPrice}));
  EXPECT_EQ(harness.readmission(), (std::vector<double>{0.5, 0.5, 0.5, 0, 0, 0, 0.5}));
  EXPECT_EQ(diplomacy.log[0].action, NegotiationAction::proposed);
  EXPECT_EQ(diplomacy.log[1].action, NegotiationAction::accepted);
  EXPECT_EQ(diplomacy.deals[1].signed_tick, 6);
}

// --- Budget lines -----------------------------------------------------------------------------

// DST's line holds 4.8 M: over a 24-month deal it can sustain 200,000 a month, so that is the
// price (the Nash price, 810,000, is above it; TRA still gains 200,000 - 120,000). At tick 3 a
// budget cut leaves 300,000 on the line: tick 3 pays 200,000, tick 4 the 100,000 left, and the
// deal ends there, breached by the partner for non-payment; TRA stops readmitting.
TEST(DiplomacyInputs, ABudgetThatRunsOutEndsThePaymentsAndTheDeal) {
  Scenario scenario = readmission_table_scenario();
  scenario.states[kDst].budget.initial = 4.8e6;
  scenario.events.push_back(
      stance_event("austerity", 3, TargetKind::state, kDst, StanceParameter::budget, 300000));
  Harness harness(scenario);
  harness.run_to(6);
  const Diplomacy& diplomacy = harness.diplomacy();
  ASSERT_GE(diplomacy.deals.size(), 1U);
  EXPECT_NEAR(diplomacy.deals[0].payment_per_month, 200000, 1e-6);
  EXPECT_EQ(diplomacy.deals[0].status, DealStatus::breached);
  EXPECT_EQ(diplomacy.deals[0].closed_tick, 4);
  const std::vector<double> expected{200000, 200000, 200000, 200000, 100000, 0};
  for (std::size_t t = 0; t < expected.size(); ++t) {
    EXPECT_NEAR(harness.payments()[t], expected[t], 1e-6) << "tick " << t;
  }
  EXPECT_EQ(harness.readmission()[4], 0.0);
  EXPECT_EQ(harness.world().treasury.budget(kDst), 0.0);
  bool breach_logged = false;
  for (const NegotiationEntry& entry : diplomacy.log) {
    if (entry.action == NegotiationAction::deal_breached) {
      breach_logged = true;
      EXPECT_EQ(entry.tick, 4);
      EXPECT_EQ(entry.actor, kTra);
    }
  }
  EXPECT_TRUE(breach_logged);
}

// A line that starts empty and gains 2.4 M a year (200,000 a month) sustains a deal at 200,000 a
// month for good: (200,000 + 200,000 * 23) / 24 = 200,000 is affordable, and each tick's
// allocation pays that tick's payment.
TEST(DiplomacyInputs, AYearlyAllocationSustainsItsShare) {
  Scenario scenario = readmission_table_scenario();
  scenario.states[kDst].budget = BudgetLine{0, 2.4e6};
  Harness harness(scenario);
  harness.run_to(6);
  ASSERT_EQ(harness.diplomacy().deals.size(), 1U);
  EXPECT_EQ(harness.diplomacy().deals[0].status, DealStatus::active);
  for (double paid : harness.payments()) {
    EXPECT_NEAR(paid, 200000, 1e-6);
  }
  EXPECT_NEAR(harness.world().treasury.budget(kDst), 0, 1e-6);
}

// A transfer of 1.2 M over 12 months (100,000 a month) from a line of 250,000 pays 100,000,
// 100,000, then the 50,000 left, and stops.
TEST(DiplomacyInputs, ATransferStopsWhenItsPayersLineRunsDry) {
  Scenario scenario = readmission_table_scenario();
  scenario.states[kDst].preferences.arrival_cost = 0;  // no deal draws on the line
  scenario.states[kDst].budget.initial = 250000;
  EventSpec aid;
  aid.id = "aid";
  aid.type = EventType::transfer;
  aid.payer = state_party(kDst);
  aid.payee = state_party(kTra);
  aid.amount = 1.2e6;
  aid.over_months = 12;
  scenario.events.push_back(aid);
  Harness harness(scenario);
  harness.run_to(5);
  const std::vector<double> expected{100000, 100000, 50000, 0, 0};
  for (std::size_t t = 0; t < expected.size(); ++t) {
    EXPECT_NEAR(harness.transfers()[t], expected[t], 1e-6) << "tick " << t;
  }
  EXPECT_FALSE(harness.world().treasury.transfers[0].active);
}

// --- Root-causes aid --------------------------------------------------------------------------

// ORI receives 1 M a month, 10% of which leaks; aid is felt with a lag of 2 months and each EUR
// a month of it takes 1e-6 off push intensity. Felt after one month: 900,000 * (1 - e^-0.5) =
// 354,122.4; after two: 900,000 * (1 - e^-1) = 568,908.5. Push felt: 1 - 0.3541 and 1 - 0.5689.
TEST(RootCausesAid, AidReceivedLowersPushThroughItsLag) {
  Scenario scenario = chain_scenario();
  scenario.states[kOri].aid = RootCausesAid{1e-6, 2};
  check_scenario(scenario);
  World world(scenario);
  const TickContext tick(scenario.settings, 0, kDaysPerMonth);
  Eigen::ArrayXd leaked = Eigen::ArrayXd::Zero(3);
  leaked(kOri) = 100000;
  world.treasury.received(kOri) = 1e6;
  feel_aid(scenario, tick, leaked, world.treasury, world.policy);
  EXPECT_NEAR(world.treasury.aid_felt(kOri), 900000 * -std::expm1(-0.5), 1e-6);
  EXPECT_NEAR(effective_push(world.policy, kOri), 1 - 0.9 * -std::expm1(-0.5), 1e-12);
  feel_aid(scenario, tick, leaked, world.treasury, world.policy);
  EXPECT_NEAR(world.treasury.aid_felt(kOri), 900000 * -std::expm1(-1.0), 1e-6);
  EXPECT_NEAR(effective_push(world.policy, kOri), 1 - 0.9 * -std::expm1(-1.0), 1e-12);
  // Never below zero, however much aid.
  world.treasury.received(kOri) = 1e9;
  for (int i = 0; i < 10; ++i) {
    feel_aid(scenario, tick, leaked, world.treasury, world.policy);
  }
  EXPECT_EQ(effective_push(world.policy, kOri), 0.0);
  // Without an effect nothing is felt: TRA received money too.
  EXPECT_EQ(world.treasury.aid_felt(kTra), 0.0);
  EXPECT_EQ(world.policy.push_relief(kTra), 0.0);
}

}  // namespace
}  // namespace migdip::testing
