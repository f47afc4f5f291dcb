// Commitment, tick-length invariance and self-opened tables in the diplomacy phase (issue 14,
// items 2 and 8): a threat's minimum term ([diplomacy] threat_minimum_months), the month window
// of observed flows (month_window.cpp), and the opening rule of a table the demander opens itself
// (table_opening.cpp). Expectations are worked out by hand in the comments.
//
// The phase runs as in test_diplomacy_deals.cpp: only phases 1, 4, 5 and 7, on a world whose
// flows the test sets by hand, with ticks one nominal month long.

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "migdip/world/world.h"
#include "phases/diplomacy/diplomacy_phase.h"
#include "phases/diplomacy/instrument_levers.h"
#include "phases/diplomacy/month_window.h"
#include "phases/diplomacy/table_opening.h"
#include "phases/network.h"
#include "phases/policy_implementation.h"
#include "phases/scheduled_events.h"
#include "phases/tick_context.h"
#include "support/diplomacy_harness.h"
#include "support/diplomacy_parts.h"
#include "support/strategic_scenario.h"

namespace migdip::testing {
namespace {


using Harness = DiplomacyHarness;

// aid_and_visa_table_scenario(true) with TRA's visa restriction announced at tick 0 (by hand).
// At 1000 arrivals and more the bargain fails and rests on DST's aid cut, not on TRA's visas
// (test_diplomacy_deals.cpp, AWithdrawnAnnouncedThreatIsAbandoned): without a minimum term the
// visas are withdrawn at once. With a term of 2 months (2 monthly ticks: round(2 * 30.4375 /
// 30.4375)), they stand at ticks 0 and 1 and are withdrawn at tick 2, the first tick with
// 2 >= 0 + 2; TRA's reputation then falls from 0.5 to 0.5 - 0.2 * 0.5 = 0.4, as before. Arrivals
// rise by 10% a tick (beyond the 5% reevaluation tolerance) so that the table bargains every tick.
TEST(ThreatCommitment, AnAnnouncedThreatStandsForItsMinimumTerm) {
  for (const double minimum : {0.0, 2.0}) {
    SCOPED_TRACE(minimum);
    Scenario scenario = aid_and_visa_table_scenario(true);
    scenario.diplomacy.threat_minimum_months = minimum;
    Harness harness(scenario);
    const int visas = harness.instrument("tra_visas");
    harness.diplomacy().announced(visas) = 1;
    harness.diplomacy().threat_tick(visas) = 0;
    const int withdrawn_at = minimum > 0 ? 2 : 0;
    double arrivals = 1000;
    for (int t = 0; t < 4; ++t) {
      harness.set_arrivals(arrivals);
      arrivals *= 1.1;
      harness.step();
      const Diplomacy& diplomacy = harness.diplomacy();
      ASSERT_EQ(diplomacy.evaluations(0), t + 1);
      EXPECT_TRUE(diplomacy.deals.empty());
      EXPECT_EQ(harness.abandoned(visas), t >= withdrawn_at ? 1 : 0) << "tick " << t;
      EXPECT_EQ(diplomacy.announced(visas), t >= withdrawn_at ? 0 : 1) << "tick " << t;
      EXPECT_NEAR(diplomacy.reputation(kTra), t >= withdrawn_at ? 0.4 : 0.5, 1e-12) << "tick " << t;
    }
  }
}

// DST's sanctions on TRA (cost to DST 1 M a month, -50,000 to TRA) carried out at tick 0: they
// cost their user and force no deal, so without a term DST calls them off at the next failed
// bargain (test_diplomacy_deals.cpp, AbandoningAThreat...). With a term of 1 month they stand at
// tick 0 (0 < 0 + 1) and are called off at tick 1: DST's reputation falls from 0.5 to 0.4 and
// DST, a democracy of 0.5 with an audience cost of 4 M, pays 2 M of audience cost that tick.
TEST(ThreatCommitment, AThreatCarriedOutIsNotCalledOffWithinItsTerm) {
  Scenario scenario = readmission_table_scenario();
  scenario.negotiations[0].payment = -1;
  scenario.diplomacy.threat_minimum_months = 1;
  scenario.states[kDst].conduct.democracy = 0.5;
  scenario.states[kDst].conduct.audience_cost = 4e6;
  const int sanctions =
      add_instrument(scenario, "dst_sanctions", InstrumentType::sanctions, kDst, kTra);
  scenario.instruments[static_cast<std::size_t>(sanctions)].value_to_target = -50000;
  scenario.instruments[static_cast<std::size_t>(sanctions)].cost_to_user = 1e6;
  scenario.negotiations[0].threats = {sanctions};
  Harness harness(scenario);
  start_instrument(scenario, sanctions, 1.0, targets_of(harness.world()));
  harness.diplomacy().threat_tick(sanctions) = 0;
  harness.step();
  const Diplomacy& diplomacy = harness.diplomacy();
  EXPECT_EQ(diplomacy.in_force(sanctions), 1);
  EXPECT_EQ(harness.abandoned(sanctions), 0);
  EXPECT_NEAR(diplomacy.reputation(kDst), 0.5, 1e-12);
  EXPECT_EQ(diplomacy.audience_costs(kDst), 0.0);
  harness.set_arrivals(1100);
  harness.step();
  EXPECT_EQ(diplomacy.in_force(sanctions), 0);
  EXPECT_EQ(harness.abandoned(sanctions), 1);
  EXPECT_NEAR(diplomacy.reputation(kDst), 0.4, 1e-12);
  EXPECT_NEAR(diplomacy.audience_costs(kDst), 2e6, 1e-6);
}

// A threat carried out by the phase starts its term: DST's aid cut (it pays DST by itself, see
// CarryingOutAThreatRaisesReputation) is carried out at tick 0 and records that tick.
TEST(ThreatCommitment, CarryingOutAThreatStartsItsTerm) {
  Scenario scenario = aid_and_visa_table_scenario(false);
  scenario.diplomacy.threat_minimum_months = 3;
  Harness harness(scenario);
  const int cut = harness.instrument("dst_cuts_aid");
  EXPECT_EQ(harness.diplomacy().threat_tick(cut), -1);
  harness.step();
  ASSERT_EQ(harness.diplomacy().in_force(cut) + harness.diplomacy().announced(cut), 1);
  EXPECT_EQ(harness.diplomacy().threat_tick(cut), 0);
}

// A threat bites for threat_bite_months before its table bargains again, and its user weighs
// that. readmission_table_scenario() without money: TRA's readmission (0.5 of 1000 arrivals)
// is worth 500 * 3000 = 1.5 M a month to DST and costs TRA 500 * 40 * 12 / 2 = 120,000, so no
// deal. DST may impose sanctions: they cost DST 1 M a month and TRA 200,000; not credible (DST
// stakes nothing), so the bargain fails. With them in force a deal reverts them: DST gains
// 1.5 M + 1 M = 2.5 M, TRA -120,000 + 200,000 = 80,000, so a deal would follow. Carrying them out
// is worth -1 M + (1 - bite / 12) * 2.5 M a month to DST: 1.5 M without a bite (the deal counted
// as immediate), 1.083 M with a 2-month bite, -0.167 M with an 8-month bite (the break-even bite
// is 12 * (1 - 1 / 2.5) = 7.2 months). Under monthly ticks, a 2-month bite keeps the table from
// bargaining at tick 1; it signs at tick 2. Without a bite it signs at tick 1.
TEST(ThreatBite, ACarriedOutThreatCostsItsUserUntilTheDealItForces) {
  for (const double bite : {0.0, 2.0, 8.0}) {
    SCOPED_TRACE(bite);
    Scenario scenario = readmission_table_scenario();
    scenario.negotiations[0].payment = -1;
    scenario.diplomacy.threat_bite_months = bite;
    const int sanctions =
        add_instrument(scenario, "dst_sanctions", InstrumentType::sanctions, kDst, kTra);
    scenario.instruments[static_cast<std::size_t>(sanctions)].value_to_target = -200000;
    scenario.instruments[static_cast<std::size_t>(sanctions)].cost_to_user = 1e6;
    scenario.negotiations[0].threats = {sanctions};
    Harness harness(scenario);
    harness.step();
    const Diplomacy& diplomacy = harness.diplomacy();
    const bool carried_out = bite < 7.2;
    EXPECT_EQ(diplomacy.in_force(sanctions), carried_out ? 1 : 0);
    EXPECT_TRUE(diplomacy.deals.empty());
    if (!carried_out) {
      continue;
    }
    const int signed_at = bite > 1 ? 2 : 1;
    for (int t = 1; t <= signed_at; ++t) {
      harness.step();
      EXPECT_EQ(diplomacy.evaluations(0), t < signed_at ? 1 : 2) << "tick " << t;
      EXPECT_EQ(diplomacy.deals.size(), t < signed_at ? 0U : 1U) << "tick " << t;
    }
    ASSERT_EQ(diplomacy.deals.size(), 1U);
    EXPECT_EQ(diplomacy.deals[0].signed_tick, signed_at);
    EXPECT_EQ(diplomacy.in_force(sanctions), 0);  // conceded: the deal reverts them
  }
}

// Under weekly ticks a month is round(30.4375 / 7) = 4 ticks: the window's mean is over the
// ticks recorded so far, then over the last 4. Under monthly ticks it is last tick's value.
TEST(MonthWindow, AveragesTheTicksOfTheLastMonth) {
  MonthWindow weekly(2, TickLength::week);
  EXPECT_EQ(weekly.ticks(), 4);
  const std::vector<double> expected = {1, 1.5, 2, 2.5, 3.5, 4.5};
  for (int t = 0; t < 6; ++t) {
    weekly.record(Eigen::Array2d(t + 1, 10 * (t + 1)));
    EXPECT_DOUBLE_EQ(weekly.mean()(0), expected[static_cast<std::size_t>(t)]) << t;
    EXPECT_DOUBLE_EQ(weekly.mean()(1), 10 * expected[static_cast<std::size_t>(t)]) << t;
  }
  EXPECT_EQ(MonthWindow(1, TickLength::day).ticks(), 30);  // round(30.4375)
  MonthWindow monthly(1, TickLength::month);
  EXPECT_EQ(monthly.ticks(), 1);
  for (const double value : {3.0, 7.0}) {
    monthly.record(Eigen::Array<double, 1, 1>(value));
    EXPECT_EQ(monthly.mean()(0), value);
  }
}

// The chain world with a second way into DST, ORI-DST (corridor 2). Arrivals in DST of 300 from
// TRA and 200 from ORI: TRA is the main transit state; 300 against 400: ORI is. Nobody arrives:
// none. Arrivals into TRA (ORI-TRA) never count for DST.
TEST(SelfOpenedTables, TheMainTransitStateIsWhereMostArrivalsCameFrom) {
  Scenario scenario = chain_scenario();
  scenario.corridors.push_back(make_corridor("ORI-DST", kOri, kDst, 2000, 0.01));
  const Network network(scenario);
  ObservedFlows observed(scenario);
  const int dst = kDst;
  EXPECT_EQ(main_transit_state(scenario, network, observed, dst), -1);
  observed.arrivals << 5000, 300, 200;
  EXPECT_EQ(main_transit_state(scenario, network, observed, dst), kTra);
  observed.arrivals << 5000, 300, 400;
  EXPECT_EQ(main_transit_state(scenario, network, observed, dst), kOri);
  EXPECT_EQ(main_transit_state(scenario, network, observed, kTra), kOri);
}

// Two candidate tables of DST, with TRA and with ORI, both opening at salience 2. At salience
// 1.9 neither opens; at 2 the one with TRA (most arrivals: 300 against 200) opens and the other
// does not; when ORI becomes the main transit state, its table opens too.
TEST(SelfOpenedTables, ATableOpensWhenSalienceReachesItsThresholdWithTheMainTransitState) {
  Scenario scenario = readmission_table_scenario();
  scenario.corridors.push_back(make_corridor("ORI-DST", kOri, kDst, 2000, 0.01));
  NegotiationSpec with_origin = scenario.negotiations[0];
  with_origin.id = "dst_ori";
  with_origin.partner = {TargetKind::state, kOri};
  scenario.negotiations.push_back(with_origin);
  for (NegotiationSpec& table : scenario.negotiations) {
    table.opens_at_salience = 2;
  }
  const Network network(scenario);
  ObservedFlows observed(scenario);
  Politics politics;
  politics.salience = Eigen::ArrayXd::Zero(3);
  observed.arrivals << 5000, 300, 200;
  politics.salience(kDst) = 1.9;
  EXPECT_FALSE(table_opens(scenario, network, observed, politics, 0));
  EXPECT_FALSE(table_opens(scenario, network, observed, politics, 1));
  politics.salience(kDst) = 2;
  EXPECT_TRUE(table_opens(scenario, network, observed, politics, 0));
  EXPECT_FALSE(table_opens(scenario, network, observed, politics, 1));
  observed.arrivals << 5000, 300, 400;
  EXPECT_TRUE(table_opens(scenario, network, observed, politics, 1));
}

// Inside the phase: a self-opened table (threshold 2) stays closed, with no evaluation and no log,
// while DST's salience is 1; at salience 2 it opens (logged as table_opened by DST with the
// salience) and bargains the same tick.
TEST(SelfOpenedTables, AClosedTableDoesNothingUntilItOpens) {
  Scenario scenario = readmission_table_scenario();
  scenario.negotiations[0].opens_at_salience = 2;
  Harness harness(scenario);
  EXPECT_EQ(harness.diplomacy().opened(0), 0);
  harness.world().politics.salience(kDst) = 1;
  harness.step();
  EXPECT_EQ(harness.diplomacy().evaluations(0), 0);
  EXPECT_TRUE(harness.diplomacy().log.empty());
  harness.world().politics.salience(kDst) = 2;
  harness.step();
  const Diplomacy& diplomacy = harness.diplomacy();
  EXPECT_EQ(diplomacy.opened(0), 1);
  EXPECT_EQ(diplomacy.evaluations(0), 1);
  ASSERT_FALSE(diplomacy.log.empty());
  EXPECT_EQ(diplomacy.log.front().action, NegotiationAction::table_opened);
  EXPECT_EQ(diplomacy.log.front().tick, 1);
  EXPECT_EQ(diplomacy.log.front().actor, kDst);
  EXPECT_EQ(diplomacy.log.front().value, 2.0);
  EXPECT_EQ(diplomacy.deals.size(), 1U);
}

}  // namespace
}  // namespace migdip::testing
