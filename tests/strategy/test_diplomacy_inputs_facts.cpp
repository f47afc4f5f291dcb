// Scenario-level behaviour of the strategic layer's inputs beyond levers (issue 14, items 3, 4
// and 7), on the externalisation world of support/strategic_scenario.h run whole in expected
// mode (deterministic): an event raising salience brings a deal forward; a deal in force at the
// start is monitored and paid from tick 0; a budget that runs out ends the payments and the deal;
// root-causes aid lowers departures after its lag.

#include <gtest/gtest.h>

#include <numeric>
#include <vector>

#include "migdip/simulation/simulation.h"
#include "support/strategic_scenario.h"

namespace migdip::testing {
namespace {

constexpr int kTraDst = 1;

struct Trace {
  std::vector<double> crossings;    ///< arrivals on TRA-DST
  std::vector<double> emigrated;    ///< departures from ORI
  std::vector<double> payments;     ///< the table's deal payment
  std::vector<double> enforcement;  ///< TRA's exit enforcement in force
  std::vector<Deal> deals;
  std::vector<NegotiationEntry> log;
};

Trace run(Scenario scenario) {
  Simulation simulation(share(std::move(scenario)));
  Trace trace;
  while (!simulation.finished()) {
    simulation.step();
    const World& world = simulation.world();
    trace.crossings.push_back(world.flows.arrivals.col(kTraDst).sum());
    trace.emigrated.push_back(world.flows.emigrated.col(kOri).sum());
    trace.payments.push_back(
        world.diplomacy.deal_payment.size() > 0 ? world.diplomacy.deal_payment(0) : 0.0);
    trace.enforcement.push_back(world.policy.lever(Lever::exit_enforcement)(kTra));
  }
  trace.deals = simulation.world().diplomacy.deals;
  trace.log = simulation.world().diplomacy.log;
  return trace;
}

Scenario deterministic_world() {
  Scenario scenario = externalisation_scenario();
  scenario.settings.mode = SimulationMode::expected;
  scenario.negotiations[0].start_tick = 0;
  return scenario;
}

int first_deal_tick(const Trace& trace) {
  return trace.deals.empty() ? -1 : trace.deals.front().signed_tick;
}

// DST cares little about arrivals (arrival_cost 100): the table, open from the start, never
// finds a bargaining range. An outrage at month 12 that raises DST's salience to 50 prices an
// arrival at 100 * (1 + 50) = 5100: the deal comes that month.
TEST(DiplomacyInputsFacts, AnEventRaisingSalienceBringsTheDealForward) {
  Scenario calm = deterministic_world();
  calm.states[kDst].preferences.arrival_cost = 100;
  Scenario outraged = calm;
  outraged.events.push_back(
      stance_event("outrage", 12, TargetKind::state, kDst, StanceParameter::salience, 50));
  const Trace without = run(calm);
  const Trace with = run(outraged);
  EXPECT_EQ(first_deal_tick(without), -1);
  EXPECT_EQ(first_deal_tick(with), 12);
}

// A coast-guard deal at EUR 5 M a month is in force at the start, while the table opens only at
// month 6: TRA's enforcement rises from tick 0, DST pays from tick 0, and crossings in the first
// months are lower than without it.
TEST(DiplomacyInputsFacts, ADealInForceAtTheStartIsMonitoredAndPaidFromTickZero) {
  Scenario base = deterministic_world();
  base.negotiations[0].start_tick = 6;
  Scenario with_deal = base;
  with_deal.negotiations[0].at_start.items = {*with_deal.find_instrument("tra_coastguard")};
  with_deal.negotiations[0].at_start.payment_per_month = 5e6;
  const Trace without = run(base);
  const Trace with = run(with_deal);
  ASSERT_FALSE(with.deals.empty());
  EXPECT_EQ(with.deals.front().signed_tick, 0);
  // January is 31 days long: 31 / 30.4375 months of the price, compliance unobserved (1).
  EXPECT_NEAR(with.payments[0], 5e6 * 31 / kDaysPerMonth, 1e-3);
  EXPECT_GT(with.enforcement[0], without.enforcement[0]);
  const double first_months_with =
      std::accumulate(with.crossings.begin() + 1, with.crossings.begin() + 6, 0.0);
  const double first_months_without =
      std::accumulate(without.crossings.begin() + 1, without.crossings.begin() + 6, 0.0);
  EXPECT_LT(first_months_with, 0.8 * first_months_without);
  EXPECT_EQ(without.payments[0], 0.0);
}

// DST's line holds EUR 120 M: it offers no more than 5 M a month over a 24-month deal. Cut to
// 8 M at month 10, the line pays at most two more months: the payments stop, the deal ends
// breached by non-payment (TRA's call), and TRA's enforcement falls back.
TEST(DiplomacyInputsFacts, ABudgetThatRunsOutEndsThePaymentsAndTheDeal) {
  Scenario scenario = deterministic_world();
  scenario.states[kDst].budget.initial = 120e6;
  scenario.events.push_back(
      stance_event("austerity", 10, TargetKind::state, kDst, StanceParameter::budget, 8e6));
  const Trace trace = run(scenario);
  ASSERT_FALSE(trace.deals.empty());
  const Deal& deal = trace.deals.front();
  EXPECT_LT(deal.signed_tick, 10);
  EXPECT_LE(deal.payment_per_month, 5e6 + 1e-6);
  EXPECT_EQ(deal.status, DealStatus::breached);
  EXPECT_GE(deal.closed_tick, 10);
  EXPECT_LE(deal.closed_tick, 12);
  bool by_partner = false;
  for (const NegotiationEntry& entry : trace.log) {
    by_partner =
        by_partner || (entry.action == NegotiationAction::deal_breached && entry.actor == kTra);
  }
  EXPECT_TRUE(by_partner);
  // Nothing is paid once the line is empty, whatever the table tries next.
  const double paid_after =
      std::accumulate(trace.payments.begin() + deal.closed_tick + 1, trace.payments.end(), 0.0);
  EXPECT_EQ(paid_after, 0.0);
  EXPECT_LT(trace.enforcement[static_cast<std::size_t>(deal.closed_tick) + 3],
            trace.enforcement[static_cast<std::size_t>(deal.closed_tick) - 1]);
}

// DST sends ORI EUR 120 M of development aid over 12 months from the start (10 M a month). With
// a root-causes effect of 5e-8 per EUR a month (aid fully felt would take 0.5 off a push of 1)
// and a lag of 6 months, departures from ORI in the first month are barely lower; by the end of
// the year, after the lag, they are clearly lower. Without the effect the aid changes nothing.
TEST(DiplomacyInputsFacts, RootCausesAidLowersDeparturesAfterItsLag) {
  Scenario base = chain_scenario();
  base.settings.mode = SimulationMode::expected;
  EventSpec aid;
  aid.id = "development_aid";
  aid.type = EventType::transfer;
  aid.payer = state_party(kDst);
  aid.payee = state_party(kOri);
  aid.amount = 120e6;
  aid.over_months = 12;
  base.events.push_back(aid);
  Scenario effective = base;
  effective.states[kOri].aid = RootCausesAid{5e-8, 6};
  Scenario no_aid = effective;
  no_aid.events.clear();
  const Trace without = run(no_aid);
  const Trace ineffective = run(base);
  const Trace with = run(effective);
  EXPECT_EQ(ineffective.emigrated, without.emigrated);
  // Month 1: 10 M * (1 - e^(-1/6)) = 1.5 M felt, push 1 -> 0.92.
  EXPECT_GT(with.emigrated[0], 0.9 * without.emigrated[0]);
  // Month 12: 10 M * (1 - e^(-2)) = 8.6 M felt, push 1 -> 0.57.
  EXPECT_LT(with.emigrated[11], 0.85 * without.emigrated[11]);
  EXPECT_LT(with.emigrated[11] / without.emigrated[11],
            with.emigrated[0] / without.emigrated[0] - 0.1);
}

}  // namespace
}  // namespace migdip::testing
