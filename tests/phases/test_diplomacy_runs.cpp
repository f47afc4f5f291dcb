// The diplomacy phase inside whole runs (engine/simulation/simulation.cpp): scripted history
// before a table's start, coups voiding deals, scheduled events that outlast a deal's levers, and
// determinism of strategic runs. The world is externalisation_scenario() (strategic_scenario.h):
// DST pays TRA to raise its exit enforcement to 0.7, from tick 6.

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "migdip/simulation/simulation.h"
#include "support/strategic_scenario.h"

namespace migdip::testing {
namespace {

constexpr int kTraDst = 1;

EventSpec set_exit_enforcement(std::string id, int tick, double value) {
  EventSpec event;
  event.id = std::move(id);
  event.tick = tick;
  event.type = EventType::set;
  event.target_kind = TargetKind::state;
  event.target = kTra;
  event.parameter = Lever::exit_enforcement;
  event.value = value;
  return event;
}

EventSpec coup(int tick) {
  EventSpec event;
  event.id = "coup";
  event.type = EventType::coup;
  event.tick = tick;
  event.target_kind = TargetKind::state;
  event.target = kTra;
  return event;
}

void sort_events(Scenario& scenario) {
  std::stable_sort(scenario.events.begin(), scenario.events.end(),
                   [](const EventSpec& a, const EventSpec& b) { return a.tick < b.tick; });
}

// Scripted history: DST starts paying TRA aid at tick 1 and TRA raises its exit enforcement to
// 0.2 at tick 2; the table opens at tick 6.
Scenario history_then_strategy(SimulationMode mode) {
  Scenario scenario = externalisation_scenario(4);
  scenario.settings.mode = mode;
  EventSpec aid;
  aid.id = "aid";
  aid.type = EventType::transfer;
  aid.tick = 1;
  aid.payer = state_party(kDst);
  aid.payee = state_party(kTra);
  aid.amount = 12e6;
  aid.over_months = 12;
  scenario.events = {aid, set_exit_enforcement("crackdown", 2, 0.2)};
  return scenario;
}

// Before its start tick a table does nothing: no log, no deal, no lever, no evaluation; the
// scripted events still apply, and the run is bit for bit the run without the table. At its
// start it bargains, and its deal's lever replaces (and will restore) the scripted value.
TEST(DiplomacyHistory, ATableDoesNothingBeforeItsStartAndScriptedEventsStillApply) {
  const Scenario strategic = history_then_strategy(SimulationMode::stochastic);
  Scenario scripted = strategic;
  scripted.negotiations.clear();
  scripted.instruments.clear();
  Simulation with_table(share(strategic));
  Simulation without(share(scripted));
  const int start = strategic.negotiations[0].start_tick;
  ASSERT_EQ(start, 6);
  for (int t = 0; t < start; ++t) {
    with_table.step();
    without.step();
    const World& world = with_table.world();
    const Diplomacy& diplomacy = world.diplomacy;
    EXPECT_TRUE(diplomacy.log.empty()) << "tick " << t;
    EXPECT_TRUE(diplomacy.deals.empty()) << "tick " << t;
    EXPECT_EQ(diplomacy.evaluations(0), 0) << "tick " << t;
    EXPECT_EQ(diplomacy.in_force.sum(), 0) << "tick " << t;
    EXPECT_EQ(diplomacy.announced.sum(), 0) << "tick " << t;
    EXPECT_EQ(diplomacy.deal_payment(0), 0.0) << "tick " << t;
    // Scripted history.
    EXPECT_EQ(world.policy.target(Lever::exit_enforcement)(kTra), t >= 2 ? 0.2 : 0.0)
        << "tick " << t;
    EXPECT_EQ(world.treasury.received(kTra) > 0, t >= 1) << "tick " << t;
    // Nothing else differs from the run without the table.
    for (std::size_t status = 0; status < kStatusCount; ++status) {
      EXPECT_TRUE(
          (world.population.stock[status] == without.world().population.stock[status]).all())
          << "tick " << t << ", status " << kStatusNames[status];
    }
    EXPECT_TRUE((world.flows.arrivals == without.world().flows.arrivals).all()) << "tick " << t;
    EXPECT_TRUE((world.policy.lever(Lever::exit_enforcement) ==
                 without.world().policy.lever(Lever::exit_enforcement))
                    .all());
    EXPECT_TRUE((world.treasury.received == without.world().treasury.received).all());
  }
  with_table.step();
  const Diplomacy& diplomacy = with_table.world().diplomacy;
  ASSERT_FALSE(diplomacy.log.empty());
  EXPECT_EQ(diplomacy.log.front().tick, start);
  ASSERT_EQ(diplomacy.deals.size(), 1U);
  EXPECT_EQ(diplomacy.deals[0].signed_tick, start);
  const int coastguard = *strategic.find_instrument("tra_coastguard");
  EXPECT_EQ(diplomacy.baseline(coastguard), 0.2);
  EXPECT_EQ(with_table.world().policy.target(Lever::exit_enforcement)(kTra), 0.7);
}

// Transfers are paid per calendar month: 12 M over 12 months is not exactly 1 M a tick.
TEST(DiplomacyHistory, ScriptedTransfersArePaidBeforeTheTableOpens) {
  Simulation simulation(share(history_then_strategy(SimulationMode::expected)));
  double received = 0;
  for (int t = 0; t < 6; ++t) {
    simulation.step();
    received += simulation.world().treasury.received(kTra);
    EXPECT_TRUE(simulation.world().diplomacy.log.empty());
  }
  EXPECT_GT(received, 4.5e6);
  EXPECT_LT(received, 5.5e6);
}

// A scheduled coup in TRA at tick 18 voids the deal that tick, TRA's exit enforcement target
// returns to what the deal replaced, and the new government bargains after the cooldown.
TEST(DiplomacyRuns, AScheduledCoupVoidsTheStandingDeal) {
  Scenario scenario = externalisation_scenario(2);
  scenario.settings.mode = SimulationMode::expected;
  scenario.events = {coup(18)};
  Simulation simulation(share(scenario));
  while (simulation.world().tick < 18) {
    simulation.step();
  }
  const Diplomacy& diplomacy = simulation.world().diplomacy;
  const int standing = diplomacy.active_deal(0);
  ASSERT_GE(standing, 0);
  EXPECT_EQ(simulation.world().policy.target(Lever::exit_enforcement)(kTra), 0.7);
  const double covered = simulation.world().flows.arrivals.col(kTraDst).sum();  // tick 17
  simulation.step();
  const Deal& deal = diplomacy.deals[static_cast<std::size_t>(standing)];
  EXPECT_EQ(deal.status, DealStatus::voided);
  EXPECT_EQ(deal.closed_tick, 18);
  EXPECT_EQ(diplomacy.active_deal(0), -1);
  EXPECT_EQ(simulation.world().policy.target(Lever::exit_enforcement)(kTra), 0.0);
  const auto voided = std::find_if(diplomacy.log.begin(), diplomacy.log.end(), [](const auto& e) {
    return e.action == NegotiationAction::deal_voided;
  });
  ASSERT_NE(voided, diplomacy.log.end());
  EXPECT_EQ(voided->tick, 18);
  EXPECT_EQ(voided->actor, kTra);
  EXPECT_EQ(voided->deal, standing);
  // Flows rebound on the covered route once enforcement has gone.
  simulation.step();
  EXPECT_GT(simulation.world().flows.arrivals.col(kTraDst).sum(), 3 * covered);
  while (simulation.world().tick < 22) {
    simulation.step();
  }
  ASSERT_GE(diplomacy.active_deal(0), 0);
  const Deal& next = diplomacy.deals[static_cast<std::size_t>(diplomacy.active_deal(0))];
  EXPECT_EQ(next.signed_tick, 21);
  EXPECT_EQ(next.partner_government, 1);
}

// TRA's exit enforcement is raised to 0.8 by a scheduled event at tick 10 while the deal holds
// it at 0.7; when the coup at tick 14 ends the deal, the event's 0.8 stands (without the event,
// the lever returns to 0).
TEST(DiplomacyRuns, AnEventsLeverOutlastsTheDealThatHeldIt) {
  for (const bool event : {true, false}) {
    SCOPED_TRACE(event);
    Scenario scenario = externalisation_scenario(2);
    scenario.settings.mode = SimulationMode::expected;
    scenario.events = {coup(14)};
    if (event) {
      scenario.events.push_back(set_exit_enforcement("crackdown", 10, 0.8));
      sort_events(scenario);
    }
    Simulation simulation(share(scenario));
    while (simulation.world().tick < 14) {
      simulation.step();
    }
    ASSERT_GE(simulation.world().diplomacy.active_deal(0), 0);
    EXPECT_EQ(simulation.world().policy.target(Lever::exit_enforcement)(kTra), event ? 0.8 : 0.7);
    simulation.step();
    EXPECT_EQ(simulation.world().diplomacy.active_deal(0), -1);
    EXPECT_EQ(simulation.world().policy.target(Lever::exit_enforcement)(kTra), event ? 0.8 : 0.0);
  }
}

// Every field of two deals and two log lines, compared exactly.
void expect_same(const std::vector<Deal>& a, const std::vector<Deal>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(a[i].negotiation, b[i].negotiation);
    EXPECT_EQ(a[i].signed_tick, b[i].signed_tick);
    EXPECT_EQ(a[i].implement_tick, b[i].implement_tick);
    EXPECT_EQ(a[i].implemented, b[i].implemented);
    EXPECT_EQ(a[i].end_tick, b[i].end_tick);
    EXPECT_EQ(a[i].closed_tick, b[i].closed_tick);
    EXPECT_EQ(a[i].items, b[i].items);
    EXPECT_EQ(a[i].payment_per_month, b[i].payment_per_month);
    EXPECT_EQ(a[i].demander_gain, b[i].demander_gain);
    EXPECT_EQ(a[i].partner_gain, b[i].partner_gain);
    EXPECT_EQ(a[i].partner_government, b[i].partner_government);
    EXPECT_EQ(a[i].demander_government, b[i].demander_government);
    EXPECT_EQ(a[i].status, b[i].status);
    EXPECT_EQ(a[i].compliance, b[i].compliance);
    EXPECT_EQ(a[i].paid, b[i].paid);
  }
}

void expect_same(const std::vector<NegotiationEntry>& a, const std::vector<NegotiationEntry>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(a[i].tick, b[i].tick);
    EXPECT_EQ(a[i].negotiation, b[i].negotiation);
    EXPECT_EQ(a[i].deal, b[i].deal);
    EXPECT_EQ(a[i].action, b[i].action);
    EXPECT_EQ(a[i].actor, b[i].actor);
    EXPECT_EQ(a[i].instrument, b[i].instrument);
    EXPECT_EQ(a[i].value, b[i].value);
  }
}

struct StrategicRun {
  std::vector<Deal> deals;
  std::vector<NegotiationEntry> log;
  std::vector<double> payments;
  std::vector<double> utility;
  std::vector<double> reputation;
};

StrategicRun run(const Scenario& scenario) {
  Simulation simulation(share(scenario));
  StrategicRun result;
  while (!simulation.finished()) {
    simulation.step();
    const Diplomacy& diplomacy = simulation.world().diplomacy;
    result.payments.insert(result.payments.end(), diplomacy.deal_payment.begin(),
                           diplomacy.deal_payment.end());
    result.utility.insert(result.utility.end(), diplomacy.utility.begin(), diplomacy.utility.end());
    result.reputation.insert(result.reputation.end(), diplomacy.reputation.begin(),
                             diplomacy.reputation.end());
  }
  result.deals = simulation.world().diplomacy.deals;
  result.log = simulation.world().diplomacy.log;
  return result;
}

// The same stochastic strategic scenario gives bit-identical deals, logs, payments, utilities and
// reputations on two runs; another seed gives other deals (the comparison can fail).
TEST(DiplomacyDeterminism, StochasticStrategicRunsAreBitIdentical) {
  auto scenario = [](std::uint64_t seed) {
    Scenario s = externalisation_scenario(seed);
    s.events = {coup(18)};
    s.negotiations[0].cooldown_months = 2;
    return s;
  };
  const StrategicRun first = run(scenario(5));
  const StrategicRun second = run(scenario(5));
  ASSERT_GE(first.deals.size(), 2U);  // signed, voided by the coup, signed again
  ASSERT_GE(first.log.size(), 6U);
  expect_same(first.deals, second.deals);
  expect_same(first.log, second.log);
  EXPECT_EQ(first.payments, second.payments);
  EXPECT_EQ(first.utility, second.utility);
  EXPECT_EQ(first.reputation, second.reputation);

  const StrategicRun other = run(scenario(6));
  ASSERT_FALSE(other.deals.empty());
  EXPECT_NE(other.deals[0].payment_per_month, first.deals[0].payment_per_month);
}

}  // namespace
}  // namespace migdip::testing
