// Valuations that learn (issue 14, item 6), in a whole run: an exit control whose effect fades
// as people reroute and retry. DST pays TRA to raise its exit enforcement to 0.7 (the table of
// externalisation_scenario(), without threats, deterministic). ORI's people have a second way
// to DST, through TRB, about as cheap; once TRA's coast is guarded they take it, and those TRA
// stops try again. Arrivals in DST fall by half in the first month and then come back part of
// the way: the linear response the deal was priced on (1,200 fewer a month) overstates what the
// control does. With learning, DST learns it and reopens the deal at a lower price; judged on
// outcomes, the rebound is a breach by TRA. Without either, nothing happens: the deal, judged
// on the lever TRA delivers, runs to its end.

#include <gtest/gtest.h>

#include <vector>

#include "migdip/simulation/simulation.h"
#include "support/strategic_scenario.h"

namespace migdip::testing {
namespace {

constexpr int kCoastguard = 0;  // the instrument "tra_coastguard"
constexpr int kTable = 0;

Scenario rerouting_world(double memory_months, ComplianceBasis basis) {
  Scenario scenario = externalisation_scenario(1);
  scenario.settings.mode = SimulationMode::expected;
  scenario.negotiations[kTable].threats.clear();
  scenario.negotiations[kTable].compliance_basis = basis;
  scenario.negotiations[kTable].breach_threshold = 0.75;
  scenario.diplomacy.learning_memory_months = memory_months;
  StateSpec second = make_state("TRB", kTransit, 2e7, 7000);
  second.lever(Lever::hosting_capacity) = 5e4;
  scenario.states.push_back(second);
  const int trb = scenario.state_count() - 1;
  scenario.corridors.push_back(make_corridor("ORI-TRB", kOri, trb, 900, 0.002));
  scenario.corridors.push_back(make_corridor("TRB-DST", trb, kDst, 1500, 0.01));
  scenario.index_nationalities();
  return scenario;
}

struct Trace {
  std::vector<double> dst_arrivals;  ///< per tick, over every corridor into DST
  std::vector<double> belief;        ///< per tick, in the coastguard's effect
  std::vector<Deal> deals;
  std::vector<NegotiationEntry> log;
};

Trace run(Scenario scenario) {
  Simulation simulation(share(std::move(scenario)));
  Trace result;
  while (!simulation.finished()) {
    simulation.step();
    const World& world = simulation.world();
    double arrivals = 0;
    for (int c = 0; c < simulation.scenario().corridor_count(); ++c) {
      if (simulation.scenario().corridors[static_cast<std::size_t>(c)].to == kDst) {
        arrivals += world.flows.arrivals.col(c).sum();
      }
    }
    result.dst_arrivals.push_back(arrivals);
    result.belief.push_back(world.diplomacy.learned_effect(kCoastguard));
  }
  result.deals = simulation.world().diplomacy.deals;
  result.log = simulation.world().diplomacy.log;
  return result;
}

int first_tick(const Trace& run, NegotiationAction action, int actor) {
  for (const NegotiationEntry& entry : run.log) {
    if (entry.action == action && entry.actor == actor) {
      return entry.tick;
    }
  }
  return -1;
}

TEST(LearningFacts, AControlPeopleRouteAroundIsLearnedAndTheDemanderReopensTheDeal) {
  const Trace learning = run(rerouting_world(3, ComplianceBasis::lever));
  const Trace fixed = run(rerouting_world(0, ComplianceBasis::lever));
  ASSERT_FALSE(fixed.deals.empty());
  const Deal& first = fixed.deals[0];
  ASSERT_EQ(first.signed_tick, 6);
  // The control's effect fades: DST's arrivals in the first month under it are well below
  // those of the months after, when people have found TRB and retried.
  const double first_month = fixed.dst_arrivals[6];
  const double later =
      (fixed.dst_arrivals[10] + fixed.dst_arrivals[11] + fixed.dst_arrivals[12]) / 3;
  EXPECT_GT(later, 1.2 * first_month);

  // Without learning: nothing learned, DST never reopens, the first deal runs to its end.
  for (double belief : fixed.belief) {
    EXPECT_EQ(belief, 1.0);
  }
  EXPECT_EQ(first_tick(fixed, NegotiationAction::deal_renegotiated, kDst), -1);
  EXPECT_EQ(first.status, DealStatus::expired);

  // With learning: the belief falls below 1 - renegotiation_margin = 0.75 of what it was at
  // signing, within a year, and DST reopens the deal; the new one costs it clearly less.
  const int reopened = first_tick(learning, NegotiationAction::deal_renegotiated, kDst);
  ASSERT_GE(reopened, 8);
  EXPECT_LE(reopened, 18);
  EXPECT_LT(learning.belief[static_cast<std::size_t>(reopened)], 0.75);
  ASSERT_GE(learning.deals.size(), 2U);
  EXPECT_EQ(learning.deals[0].status, DealStatus::renegotiated);
  EXPECT_EQ(learning.deals[1].signed_tick, reopened);
  EXPECT_LT(learning.deals[1].payment_per_month, 0.75 * learning.deals[0].payment_per_month);
  EXPECT_LT(learning.belief.back(), 0.75);
}

TEST(LearningFacts, TheReboundIsABreachWhenComplianceIsJudgedOnOutcomes) {
  const Trace outcomes = run(rerouting_world(0, ComplianceBasis::outcome));
  const Trace levers = run(rerouting_world(0, ComplianceBasis::lever));
  // On the lever, TRA delivers in full: no breach. On outcomes, DST's arrivals come back above
  // three quarters of the fall the deal promised: TRA is judged in breach within a year.
  EXPECT_EQ(first_tick(levers, NegotiationAction::deal_breached, kDst), -1);
  const int breached = first_tick(outcomes, NegotiationAction::deal_breached, kDst);
  EXPECT_GE(breached, 8);
  EXPECT_LE(breached, 18);
  ASSERT_FALSE(outcomes.deals.empty());
  EXPECT_EQ(outcomes.deals[0].status, DealStatus::breached);
  EXPECT_LT(outcomes.deals[0].compliance, 0.75);
}

}  // namespace
}  // namespace migdip::testing
