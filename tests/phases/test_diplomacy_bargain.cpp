// One bargain at one table (engine/phases/diplomacy/bargain.cpp): threat credibility, the threat
// game, the demander's bargaining power under each protocol, and the Nash choice of bundle and
// price. Worlds are built by hand; the flows governments saw are set by each test.
//
// The base table is readmission_table_scenario(): TRA readmitting half of the 1000 arrivals seen
// on TRA-DST is worth +1.5 M a month to DST (500 arrivals at 3000 EUR) and -120,000 to TRA (500
// people held for 6 months at 40 EUR): a joint gain S = 1.38 M.

#include <gtest/gtest.h>

#include <cmath>

#include "migdip/diplomacy/rubinstein.h"
#include "migdip/world/world.h"
#include "phases/diplomacy/bargain.h"
#include "phases/diplomacy/valuation.h"
#include "phases/network.h"
#include "phases/scheduled_events.h"
#include "phases/tick_context.h"
#include "support/diplomacy_parts.h"
#include "support/strategic_scenario.h"

namespace migdip::testing {
namespace {

constexpr int kTraDst = 1;
constexpr int kTable = 0;
constexpr double kGainToDst = 1.5e6;
constexpr double kGainToTra = -120000;

Scenario checked(Scenario scenario) {
  check_scenario(scenario);
  return scenario;
}

class Table {
 public:
  explicit Table(Scenario scenario)
      : scenario_(checked(std::move(scenario))),
        network_(scenario_),
        world_(scenario_),
        observed_(scenario_),
        bargainer_(scenario_) {
    set_arrivals(1000);
    apply_scheduled_events(
        scenario_, 0,
        EventTargets{world_.policy, world_.corridors, world_.pathway_lever, world_.treasury},
        world_.applied_events);
  }

  void set_arrivals(double people) {
    world_.flows.arrivals(0, kTraDst) = people;
    world_.flows.departures(0, kTraDst) = people;
  }
  World& world() { return world_; }
  Bargainer& bargainer() { return bargainer_; }
  int instrument(const std::string& id) const { return *scenario_.find_instrument(id); }

  BargainOutcome evaluate(int tick = 0, int assumed = -1) {
    const TickContext context(scenario_.settings, tick, kDaysPerMonth);
    observed_.observe(view_of(world_), network_);
    const Valuation valuation(scenario_, network_, context, view_of(world_), observed_);
    return bargainer_.evaluate(kTable, context, valuation, world_.diplomacy, assumed);
  }
  double power(int tick = 0) const {
    return bargainer_.demander_power(kTable, TickContext(scenario_.settings, tick, kDaysPerMonth));
  }

 private:
  Scenario scenario_;
  Network network_;
  World world_;
  ObservedFlows observed_;
  Bargainer bargainer_;
};

// --- Nash choice of bundle and price -------------------------------------------------------

// No threats, power 0.5: the partner gets half of S = 1.38 M, so the price is 690,000 + 120,000.
TEST(DiplomacyBargain, PriceSplitsTheJointGainByPower) {
  Table table(readmission_table_scenario());
  const BargainOutcome outcome = table.evaluate();
  ASSERT_TRUE(outcome.agreement);
  EXPECT_EQ(outcome.items, 1U);
  EXPECT_NEAR(outcome.surplus, 1.38e6, 1e-6);
  EXPECT_NEAR(outcome.payment, 810000, 1e-6);
  EXPECT_NEAR(outcome.payoff.demander, 690000, 1e-6);
  EXPECT_NEAR(outcome.payoff.partner, 690000, 1e-6);
  EXPECT_NEAR(outcome.gains.demander, kGainToDst, 1e-6);
  EXPECT_NEAR(outcome.gains.partner, kGainToTra, 1e-6);
  EXPECT_EQ(outcome.demander_threat, -1);
  EXPECT_EQ(outcome.partner_threat, -1);
}

// Power 0.6 / (0.6 + 0.2) = 0.75 for DST: TRA gets a quarter of S, 345,000, for 465,000.
TEST(DiplomacyBargain, MorePowerfulDemanderPaysLess) {
  Scenario scenario = readmission_table_scenario();
  scenario.states[kDst].conduct.bargaining_power = 0.6;
  scenario.states[kTra].conduct.bargaining_power = 0.2;
  Table table(scenario);
  EXPECT_DOUBLE_EQ(table.power(), 0.75);
  const BargainOutcome outcome = table.evaluate();
  ASSERT_TRUE(outcome.agreement);
  EXPECT_NEAR(outcome.payment, 0.25 * 1.38e6 + 120000, 1e-6);
}

// The price never exceeds the payment instrument's ceiling: at 500,000 TRA still gains 380,000.
TEST(DiplomacyBargain, PaymentIsCappedByTheCeiling) {
  Scenario scenario = readmission_table_scenario();
  instrument(scenario, "dst_pays").amount = 5e5;
  Table table(scenario);
  const BargainOutcome outcome = table.evaluate();
  ASSERT_TRUE(outcome.agreement);
  EXPECT_EQ(outcome.payment, 5e5);
  EXPECT_NEAR(outcome.payoff.demander, 1e6, 1e-6);
  EXPECT_NEAR(outcome.payoff.partner, 380000, 1e-6);
  // Below TRA's cost there is no deal at all.
  instrument(scenario, "dst_pays").amount = 1e5;
  Table poor(scenario);
  EXPECT_FALSE(poor.evaluate().agreement);
}

// Without gains there is nothing to sign: DST indifferent to arrivals, S = -120,000.
TEST(DiplomacyBargain, NoAgreementWithoutAJointGain) {
  Scenario scenario = readmission_table_scenario();
  scenario.states[kDst].preferences.arrival_cost = 0;
  Table table(scenario);
  const BargainOutcome outcome = table.evaluate();
  EXPECT_FALSE(outcome.agreement);
  EXPECT_NEAR(outcome.surplus, -120000, 1e-6);
  EXPECT_EQ(outcome.payment, 0.0);
}

// Partial compliance and leakage scale the value of the asks by delta = 0.8 (1 - 0.25) = 0.6 when
// money is paid: S = 0.6 * 1.38 M = 828,000, price 414,000 + 72,000.
TEST(DiplomacyBargain, ComplianceAndLeakageScaleTheAsks) {
  Scenario scenario = readmission_table_scenario();
  scenario.states[kTra].conduct.compliance = 0.8;
  scenario.states[kTra].conduct.leakage = 0.25;
  Table table(scenario);
  const BargainOutcome outcome = table.evaluate();
  ASSERT_TRUE(outcome.agreement);
  EXPECT_NEAR(outcome.gains.demander, 0.6 * kGainToDst, 1e-6);
  EXPECT_NEAR(outcome.gains.partner, 0.6 * kGainToTra, 1e-6);
  EXPECT_NEAR(outcome.payment, 486000, 1e-6);
}

// Issue linkage: an offered visa liberalisation worth 500,000 to TRA is bundled with the ask
// (joint gain 1.88 M beats 1.38 M), and the price falls to 940,000 - 380,000 = 560,000.
TEST(DiplomacyBargain, OffersAreBundledWhenTheyAddToTheJointGain) {
  Scenario scenario = readmission_table_scenario();
  const int visas =
      add_instrument(scenario, "dst_visas", InstrumentType::visa_liberalisation, kDst, kTra);
  scenario.instruments[static_cast<std::size_t>(visas)].value_to_target = 5e5;
  scenario.negotiations[0].offers = {visas};
  Table table(scenario);
  const BargainOutcome outcome = table.evaluate();
  ASSERT_TRUE(outcome.agreement);
  EXPECT_EQ(outcome.items, 3U);
  EXPECT_NEAR(outcome.surplus, 1.88e6, 1e-6);
  EXPECT_NEAR(outcome.payment, 560000, 1e-6);
}

// --- Credibility ----------------------------------------------------------------------------

// The three rules of Bargainer::credibility.
TEST(DiplomacyThreats, CredibilityRules) {
  Scenario scenario = readmission_table_scenario();
  ActorConduct& dst = scenario.states[kDst].conduct;
  dst.democracy = 0.5;
  dst.audience_cost = 4e6;
  dst.reputation_stake = 1e6;
  dst.reputation = 0.8;
  scenario.states[kTra].conduct.reputation = 0.6;
  scenario.states[kTra].conduct.reputation_stake = 3e6;
  Table table(scenario);
  const Bargainer& bargainer = table.bargainer();
  const World& world = table.world();

  // Carrying it out pays by itself (its effect on its user is >= 0): fully credible, whatever
  // it does to the other side and whatever the user's reputation.
  EXPECT_EQ(bargainer.credibility(0, {0.0, -5e6}, kDst, true, world.diplomacy), 1.0);
  EXPECT_EQ(bargainer.credibility(0, {2e5, -5e6}, kDst, true, world.diplomacy), 1.0);
  // Otherwise reputation x min(1, backing down / carrying out): backing down costs DST
  // 0.5 * 4 M + 1 M = 3 M, carrying out 1 M a month for 12 months: 0.8 * 3 / 12 = 0.2.
  EXPECT_NEAR(bargainer.credibility(0, {-1e6, 0.0}, kDst, true, world.diplomacy), 0.2, 1e-12);
  // Carrying out costs less than backing down: the reputation alone, 0.8.
  EXPECT_NEAR(bargainer.credibility(0, {-1e5, 0.0}, kDst, true, world.diplomacy), 0.8, 1e-12);
  // The partner's threats are judged by their effect on the partner (3 M / 12 M * 0.6).
  EXPECT_NEAR(bargainer.credibility(0, {5e6, -1e6}, kTra, false, world.diplomacy), 0.15, 1e-12);
  EXPECT_EQ(bargainer.credibility(0, {-5e6, 1.0}, kTra, false, world.diplomacy), 1.0);
  // Reputation is the one the run has earned, not the initial one.
  table.world().diplomacy.reputation(kDst) = 0.4;
  EXPECT_NEAR(bargainer.credibility(0, {-1e6, 0.0}, kDst, true, world.diplomacy), 0.1, 1e-12);
}

// Alone, the aid cut pays DST by itself (+50,000 a month): credibility 1. Against a partner that
// can answer with its visa restriction (credibility 0.5: reputation 0.5, and its 1 M stake
// exceeds the 600,000 carrying it out costs over the horizon), DST counts the expected
// retaliation 0.5 * -1 M: 50,000 - 500,000 = -450,000 a month, 5.4 M over the horizon against
// 2.7 M for backing down: credibility 0.5 * 2.7 / 5.4 = 0.25.
// Neither threat brings a deal (TRA's loss of 120,000 exceeds anything it stands to lose), and
// DST's best reply is to announce the aid cut: its disagreement payoff 0.25 * 50,000.
TEST(DiplomacyThreats, ACredibleCounterThreatLowersCredibility) {
  Table alone(aid_and_visa_table_scenario(false));
  BargainOutcome outcome = alone.evaluate();
  EXPECT_FALSE(outcome.agreement);
  EXPECT_EQ(outcome.demander_threat, alone.instrument("dst_cuts_aid"));
  EXPECT_EQ(outcome.demander_credibility, 1.0);
  EXPECT_NEAR(outcome.disagreement.demander, 50000, 1e-9);

  Table answered(aid_and_visa_table_scenario(true));
  outcome = answered.evaluate();
  EXPECT_FALSE(outcome.agreement);
  EXPECT_EQ(outcome.demander_threat, answered.instrument("dst_cuts_aid"));
  EXPECT_NEAR(outcome.demander_credibility, 0.25, 1e-12);
  EXPECT_EQ(outcome.partner_threat, -1);  // using it would cost TRA and force nothing
  EXPECT_NEAR(outcome.disagreement.demander, 12500, 1e-9);
  EXPECT_NEAR(outcome.disagreement.partner, -12500, 1e-9);
}

// With 100 arrivals TRA's loss from readmitting is 12,000, less than the 12,500 the announced aid
// cut would cost it: the threat now buys the deal, with no money.
TEST(DiplomacyThreats, AThreatCanBuyADeal) {
  Table table(aid_and_visa_table_scenario(true));
  table.set_arrivals(100);
  const BargainOutcome outcome = table.evaluate();
  ASSERT_TRUE(outcome.agreement);
  EXPECT_EQ(outcome.demander_threat, table.instrument("dst_cuts_aid"));
  EXPECT_EQ(outcome.payment, 0.0);
  EXPECT_NEAR(outcome.payoff.demander, 150000, 1e-9);
  EXPECT_NEAR(outcome.payoff.partner, -12000, 1e-9);
}

// A threat in force is part of the status quo and any deal reverts it: an aid cut in force adds
// its reversal (-50,000 for DST, +50,000 for TRA) to the bundle's gains, and is no longer an
// option of the threat game.
TEST(DiplomacyThreats, AThreatInForceIsRevertedByTheDeal) {
  Table table(aid_and_visa_table_scenario(false));
  const int cut = table.instrument("dst_cuts_aid");
  BargainOutcome assumed = table.evaluate(0, cut);
  EXPECT_EQ(assumed.demander_threat, -1);
  EXPECT_NEAR(assumed.surplus, 1.38e6, 1e-6);
  // TRA's -120,000 + 50,000 is still a loss and there is no money: no deal.
  EXPECT_FALSE(assumed.agreement);
  // With 100 arrivals: (150,000 - 50,000, -12,000 + 50,000), a deal without money.
  table.set_arrivals(100);
  assumed = table.evaluate(0, cut);
  ASSERT_TRUE(assumed.agreement);
  EXPECT_NEAR(assumed.gains.demander, 100000, 1e-9);
  EXPECT_NEAR(assumed.gains.partner, 38000, 1e-9);
  EXPECT_EQ(assumed.payment, 0.0);
  EXPECT_EQ(assumed.demander_threat, -1);
}

// --- Bargaining power under each protocol ---------------------------------------------------

double share(double proposer, double responder) {
  return rubinstein_proposer_share(proposer, responder);
}

// Rubinstein: DST (patience 0.05 a month) proposes to TRA (0.2), rounds of one month: its power
// is (1 - e^-0.2) / (1 - e^-0.05 e^-0.2); the price gives TRA (1 - power) of S.
TEST(DiplomacyProtocol, RubinsteinPowerIsTheProposersShare) {
  Scenario scenario = readmission_table_scenario();
  scenario.diplomacy.protocol = BargainingProtocol::rubinstein;
  scenario.states[kDst].conduct.patience = 0.05;
  scenario.states[kTra].conduct.patience = 0.2;
  Table table(scenario);
  const double expected = share(std::exp(-0.05), std::exp(-0.2));
  EXPECT_NEAR(table.power(), expected, 1e-14);
  const BargainOutcome outcome = table.evaluate();
  EXPECT_NEAR(outcome.power, expected, 1e-14);
  ASSERT_TRUE(outcome.agreement);
  EXPECT_NEAR(outcome.payment, (1 - expected) * 1.38e6 + 120000, 1e-6);

  // Rounds of two months discount twice as much per round.
  scenario.diplomacy.round_months = 2;
  Table slower(scenario);
  EXPECT_NEAR(slower.power(), share(std::exp(-0.1), std::exp(-0.4)), 1e-14);
}

// Reverse conditionality: the partner sets the terms and proposes first.
TEST(DiplomacyProtocol, UnderReverseConditionalityThePartnerProposes) {
  Scenario scenario = readmission_table_scenario();
  scenario.diplomacy.protocol = BargainingProtocol::rubinstein;
  scenario.states[kDst].conduct.patience = 0.05;
  scenario.states[kTra].conduct.patience = 0.2;
  scenario.negotiations[0].conditionality = Conditionality::reverse;
  Table table(scenario);
  EXPECT_NEAR(table.power(), 1 - share(std::exp(-0.2), std::exp(-0.05)), 1e-14);
  // Proposing is an advantage: TRA gets more than when DST proposes.
  EXPECT_LT(table.power(), share(std::exp(-0.05), std::exp(-0.2)));
}

// An election 2 months ahead multiplies DST's discount factor by e^(-1/2): it is impatient and
// its share falls; one 20 months ahead costs it less; a past election none.
TEST(DiplomacyProtocol, ANearElectionLowersTheDemandersShare) {
  Scenario scenario = readmission_table_scenario();
  scenario.diplomacy.protocol = BargainingProtocol::rubinstein;
  scenario.states[kDst].conduct.patience = 0.05;
  scenario.states[kTra].conduct.patience = 0.05;
  const double calm = share(std::exp(-0.05), std::exp(-0.05));
  {
    Table table(scenario);
    EXPECT_NEAR(table.power(), calm, 1e-14);
    EXPECT_NEAR(table.power(), 1 / (1 + std::exp(-0.05)), 1e-14);
  }
  scenario.states[kDst].conduct.election_tick = 2;
  Table near(scenario);
  const double before_election = share(std::exp(-0.05) * std::exp(-0.5), std::exp(-0.05));
  EXPECT_NEAR(near.power(0), before_election, 1e-14);
  EXPECT_LT(near.power(0), calm);
  // One month before it, e^-1: lower still; from the election on, it no longer counts.
  EXPECT_NEAR(near.power(1), share(std::exp(-0.05) * std::exp(-1.0), std::exp(-0.05)), 1e-14);
  EXPECT_NEAR(near.power(2), calm, 1e-14);
  EXPECT_NEAR(near.power(3), calm, 1e-14);

  scenario.states[kDst].conduct.election_tick = 20;
  Table far(scenario);
  EXPECT_GT(far.power(0), before_election);
  EXPECT_LT(far.power(0), calm);
  // The partner's election weakens the partner.
  scenario.states[kDst].conduct.election_tick.reset();
  scenario.states[kTra].conduct.election_tick = 2;
  Table partner_votes(scenario);
  EXPECT_NEAR(partner_votes.power(0), share(std::exp(-0.05), std::exp(-0.05) * std::exp(-0.5)),
              1e-14);
  EXPECT_GT(partner_votes.power(0), calm);
}

// A bloc demander bargains with the bloc's conduct, not its members'.
TEST(DiplomacyProtocol, ABlocBargainsWithItsOwnConduct) {
  Scenario scenario = readmission_table_scenario();
  ActorConduct bloc;
  bloc.bargaining_power = 0.9;
  scenario.blocs = {BlocSpec{"EU", "Europe", {kDst}, bloc, {}}};
  scenario.negotiations[0].demander = Party{TargetKind::bloc, 0};
  instrument(scenario, "dst_pays").user = Party{TargetKind::bloc, 0};
  scenario.states[kDst].conduct.bargaining_power = 0.1;
  scenario.states[kTra].conduct.bargaining_power = 0.1;
  Table table(scenario);
  EXPECT_NEAR(table.power(), 0.9, 1e-14);
  const BargainOutcome outcome = table.evaluate();
  ASSERT_TRUE(outcome.agreement);
  EXPECT_NEAR(outcome.payment, 0.1 * 1.38e6 + 120000, 1e-6);
}

}  // namespace
}  // namespace migdip::testing
