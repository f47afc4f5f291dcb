// Blocs at the table (docs/model.md 7.4, "Blocs at the table"; 7.5.3): a bloc table uses its
// members' instruments, a bloc can be the partner, the bloc's money falls on its members by its
// burden-sharing key, and an instrument is in one state across every table that uses it.
//
// As in test_diplomacy_deals.cpp, each tick runs only phases 1 (events), 4 (diplomacy),
// 5 (policy) and 7 (utility) on a world whose flows the test sets by hand; ticks are one nominal
// month. The base is readmission_table_scenario(): TRA readmitting half of the 1000 arrivals seen
// on TRA-DST is worth +1.5 M a month to DST (500 * 3000) and -120,000 to TRA (500 held for half
// the 12-month horizon at 40 a month); with powers 0.5 and no threats TRA gets half of the joint
// 1.38 M: the price is 690,000 + 120,000 = 810,000.

#include <gtest/gtest.h>

#include <vector>

#include "migdip/scenario/burden_sharing.h"
#include "migdip/world/world.h"
#include "phases/diplomacy/diplomacy_phase.h"
#include "phases/diplomacy/valuation.h"
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
constexpr int kBlocActor = 3;  // the first bloc, after the chain world's three states
constexpr double kPrice = 810000;

Scenario checked(Scenario scenario) {
  check_scenario(scenario);
  return scenario;
}

using Harness = DiplomacyHarness;

Party bloc_party(int bloc) {
  return Party{TargetKind::bloc, bloc};
}

// --- Burden sharing (7.5.3) -------------------------------------------------------------------

// A bloc of ORI (population 1e6, income 2000 a head) and TRA (5e7, 9000) receives 1 M.
// population: ORI 1e6 / 5.1e7 of it = 19,607.84..., TRA 5e7 / 5.1e7 = 980,392.15...;
// gdp: ORI 2e9 / (2e9 + 4.5e11) = 4424.78..., TRA 4.5e11 / 4.52e11 = 995,575.22...;
// equal: 500,000 each; explicit ORI:3, TRA:1: 750,000 and 250,000.
TEST(BlocBurdenSharing, EachKeySharesMoneyByItsWeights) {
  Scenario scenario = chain_scenario();
  scenario.blocs = {BlocSpec{"B", "B", {kOri, kTra}, {}}};
  BlocSpec& bloc = scenario.blocs[0];
  struct Case {
    BurdenSharing key;
    std::vector<double> shares;
    double ori;
    double tra;
  };
  const std::vector<Case> cases = {
      {BurdenSharing::population, {}, 1e6 * 1e6 / 5.1e7, 1e6 * 5e7 / 5.1e7},
      {BurdenSharing::gdp, {}, 1e6 * 2e9 / 4.52e11, 1e6 * 4.5e11 / 4.52e11},
      {BurdenSharing::equal, {}, 5e5, 5e5},
      {BurdenSharing::explicit_shares, {3, 1}, 7.5e5, 2.5e5},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(to_string(c.key)));
    bloc.burden_sharing = c.key;
    bloc.burden_shares = c.shares;
    check_scenario(scenario);
    Eigen::ArrayXd received = Eigen::ArrayXd::Zero(3);
    book_to_party(scenario, bloc_party(0), 1e6, received);
    EXPECT_NEAR(received(kOri), c.ori, 1e-6);
    EXPECT_NEAR(received(kTra), c.tra, 1e-6);
    EXPECT_EQ(received(kDst), 0.0);
    EXPECT_NEAR(received.sum(), 1e6, 1e-6);
  }
}

// The cost of a bloc's own instrument in force falls on its members by the key: the EU's visa
// restriction costs 300,000 a month; with EU = {TRA, DST} under `equal`, each member's utility
// loses 150,000 over a one-month tick (nothing else happens to TRA; DST also pays for the 1000
// arrivals it saw, 3000 each).
TEST(BlocBurdenSharing, ABlocInstrumentsCostFallsOnItsMembersByTheKey) {
  Scenario scenario = readmission_table_scenario();
  scenario.blocs = {BlocSpec{"EU", "EU", {kTra, kDst}, {}}};
  scenario.blocs[0].burden_sharing = BurdenSharing::equal;
  InstrumentSpec visas;
  visas.id = "eu_visas";
  visas.type = InstrumentType::visa_restriction;
  visas.user = bloc_party(0);
  visas.target = kOri;
  visas.cost_to_user = 3e5;
  scenario.instruments.push_back(visas);
  const Scenario ready = checked(scenario);
  const Network network(ready);
  World world(ready);
  const DiplomacyPhase phase(ready, network);
  world.flows.arrivals(0, kTraDst) = 1000;
  world.diplomacy.in_force(ready.instrument_count() - 1) = 1;
  const TickContext tick(ready.settings, 0, kDaysPerMonth);
  phase.assess_utility(tick, inputs_of(world), world.treasury, world.diplomacy);
  EXPECT_NEAR(world.diplomacy.utility(kTra), -150000, 1e-6);
  EXPECT_NEAR(world.diplomacy.utility(kDst), -3000 * 1000 - 150000, 1e-6);
}

// --- A bloc table uses its members' instruments ---------------------------------------------

// At a table of the bloc EU = {DST} with TRA, DST's sanctions on TRA (costing DST 200,000 a
// month, -500,000 to TRA) and its budget support to TRA (100,000 a month) are valued by the bloc
// as DST values them: {-200,000, -500,000} and {-100,000, +100,000}. (Before blocs could use
// their members' instruments, the member's cost and money were nobody's at the table.)
TEST(DiplomacyBlocs, ABlocValuesItsMembersCostsAndMoney) {
  Scenario scenario = readmission_table_scenario();
  scenario.blocs = {BlocSpec{"EU", "EU", {kDst}, {}}};
  const int sanctions =
      add_instrument(scenario, "dst_sanctions", InstrumentType::sanctions, kDst, kTra);
  scenario.instruments[static_cast<std::size_t>(sanctions)].cost_to_user = 2e5;
  scenario.instruments[static_cast<std::size_t>(sanctions)].value_to_target = -5e5;
  const int support =
      add_instrument(scenario, "dst_support", InstrumentType::budget_support, kDst, kTra);
  scenario.instruments[static_cast<std::size_t>(support)].amount = 1e5;
  const Scenario ready = checked(scenario);
  const Network network(ready);
  World world(ready);
  ObservedFlows observed(ready);
  observed.observe(view_of(world), network);
  const TickContext tick(ready.settings, 0, kDaysPerMonth);
  const Valuation valuation(ready, network, tick, view_of(world), observed);
  const PartyValues hit = valuation.use(sanctions, kBlocActor, kTra);
  EXPECT_DOUBLE_EQ(hit.demander, -2e5);
  EXPECT_DOUBLE_EQ(hit.partner, -5e5);
  const PartyValues money = valuation.use(support, kBlocActor, kTra);
  EXPECT_DOUBLE_EQ(money.demander, -1e5);
  EXPECT_DOUBLE_EQ(money.partner, 1e5);
}

// The demander is the bloc EU = {DST}; the threat is DST's own aid cut (DST gives TRA 100,000 a
// month). As for DST alone (test_diplomacy_deals.cpp, CarryingOutAThreatRaisesReputation): TRA's
// loss from readmitting (120,000) exceeds the aid, the bargain fails (surplus 1.38 M), and
// cutting the aid pays its side by itself (+100,000 a month to the bloc, which holds DST): it is
// carried out with credibility 1, by the bloc, whose reputation rises from 0.5 to 0.6; DST's
// own stays 0.5, and TRA receives nothing.
TEST(DiplomacyBlocs, ABlocTableCarriesOutItsMembersThreat) {
  Scenario scenario = readmission_table_scenario();
  scenario.blocs = {BlocSpec{"EU", "EU", {kDst}, {}}};
  scenario.negotiations[0].demander = bloc_party(0);
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
  const auto log = harness.log_of(0);
  ASSERT_EQ(log.size(), 2U);
  EXPECT_EQ(log[0].action, NegotiationAction::no_agreement);
  EXPECT_NEAR(log[0].value, 1.38e6, 1e-6);
  EXPECT_EQ(log[1].action, NegotiationAction::threat_carried_out);
  EXPECT_EQ(log[1].actor, kBlocActor);
  EXPECT_EQ(log[1].instrument, cut);
  EXPECT_NEAR(log[1].value, 1.0, 1e-12);
  EXPECT_EQ(diplomacy.in_force(cut), 1);
  EXPECT_EQ(diplomacy.holder(cut), 0);
  EXPECT_NEAR(diplomacy.reputation(kBlocActor), 0.6, 1e-12);
  EXPECT_NEAR(diplomacy.reputation(kDst), 0.5, 1e-12);
  EXPECT_EQ(harness.world().treasury.received(kTra), 0.0);
}

// --- A bloc as the partner ----------------------------------------------------------------------

// DST asks the bloc B = {ORI, TRA} for its member TRA's readmission and pays through a transfer
// to TRA. The bloc values the deal as TRA does (ORI gains or loses nothing from it), so the deal
// is the state table's: 810,000 a month, accepted by the bloc, TRA readmitting half from the
// first tick. The money goes to the bloc and is shared by its key:
//   population: ORI 810,000 * 1e6 / 5.1e7 = 15,882.35..., TRA 810,000 * 5e7 / 5.1e7;
//   gdp:        ORI 810,000 * 2e9 / 4.52e11 = 3584.07...,  TRA 810,000 * 4.5e11 / 4.52e11.
TEST(DiplomacyBlocs, ABlocPartnerCommitsItsMembersInstrumentAndIsPaidByItsKey) {
  for (const BurdenSharing key : {BurdenSharing::population, BurdenSharing::gdp}) {
    SCOPED_TRACE(std::string(to_string(key)));
    Scenario scenario = readmission_table_scenario();
    scenario.blocs = {BlocSpec{"B", "B", {kOri, kTra}, {}}};
    scenario.blocs[0].burden_sharing = key;
    scenario.negotiations[0].partner = bloc_party(0);
    Harness harness(scenario);
    harness.step();
    const Diplomacy& diplomacy = harness.diplomacy();
    ASSERT_EQ(diplomacy.deals.size(), 1U);
    EXPECT_NEAR(diplomacy.deals[0].payment_per_month, kPrice, 1e-6);
    EXPECT_NEAR(diplomacy.deals[0].partner_gain, 690000, 1e-6);
    const auto log = harness.log_of(0);
    ASSERT_EQ(log.size(), 2U);
    EXPECT_EQ(log[0].action, NegotiationAction::proposed);
    EXPECT_EQ(log[0].actor, kDst);
    EXPECT_EQ(log[1].action, NegotiationAction::accepted);
    EXPECT_EQ(log[1].actor, kBlocActor);
    EXPECT_EQ(harness.world().corridors.lever(Lever::readmission_rate)(kTraDst), 0.5);
    const double ori_weight = key == BurdenSharing::gdp ? 2e9 : 1e6;
    const double tra_weight = key == BurdenSharing::gdp ? 4.5e11 : 5e7;
    const Eigen::ArrayXd& received = harness.world().treasury.received;
    EXPECT_NEAR(received(kOri), kPrice * ori_weight / (ori_weight + tra_weight), 1e-6);
    EXPECT_NEAR(received(kTra), kPrice * tra_weight / (ori_weight + tra_weight), 1e-6);
    EXPECT_NEAR(harness.world().treasury.paid(kDst), kPrice, 1e-6);
  }
}

// --- One instrument, one state --------------------------------------------------------------

// Two tables between DST and TRA, in this order: "dst_tra" asks readmission with no money, and
// DST may cut its 100,000 a month of aid; "dst_tra_paid" asks the same readmission with a
// payment, and lists the same aid cut among its threats. At tick 0 the first table fails and
// DST cuts the aid (as above); the cut is then held by the first table. At the second table the
// cut is the world as it stands: no deal there reverts it (otherwise the bundle would be worth
// +1.4 M to DST and -20,000 to TRA and cost 710,000). Its deal is the plain readmission deal at
// 810,000, and the aid cut stays in force, never conceded. The readmission is then held by the
// second table: the first has nothing left to trade, and cannot end it.
TEST(DiplomacyBlocs, OneInstrumentAtTwoTablesIsInOneState) {
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
  const int cut = add_instrument(scenario, "dst_cuts_aid", InstrumentType::aid_cut, kDst, kTra);
  scenario.negotiations[0].threats = {cut};
  NegotiationSpec paid = scenario.negotiations[0];
  paid.id = "dst_tra_paid";
  paid.payment = *scenario.find_instrument("dst_pays");
  scenario.negotiations.push_back(paid);
  Harness harness(scenario);
  const int readmits = harness.instrument("tra_readmits");
  harness.step();
  const Diplomacy& diplomacy = harness.diplomacy();
  ASSERT_EQ(diplomacy.deals.size(), 1U);
  EXPECT_EQ(diplomacy.deals[0].negotiation, 1);
  EXPECT_NEAR(diplomacy.deals[0].payment_per_month, kPrice, 1e-6);
  EXPECT_EQ(diplomacy.in_force(cut), 1);
  EXPECT_EQ(diplomacy.holder(cut), 0);
  EXPECT_EQ(diplomacy.in_force(readmits), 1);
  EXPECT_EQ(diplomacy.holder(readmits), 1);
  for (const NegotiationEntry& entry : harness.log_of(1)) {
    EXPECT_NE(entry.action, NegotiationAction::threat_conceded);
  }
  // TRA is paid the price and not the aid, which stays cut.
  EXPECT_NEAR(harness.world().treasury.received(kTra), kPrice, 1e-6);
  // Over the next ticks both stay as they are: the first table, which bargains again since its
  // threat changed it, cannot trade or end what the second holds, and the second cannot revert
  // the first's threat.
  harness.step();
  harness.step();
  EXPECT_EQ(diplomacy.in_force(cut), 1);
  EXPECT_EQ(diplomacy.holder(cut), 0);
  EXPECT_EQ(diplomacy.in_force(readmits), 1);
  EXPECT_EQ(diplomacy.holder(readmits), 1);
  EXPECT_EQ(diplomacy.active_deal(0), -1);
  EXPECT_EQ(diplomacy.active_deal(1), 0);
  EXPECT_EQ(harness.world().corridors.lever(Lever::readmission_rate)(kTraDst), 0.5);
}

}  // namespace
}  // namespace migdip::testing
