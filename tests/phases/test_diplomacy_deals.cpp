// The diplomacy phase over several ticks (engine/phases/diplomacy/diplomacy_phase.cpp): signing,
// implementation, monitoring, payments under each conditionality, leakage, expiry, breach,
// voiding, cooldown and renegotiation; carrying out, announcing and abandoning threats.
//
// Each tick runs only phases 1 (events), 4 (diplomacy), 5 (policy) and 7 (utility) on a world
// whose flows the test sets by hand, so that nothing moves unless the test moves it. Ticks are
// one nominal month long.
//
// The base table is readmission_table_scenario(): TRA readmitting half of the 1000 arrivals seen
// on TRA-DST is worth +1.5 M a month to DST and -120,000 to TRA, a joint gain of 1.38 M. With
// bargaining powers 0.5 and no threats TRA gets half of it: the price is 690,000 + 120,000.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "migdip/world/world.h"
#include "phases/diplomacy/diplomacy_phase.h"
#include "phases/diplomacy/instrument_levers.h"
#include "phases/network.h"
#include "phases/policy_implementation.h"
#include "phases/scheduled_events.h"
#include "phases/tick_context.h"
#include "support/diplomacy_harness.h"
#include "support/diplomacy_parts.h"
#include "support/strategic_scenario.h"

namespace migdip::testing {
namespace {

constexpr int kTraDst = 1;
constexpr int kTable = 0;
constexpr double kPrice = 810000;

using Harness = DiplomacyHarness;

void expect_entry(const NegotiationEntry& entry, NegotiationAction action, int actor,
                  int instrument, double value) {
  EXPECT_EQ(to_string(entry.action), to_string(action));
  EXPECT_EQ(entry.actor, actor) << to_string(action);
  EXPECT_EQ(entry.instrument, instrument) << to_string(action);
  EXPECT_NEAR(entry.value, value, 1e-6 * std::max(1.0, std::abs(value))) << to_string(action);
}

// --- Signing ----------------------------------------------------------------------------------

TEST(DiplomacyDeals, SignsWhenTheBargainGainsAndPaysTheNashPrice) {
  Harness harness(readmission_table_scenario());
  harness.step();
  const Diplomacy& diplomacy = harness.diplomacy();
  ASSERT_EQ(diplomacy.deals.size(), 1U);
  const Deal& deal = diplomacy.deals[0];
  EXPECT_EQ(diplomacy.active_deal(kTable), 0);
  EXPECT_EQ(deal.status, DealStatus::active);
  EXPECT_EQ(deal.signed_tick, 0);
  EXPECT_EQ(deal.items, 1U);
  EXPECT_NEAR(deal.payment_per_month, kPrice, 1e-6);
  EXPECT_NEAR(deal.demander_gain, 690000, 1e-6);
  EXPECT_NEAR(deal.partner_gain, 690000, 1e-6);
  EXPECT_EQ(deal.end_tick, 24);
  // No implementation lag: TRA readmits from the first tick.
  EXPECT_TRUE(deal.implemented);
  EXPECT_EQ(harness.world().corridors.lever(Lever::readmission_rate)(kTraDst), 0.5);
  // The demander proposes, the partner accepts; both at the price.
  const auto log = harness.log_at(0);
  ASSERT_EQ(log.size(), 2U);
  expect_entry(log[0], NegotiationAction::proposed, kDst, -1, kPrice);
  expect_entry(log[1], NegotiationAction::accepted, kTra, -1, kPrice);
  EXPECT_EQ(log[0].deal, 0);
  // The price is paid this tick, and booked by the policy phase.
  EXPECT_NEAR(harness.payments()[0], kPrice, 1e-6);
  EXPECT_NEAR(harness.world().treasury.received(kTra), kPrice, 1e-6);
  EXPECT_NEAR(harness.world().treasury.paid(kDst), kPrice, 1e-6);
  EXPECT_NEAR(deal.paid, kPrice, 1e-6);
}

// Without a joint gain nothing is signed, the failure is logged once with the surplus, and a
// table whose inputs do not move is not bargained at again.
TEST(DiplomacyDeals, NoDealWithoutGainsAndNoReevaluationWhileNothingMoves) {
  Scenario scenario = readmission_table_scenario();
  scenario.states[kDst].preferences.arrival_cost = 0;
  Harness harness(scenario);
  harness.run_to(4);
  const Diplomacy& diplomacy = harness.diplomacy();
  EXPECT_TRUE(diplomacy.deals.empty());
  EXPECT_EQ(diplomacy.active_deal(kTable), -1);
  ASSERT_EQ(diplomacy.log.size(), 1U);
  expect_entry(diplomacy.log[0], NegotiationAction::no_agreement, -1, -1, -120000);
  EXPECT_EQ(diplomacy.evaluations(kTable), 1);
  EXPECT_EQ(harness.world().corridors.lever(Lever::readmission_rate)(kTraDst), 0.0);
  // Arrivals move by more than the tolerance: the table bargains again (and fails silently).
  harness.set_arrivals(2000);
  harness.step();
  EXPECT_EQ(diplomacy.evaluations(kTable), 2);
  EXPECT_EQ(diplomacy.log.size(), 1U);
}

// The price stays within the payment instrument's ceiling.
TEST(DiplomacyDeals, PaymentIsWithinThePaymentInstrumentsCeiling) {
  Scenario scenario = readmission_table_scenario();
  instrument(scenario, "dst_pays").amount = 5e5;
  Harness harness(scenario);
  harness.step();
  ASSERT_EQ(harness.diplomacy().deals.size(), 1U);
  EXPECT_EQ(harness.diplomacy().deals[0].payment_per_month, 5e5);
  EXPECT_EQ(harness.payments()[0], 5e5);
}

// TRA's commitment takes effect implementation_lag_months after signing.
TEST(DiplomacyDeals, ThePartnersLeverIsSetAfterTheImplementationLag) {
  Scenario scenario = readmission_table_scenario();
  scenario.negotiations[0].implementation_lag_months = 2;
  Harness harness(scenario);
  harness.run_to(2);
  ASSERT_EQ(harness.diplomacy().deals.size(), 1U);
  EXPECT_EQ(harness.diplomacy().deals[0].implement_tick, 2);
  EXPECT_FALSE(harness.diplomacy().deals[0].implemented);
  EXPECT_EQ(harness.readmission(), (std::vector<double>{0.0, 0.0}));
  EXPECT_EQ(harness.diplomacy().in_force(harness.instrument("tra_readmits")), 0);
  harness.step();
  EXPECT_TRUE(harness.diplomacy().deals[0].implemented);
  EXPECT_EQ(harness.readmission()[2], 0.5);
  EXPECT_EQ(harness.diplomacy().in_force(harness.instrument("tra_readmits")), 1);
}

// --- Conditionality -------------------------------------------------------------------------

// TRA delivers 60% of what it promises: readmission 0.3 instead of 0.5. The bargain anticipates
// it (asks scaled by 0.6: S = 828,000, price 414,000 + 72,000 = 486,000). The demander sees the
// measured compliance one month late, once it can reflect delivery (from tick 2 on, as the deal
// was implemented at tick 0).
Scenario partial_compliance(Conditionality conditionality) {
  Scenario scenario = readmission_table_scenario();
  scenario.states[kTra].conduct.compliance = 0.6;
  scenario.negotiations[0].conditionality = conditionality;
  return scenario;
}

TEST(DiplomacyDeals, PositiveConditionalityScalesPaymentsByObservedCompliance) {
  Harness harness(partial_compliance(Conditionality::positive));
  harness.run_to(5);
  ASSERT_EQ(harness.diplomacy().deals.size(), 1U);
  const Deal& deal = harness.diplomacy().deals[0];
  EXPECT_NEAR(deal.payment_per_month, 486000, 1e-6);
  EXPECT_NEAR(harness.readmission()[0], 0.3, 1e-12);
  const std::vector<double> expected = {486000, 486000, 291600, 291600, 291600};
  for (std::size_t t = 0; t < expected.size(); ++t) {
    EXPECT_NEAR(harness.payments()[t], expected[t], 1e-6) << "tick " << t;
  }
  EXPECT_NEAR(deal.compliance, 0.6, 1e-12);
  EXPECT_NEAR(deal.paid, 2 * 486000 + 3 * 291600, 1e-6);
  EXPECT_EQ(deal.status, DealStatus::active);  // 0.6 is above the breach threshold
}

TEST(DiplomacyDeals, NoAndReverseConditionalityPayInFull) {
  for (const Conditionality conditionality : {Conditionality::none, Conditionality::reverse}) {
    SCOPED_TRACE(to_string(conditionality));
    Harness harness(partial_compliance(conditionality));
    harness.run_to(5);
    ASSERT_EQ(harness.diplomacy().deals.size(), 1U);
    const double price = harness.diplomacy().deals[0].payment_per_month;
    EXPECT_GT(price, 0);
    for (const double paid : harness.payments()) {
      EXPECT_EQ(paid, price);
    }
    EXPECT_NEAR(harness.diplomacy().deals[0].compliance, 0.6, 1e-12);
  }
}

// Negative conditionality: no money at all (the table has no payment instrument); DST's stick is
// cutting the EUR 150,000 a month of aid it pays TRA. The aid cut pays DST by itself
// (credibility 1) and costs TRA more than readmitting: TRA concedes, the aid keeps flowing.
Scenario less_for_less(double compliance) {
  Scenario scenario = readmission_table_scenario();
  scenario.negotiations[0].payment = -1;
  scenario.negotiations[0].conditionality = Conditionality::negative;
  scenario.states[kTra].conduct.compliance = compliance;
  EventSpec aid;
  aid.id = "dst_aid";
  aid.type = EventType::transfer;
  aid.payer = state_party(kDst);
  aid.payee = state_party(kTra);
  aid.amount = 150000.0 * 24;
  aid.over_months = 24;
  scenario.events.push_back(aid);
  scenario.negotiations[0].threats = {
      add_instrument(scenario, "dst_cuts_aid", InstrumentType::aid_cut, kDst, kTra)};
  return scenario;
}

TEST(DiplomacyDeals, NegativeConditionalityPaysNoNewMoney) {
  Harness harness(less_for_less(1.0));
  const int cut = harness.instrument("dst_cuts_aid");
  harness.run_to(4);
  const Diplomacy& diplomacy = harness.diplomacy();
  ASSERT_EQ(diplomacy.deals.size(), 1U);
  EXPECT_EQ(diplomacy.deals[0].payment_per_month, 0.0);
  EXPECT_EQ(diplomacy.deals[0].paid, 0.0);
  EXPECT_EQ(harness.payments(), std::vector<double>(4, 0.0));
  EXPECT_EQ(harness.readmission()[0], 0.5);
  // The aid is all TRA receives.
  EXPECT_NEAR(harness.world().treasury.received(kTra), 150000, 1e-6);
  // The threat the deal rests on was announced and conceded.
  const auto log = harness.log_at(0);
  ASSERT_EQ(log.size(), 4U);
  expect_entry(log[0], NegotiationAction::proposed, kDst, -1, 0);
  expect_entry(log[1], NegotiationAction::threat_announced, kDst, cut, 1.0);
  expect_entry(log[2], NegotiationAction::accepted, kTra, -1, 0);
  expect_entry(log[3], NegotiationAction::threat_conceded, kTra, cut, 0);
  EXPECT_EQ(diplomacy.announced(cut), 0);
  EXPECT_EQ(diplomacy.in_force(cut), 0);
}

// Less for less: TRA delivers 20% (readmission 0.1), the demander sees it at tick 2, declares a
// breach and cuts the aid (credibility 1): its reputation rises by 0.2 (1 - 0.5) and TRA
// receives nothing that tick.
TEST(DiplomacyDeals, NegativeConditionalityBreachCarriesOutTheAidCut) {
  Harness harness(less_for_less(0.2));
  const int cut = harness.instrument("dst_cuts_aid");
  harness.run_to(2);
  ASSERT_EQ(harness.diplomacy().deals.size(), 1U);
  EXPECT_NEAR(harness.readmission()[1], 0.1, 1e-12);
  EXPECT_EQ(harness.diplomacy().in_force(cut), 0);
  harness.step();
  const Diplomacy& diplomacy = harness.diplomacy();
  EXPECT_EQ(diplomacy.deals[0].status, DealStatus::breached);
  EXPECT_EQ(diplomacy.deals[0].closed_tick, 2);
  EXPECT_EQ(harness.readmission()[2], 0.0);
  EXPECT_EQ(diplomacy.in_force(cut), 1);
  EXPECT_TRUE(harness.world().treasury.transfers[0].suspended);
  EXPECT_EQ(harness.world().treasury.received(kTra), 0.0);
  EXPECT_NEAR(diplomacy.reputation(kDst), 0.6, 1e-12);
  const auto log = harness.log_at(2);
  ASSERT_EQ(log.size(), 2U);
  expect_entry(log[0], NegotiationAction::deal_breached, kDst, -1, 0);
  expect_entry(log[1], NegotiationAction::threat_carried_out, kDst, cut, 1.0);
}

// --- Leakage --------------------------------------------------------------------------------

// TRA keeps 20% of the money it gets: of its exit enforcement commitment (0.7) it delivers
// 0.8 of the way, 0.56. The bargain anticipates it: at 1000 arrivals and departures the ask is
// worth 3000 * 700 = 2.1 M to DST and -700 * (300 + 240) = -378,000 to TRA, times 0.8:
// S = 1,377,600, price 688,800 + 302,400 = 991,200, of which 20% leaks. From tick 2 DST sees
// compliance 0.56 / 0.7 = 0.8 and pays 0.8 of the price, still leaking 20%.
TEST(DiplomacyDeals, LeakageLowersDeliveredEnforcementAndIsRecorded) {
  Scenario scenario = readmission_table_scenario();
  scenario.states[kTra].preferences.enforcement_cost = 300;
  const int coastguard =
      add_instrument(scenario, "tra_coastguard", InstrumentType::exit_enforcement, kTra);
  scenario.instruments[static_cast<std::size_t>(coastguard)].level = 0.7;
  scenario.negotiations[0].asks = {coastguard};
  Scenario leaky = scenario;
  leaky.states[kTra].conduct.leakage = 0.2;

  Harness honest(scenario);
  honest.step();
  EXPECT_NEAR(honest.world().policy.target(Lever::exit_enforcement)(kTra), 0.7, 1e-12);
  EXPECT_EQ(honest.leaked()[0], 0.0);

  Harness harness(leaky);
  harness.run_to(3);
  const Deal& deal = harness.diplomacy().deals.at(0);
  EXPECT_NEAR(deal.payment_per_month, 991200, 1e-6);
  EXPECT_NEAR(harness.world().policy.target(Lever::exit_enforcement)(kTra), 0.56, 1e-12);
  EXPECT_NEAR(harness.world().policy.lever(Lever::exit_enforcement)(kTra), 0.56,
              1e-12);  // no policy lag
  EXPECT_NEAR(harness.leaked()[0], 0.2 * 991200, 1e-6);
  EXPECT_NEAR(harness.leaked()[1], 0.2 * 991200, 1e-6);
  EXPECT_NEAR(harness.payments()[2], 0.8 * 991200, 1e-6);
  EXPECT_NEAR(harness.leaked()[2], 0.2 * 0.8 * 991200, 1e-6);
  EXPECT_EQ(deal.status, DealStatus::active);
}

// --- Ends of deals --------------------------------------------------------------------------

// A 3-month deal expires at tick 3, its lever returns to what it replaced (TRA-DST's readmission
// rate 0.1), and the table waits its 3-month cooldown before bargaining (and signing) again at
// tick 6. From 0.1 to 0.5, 400 of the 1000 arrivals are readmitted: +1.2 M for DST, -96,000 for
// TRA, a price of 552,000 + 96,000.
TEST(DiplomacyDeals, ExpiresRevertsItsLeversAndCoolsDown) {
  Scenario scenario = readmission_table_scenario();
  scenario.negotiations[0].duration_months = 3;
  scenario.corridors[kTraDst].lever(Lever::readmission_rate) = 0.1;
  Harness harness(scenario);
  harness.run_to(3);
  EXPECT_EQ(harness.readmission(), (std::vector<double>{0.5, 0.5, 0.5}));
  harness.step();
  const Diplomacy& diplomacy = harness.diplomacy();
  EXPECT_EQ(diplomacy.deals[0].status, DealStatus::expired);
  EXPECT_EQ(diplomacy.deals[0].closed_tick, 3);
  EXPECT_EQ(diplomacy.active_deal(kTable), -1);
  EXPECT_EQ(harness.readmission()[3], 0.1);
  EXPECT_EQ(harness.payments()[3], 0.0);
  const auto log = harness.log_at(3);
  ASSERT_EQ(log.size(), 1U);
  expect_entry(log[0], NegotiationAction::deal_expired, -1, -1, 648000);
  EXPECT_EQ(log[0].deal, 0);
  harness.run_to(6);
  EXPECT_EQ(diplomacy.deals.size(), 1U);
  EXPECT_EQ(diplomacy.evaluations(kTable), 1);
  EXPECT_EQ(harness.readmission()[5], 0.1);
  harness.step();
  ASSERT_EQ(diplomacy.deals.size(), 2U);
  EXPECT_EQ(diplomacy.deals[1].signed_tick, 6);
  EXPECT_EQ(diplomacy.active_deal(kTable), 1);
  EXPECT_EQ(harness.readmission()[6], 0.5);
}

// TRA delivers 20%: readmission 0.1 of the promised 0.5 (the price anticipates it: S = 276,000,
// price 138,000 + 24,000). The demander sees compliance 0.2 < 0.5 monitoring_lag + 1 ticks after
// implementation, declares a breach, and the lever reverts.
class DiplomacyBreach : public ::testing::TestWithParam<int> {};

TEST_P(DiplomacyBreach, WhenObservedComplianceStaysBelowTheThreshold) {
  const int lag = GetParam();
  Scenario scenario = readmission_table_scenario();
  scenario.states[kTra].conduct.compliance = 0.2;
  scenario.negotiations[0].monitoring_lag_months = lag;
  Harness harness(scenario);
  harness.run_to(lag + 1);
  const Diplomacy& diplomacy = harness.diplomacy();
  ASSERT_EQ(diplomacy.deals.size(), 1U);
  EXPECT_NEAR(diplomacy.deals[0].payment_per_month, 162000, 1e-6);
  EXPECT_EQ(diplomacy.deals[0].status, DealStatus::active);
  EXPECT_NEAR(harness.readmission().back(), 0.1, 1e-12);
  harness.step();
  EXPECT_EQ(diplomacy.deals[0].status, DealStatus::breached);
  EXPECT_EQ(diplomacy.deals[0].closed_tick, lag + 1);
  EXPECT_NEAR(diplomacy.deals[0].compliance, 0.2, 1e-12);
  EXPECT_EQ(harness.readmission().back(), 0.0);
  EXPECT_EQ(harness.payments().back(), 0.0);
  const auto log = harness.log_at(lag + 1);
  ASSERT_EQ(log.size(), 1U);
  expect_entry(log[0], NegotiationAction::deal_breached, kDst, -1, 162000);
  // Before the breach every payment was in full: nothing observable yet.
  for (int t = 0; t <= lag; ++t) {
    EXPECT_NEAR(harness.payments()[static_cast<std::size_t>(t)], 162000, 1e-6);
  }
  // It cools down before bargaining again.
  harness.run_to(lag + 1 + 3);
  EXPECT_EQ(diplomacy.deals.size(), 1U);
  harness.step();
  EXPECT_EQ(diplomacy.deals.size(), 2U);
}

INSTANTIATE_TEST_SUITE_P(DiplomacyMonitoringLags, DiplomacyBreach, ::testing::Values(0, 1, 2));

// Compliance at the threshold is no breach.
TEST(DiplomacyDeals, ComplianceAtTheThresholdIsNoBreach) {
  Scenario scenario = readmission_table_scenario();
  scenario.states[kTra].conduct.compliance = 0.5;
  Harness harness(scenario);
  harness.run_to(6);
  EXPECT_EQ(harness.diplomacy().deals[0].status, DealStatus::active);
}

EventSpec coup(int tick, int state) {
  EventSpec event;
  event.id = "coup";
  event.type = EventType::coup;
  event.tick = tick;
  event.target_kind = TargetKind::state;
  event.target = state;
  return event;
}

// A scheduled coup in either party voids the deal at once; the lever reverts; after the cooldown
// the new government signs its own deal.
TEST(DiplomacyDeals, ACoupInEitherPartyVoidsTheDeal) {
  for (const int state : {kTra, kDst}) {
    SCOPED_TRACE(state);
    Scenario scenario = readmission_table_scenario();
    scenario.events = {coup(2, state)};
    Harness harness(scenario);
    harness.run_to(2);
    EXPECT_EQ(harness.diplomacy().deals[0].status, DealStatus::active);
    harness.step();
    const Diplomacy& diplomacy = harness.diplomacy();
    EXPECT_EQ(diplomacy.deals[0].status, DealStatus::voided);
    EXPECT_EQ(diplomacy.deals[0].closed_tick, 2);
    EXPECT_EQ(harness.readmission()[2], 0.0);
    EXPECT_EQ(harness.payments()[2], 0.0);
    const auto log = harness.log_at(2);
    ASSERT_EQ(log.size(), 1U);
    expect_entry(log[0], NegotiationAction::deal_voided, state, -1, kPrice);
    harness.run_to(6);
    ASSERT_EQ(diplomacy.deals.size(), 2U);
    EXPECT_EQ(diplomacy.deals[1].signed_tick, 5);
    EXPECT_EQ(state == kTra ? diplomacy.deals[1].partner_government
                            : diplomacy.deals[1].demander_government,
              1);
  }
}

// --- Renegotiation --------------------------------------------------------------------------

// TRA can open the gates (level 1, 5% of those it holds move on a month, at no cost to it: it
// pays by itself, credibility 1). With 1e5 hosted, 5000 would reach DST (-15 M a month for DST)
// and TRA would be spared their hosting (+1.2 M). Threatening raises TRA's disagreement payoff:
// its share is 1.2 M + 0.5 (1.38 M + 15 M - 1.2 M) = 8.79 M, for a price of 8.91 M. With 2e5
// hosted, 2.4 M + 0.5 (1.38 M + 30 M - 2.4 M) = 16.89 M: a price of 17.01 M, more than 1.25 times
// the current one, so TRA reopens the deal. With 1.1e5, 9.72 M is not enough.
Scenario gates_table() {
  Scenario scenario = readmission_table_scenario();
  const int gates = add_instrument(scenario, "tra_open_gates", InstrumentType::open_gates, kTra);
  scenario.instruments[static_cast<std::size_t>(gates)].level = 1.0;
  scenario.negotiations[0].threats = {gates};
  return scenario;
}

TEST(DiplomacyDeals, RenegotiatedToAHigherPriceWhenThePartnersLeverageGrows) {
  Harness harness(gates_table());
  const int gates = harness.instrument("tra_open_gates");
  harness.world().population[MigrantStatus::hosted](0, kTra) = 1e5;
  harness.step();
  Diplomacy& diplomacy = harness.diplomacy();
  ASSERT_EQ(diplomacy.deals.size(), 1U);
  EXPECT_NEAR(diplomacy.deals[0].payment_per_month, 8.91e6, 1e-3);
  auto log = harness.log_at(0);
  ASSERT_EQ(log.size(), 4U);
  expect_entry(log[1], NegotiationAction::threat_announced, kTra, gates, 1.0);
  expect_entry(log[3], NegotiationAction::threat_conceded, kDst, gates, 0);

  harness.world().population[MigrantStatus::hosted](0, kTra) = 2e5;
  harness.step();
  ASSERT_EQ(diplomacy.deals.size(), 2U);
  EXPECT_EQ(diplomacy.deals[0].status, DealStatus::renegotiated);
  EXPECT_EQ(diplomacy.deals[0].closed_tick, 1);
  EXPECT_EQ(diplomacy.deals[1].signed_tick, 1);
  EXPECT_NEAR(diplomacy.deals[1].payment_per_month, 17.01e6, 1e-3);
  EXPECT_EQ(diplomacy.active_deal(kTable), 1);
  EXPECT_NEAR(harness.payments()[1], 17.01e6, 1e-3);
  EXPECT_EQ(harness.readmission()[1], 0.5);  // the new deal's commitment is in force at once
  log = harness.log_at(1);
  ASSERT_GE(log.size(), 1U);
  expect_entry(log[0], NegotiationAction::deal_renegotiated, kTra, -1, 8.91e6);
  EXPECT_EQ(log[0].deal, 0);
}

TEST(DiplomacyDeals, NotRenegotiatedWhenThePriceRisesByLessThanTheMargin) {
  Harness harness(gates_table());
  harness.world().population[MigrantStatus::hosted](0, kTra) = 1e5;
  harness.step();
  harness.world().population[MigrantStatus::hosted](0, kTra) = 1.1e5;
  harness.step();
  EXPECT_EQ(harness.diplomacy().evaluations(kTable), 2);  // it did look again
  ASSERT_EQ(harness.diplomacy().deals.size(), 1U);
  EXPECT_EQ(harness.diplomacy().deals[0].status, DealStatus::active);
  EXPECT_NEAR(harness.payments()[1], 8.91e6, 1e-3);
}

// A deal's `paid` is "EUR paid so far" and Diplomacy::leaked the share `leakage` of the money the
// partner received this tick: summed over the deals of a table, `paid` must equal what the policy
// phase booked from the demander, and leaked must follow what was booked, renegotiation ticks
// included. (TRA keeps 10%: the deal of tick 0 is still renegotiated at tick 1.)
TEST(DiplomacyDeals, PaidSoFarMatchesTheMoneyBookedAcrossARenegotiation) {
  Scenario scenario = gates_table();
  scenario.states[kTra].conduct.leakage = 0.1;
  Harness harness(scenario);
  harness.world().population[MigrantStatus::hosted](0, kTra) = 1e5;
  harness.step();
  const double first = harness.world().treasury.paid(kDst);
  EXPECT_NEAR(harness.leaked()[0], 0.1 * harness.world().treasury.received(kTra), 1e-3);
  harness.world().population[MigrantStatus::hosted](0, kTra) = 2e5;
  harness.step();
  const double second = harness.world().treasury.paid(kDst);
  const auto& deals = harness.diplomacy().deals;
  ASSERT_EQ(deals.size(), 2U);
  ASSERT_EQ(deals[0].status, DealStatus::renegotiated);
  EXPECT_NEAR(deals[0].paid, first, 1e-3);  // observed: twice as much
  EXPECT_NEAR(deals[1].paid, second, 1e-3);
  EXPECT_NEAR(harness.leaked()[1], 0.1 * harness.world().treasury.received(kTra), 1e-3);
}

// A standing deal's asks are in force as delivered (readmission 0.3 of the promised 0.5, TRA
// complying at 0.6), and valued as what ending them would undo: 300 readmissions, 0.6 of the
// full value. Re-evaluating the table while nothing has changed must see the joint gain it saw
// at signing (0.6 * 1.38 M = 828,000), not partial delivery counted a second time (0.36 * 1.38 M).
// The re-evaluation is triggered by a move in TRA's reputation, which no valuation depends on.
TEST(DiplomacyDeals, ReevaluatingAStandingDealCountsPartialDeliveryOnce) {
  Harness harness(partial_compliance(Conditionality::positive));
  harness.step();
  EXPECT_NEAR(harness.diplomacy().surplus(kTable), 828000, 1e-6);
  harness.diplomacy().reputation(kTra) = 0.8;
  harness.step();
  EXPECT_EQ(harness.diplomacy().evaluations(kTable), 2);
  EXPECT_NEAR(harness.diplomacy().surplus(kTable), 828000, 1e-6);  // observed: 496,800
}

// --- Money offered with the deal ------------------------------------------------------------

// DST also offers budget support: 200,000 a month, worth 100,000 more to TRA's government than
// its amount. The bundle with it gains (1.3 M, 180,000): S = 1.48 M, TRA's half 740,000, so the
// price falls to 560,000, and the support is paid on top of it.
TEST(DiplomacyDeals, OfferedBudgetSupportIsAddedToThePayment) {
  Scenario scenario = readmission_table_scenario();
  const int support =
      add_instrument(scenario, "dst_support", InstrumentType::budget_support, kDst, kTra);
  scenario.instruments[static_cast<std::size_t>(support)].amount = 2e5;
  scenario.instruments[static_cast<std::size_t>(support)].value_to_target = 1e5;
  scenario.negotiations[0].offers = {support};
  Harness harness(scenario);
  harness.step();
  ASSERT_EQ(harness.diplomacy().deals.size(), 1U);
  const Deal& deal = harness.diplomacy().deals[0];
  EXPECT_EQ(deal.items, 3U);
  EXPECT_NEAR(deal.payment_per_month, 560000, 1e-6);
  EXPECT_NEAR(harness.payments()[0], 760000, 1e-6);
  EXPECT_NEAR(harness.world().treasury.received(kTra), 760000, 1e-6);
  EXPECT_EQ(harness.diplomacy().in_force(support), 1);  // offers take effect at once
}

// --- Protocol at the table ------------------------------------------------------------------

// Under reverse conditionality the partner proposes and the demander accepts.
TEST(DiplomacyProtocol, UnderReverseConditionalityThePartnerProposesInTheLog) {
  Scenario scenario = readmission_table_scenario();
  scenario.negotiations[0].conditionality = Conditionality::reverse;
  Harness harness(scenario);
  harness.step();
  const auto log = harness.log_at(0);
  ASSERT_EQ(log.size(), 2U);
  expect_entry(log[0], NegotiationAction::proposed, kTra, -1, kPrice);
  expect_entry(log[1], NegotiationAction::accepted, kDst, -1, kPrice);
}

// --- Threats --------------------------------------------------------------------------------

// DST gives TRA 100,000 a month of aid and may cut it, which pays DST by itself. TRA's loss from
// readmitting (120,000) exceeds the aid: no deal, and cutting the aid is worth 100,000 a month
// to DST (the bargain it would then force still fails): it is carried out, with credibility 1,
// and DST's reputation rises from 0.5 by 0.2 (1 - 0.5).
TEST(DiplomacyThreats, CarryingOutAThreatRaisesReputation) {
  Scenario scenario = readmission_table_scenario();
  scenario.negotiations[0].payment = -1;
  EventSpec aid;
  aid.id = "dst_aid";
  aid.type = EventType::transfer;
  aid.payer = state_party(kDst);
  aid.payee = state_party(kTra);
  aid.amount = 100000.0 * 24;
  aid.over_months = 24;
  scenario.events.push_back(aid);
  scenario.negotiations[0].threats = {
      add_instrument(scenario, "dst_cuts_aid", InstrumentType::aid_cut, kDst, kTra)};
  Harness harness(scenario);
  const int cut = harness.instrument("dst_cuts_aid");
  harness.step();
  const Diplomacy& diplomacy = harness.diplomacy();
  EXPECT_TRUE(diplomacy.deals.empty());
  const auto log = harness.log_at(0);
  ASSERT_EQ(log.size(), 2U);
  expect_entry(log[0], NegotiationAction::no_agreement, -1, -1, 1.38e6);
  expect_entry(log[1], NegotiationAction::threat_carried_out, kDst, cut, 1.0);
  EXPECT_EQ(diplomacy.in_force(cut), 1);
  EXPECT_NEAR(diplomacy.reputation(kDst), 0.6, 1e-12);
  EXPECT_NEAR(diplomacy.reputation(kTra), 0.5, 1e-12);
  EXPECT_EQ(harness.world().treasury.received(kTra), 0.0);
  // It stays in force (it still pays DST) and the failure is not logged again.
  harness.run_to(3);
  EXPECT_EQ(diplomacy.in_force(cut), 1);
  EXPECT_EQ(diplomacy.log.size(), 2U);
  EXPECT_NEAR(diplomacy.reputation(kDst), 0.6, 1e-12);
}

// DST's sanctions on TRA are in force when the table opens (cost to DST 1 M a month, -50,000 to
// TRA). Lifting them is not enough for TRA to readmit (-120,000 + 50,000), so the bargain fails;
// the sanctions cost their user and forced no deal: DST calls them off. Its reputation falls by
// 0.2 * 0.5 and, a democracy (0.5) with an audience cost of 4 M, it books 2 M of audience cost
// in its utility: -3000 * 1000 arrivals - 2 M.
TEST(DiplomacyThreats, AbandoningAThreatLowersReputationAndCostsADemocracyItsAudience) {
  for (const double democracy : {0.5, 0.0}) {
    SCOPED_TRACE(democracy);
    Scenario scenario = readmission_table_scenario();
    scenario.negotiations[0].payment = -1;
    scenario.states[kDst].conduct.democracy = democracy;
    scenario.states[kDst].conduct.audience_cost = 4e6;
    const int sanctions =
        add_instrument(scenario, "dst_sanctions", InstrumentType::sanctions, kDst, kTra);
    scenario.instruments[static_cast<std::size_t>(sanctions)].value_to_target = -50000;
    scenario.instruments[static_cast<std::size_t>(sanctions)].cost_to_user = 1e6;
    scenario.negotiations[0].threats = {sanctions};
    Harness harness(scenario);
    start_instrument(harness.scenario(), sanctions, 1.0, targets_of(harness.world()));
    harness.step();
    const Diplomacy& diplomacy = harness.diplomacy();
    EXPECT_TRUE(diplomacy.deals.empty());
    EXPECT_EQ(diplomacy.in_force(sanctions), 0);
    EXPECT_NEAR(diplomacy.reputation(kDst), 0.4, 1e-12);
    EXPECT_NEAR(diplomacy.audience_costs(kDst), democracy * 4e6, 1e-6);
    EXPECT_NEAR(diplomacy.utility(kDst), -3000 * 1000 - democracy * 4e6, 1e-6);
    const auto log = harness.log_at(0);
    ASSERT_EQ(log.size(), 2U);
    // The joint gain includes lifting the sanctions: 1.38 M + 1 M + 50,000.
    expect_entry(log[0], NegotiationAction::no_agreement, -1, -1, 2.43e6);
    EXPECT_EQ(log[1].action, NegotiationAction::threat_abandoned);
    EXPECT_EQ(log[1].actor, kDst);
    EXPECT_EQ(log[1].instrument, sanctions);
    // The audience cost is paid once, in the tick it backs down.
    harness.step();
    EXPECT_EQ(diplomacy.audience_costs(kDst), 0.0);
    EXPECT_NEAR(diplomacy.utility(kDst), -3000 * 1000, 1e-6);
  }
}

// aid_and_visa_table_scenario(true): at 1000 arrivals the bargain fails and rests on DST's aid
// cut (credibility 0.25 against TRA's visa restriction, see test_diplomacy_bargain.cpp). Carrying
// it out is not worth it (50,000 a month against 0.5 * 1 M of expected retaliation): it is
// announced, and TRA resists. When arrivals fall to 100 the same threat buys the deal: TRA
// concedes.
TEST(DiplomacyThreats, AnAnnouncedThreatIsResistedThenConcededWhenADealFollows) {
  Harness harness(aid_and_visa_table_scenario(true));
  const int cut = harness.instrument("dst_cuts_aid");
  harness.step();
  Diplomacy& diplomacy = harness.diplomacy();
  EXPECT_TRUE(diplomacy.deals.empty());
  auto log = harness.log_at(0);
  ASSERT_EQ(log.size(), 3U);
  expect_entry(log[0], NegotiationAction::no_agreement, -1, -1, 1.38e6);
  expect_entry(log[1], NegotiationAction::threat_announced, kDst, cut, 0.25);
  expect_entry(log[2], NegotiationAction::threat_resisted, kTra, cut, 0.25);
  EXPECT_EQ(diplomacy.announced(cut), 1);
  EXPECT_EQ(diplomacy.in_force(cut), 0);
  EXPECT_NEAR(diplomacy.credibility(cut), 0.25, 1e-12);
  EXPECT_NEAR(diplomacy.reputation(kDst), 0.5, 1e-12);  // announcing alone moves nothing

  harness.set_arrivals(100);
  harness.step();
  ASSERT_EQ(diplomacy.deals.size(), 1U);
  EXPECT_EQ(diplomacy.deals[0].payment_per_month, 0.0);
  log = harness.log_at(1);
  ASSERT_EQ(log.size(), 4U);
  expect_entry(log[0], NegotiationAction::proposed, kDst, -1, 0);
  expect_entry(log[1], NegotiationAction::threat_announced, kDst, cut, 0.25);
  expect_entry(log[2], NegotiationAction::accepted, kTra, -1, 0);
  expect_entry(log[3], NegotiationAction::threat_conceded, kTra, cut, 0);
  EXPECT_EQ(diplomacy.announced(cut), 0);
  EXPECT_EQ(diplomacy.in_force(cut), 0);
  EXPECT_NEAR(diplomacy.reputation(kDst), 0.5, 1e-12);
}

// TRA had announced its visa restriction; the failed bargain no longer rests on it (using it
// would only cost TRA): it is withdrawn, logged as abandoned with its credibility (0.5), and TRA's
// reputation falls from 0.5 to 0.4. TRA is no democracy: no audience cost.
TEST(DiplomacyThreats, AWithdrawnAnnouncedThreatIsAbandoned) {
  Harness harness(aid_and_visa_table_scenario(true));
  const int visas = harness.instrument("tra_visas");
  harness.diplomacy().announced(visas) = 1;
  harness.step();
  const Diplomacy& diplomacy = harness.diplomacy();
  EXPECT_EQ(diplomacy.announced(visas), 0);
  EXPECT_NEAR(diplomacy.reputation(kTra), 0.4, 1e-12);
  EXPECT_EQ(diplomacy.audience_costs(kTra), 0.0);
  const auto log = harness.log_at(0);
  const auto abandoned = std::find_if(log.begin(), log.end(), [](const NegotiationEntry& entry) {
    return entry.action == NegotiationAction::threat_abandoned;
  });
  ASSERT_NE(abandoned, log.end());
  expect_entry(*abandoned, NegotiationAction::threat_abandoned, kTra, visas, 0.5);
}

}  // namespace
}  // namespace migdip::testing
