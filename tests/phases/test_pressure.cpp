// Pressure that builds and decays (docs/model.md 7.3): salience from arrivals and deaths,
// pressure and approval from salience, elections at which a government can fall, and the weight
// pressure gives migration's costs in a government's valuations. Hand computations in comments.

#include <gtest/gtest.h>

#include <cmath>

#include "migdip/world/world.h"
#include "phases/diplomacy/valuation.h"
#include "phases/domestic_politics.h"
#include "phases/elections.h"
#include "phases/network.h"
#include "phases/observation.h"
#include "phases/tick_context.h"
#include "support/diplomacy_parts.h"
#include "support/strategic_scenario.h"

namespace migdip::testing {
namespace {

constexpr int kTraDst = 1;  // corridor TRA-DST

// DST has 8e7 residents. 8000 arrivals are 10 per 100k (x 0.1 = 1) and 400 deaths on the way
// 0.5 per 100k (x 2 = 1): salience 2 after one tick from 0. With deaths' gain 0 (the default)
// only the arrivals count.
TEST(Pressure, DeathsOnTheWayRaiseSalienceWhereTheyWereHeading) {
  Scenario scenario = chain_scenario();
  scenario.model.salience_gain = 0.1;
  scenario.model.salience_death_gain = 2;
  scenario.model.salience_memory_days = 30;
  const Network network(scenario);
  World world(scenario);
  world.flows.arrivals(0, kTraDst) = 8000;
  world.flows.deaths(0, kTraDst) = 400;
  observe_arrivals(network, world.flows, world.politics);
  EXPECT_EQ(world.politics.observed_deaths(kDst), 400);
  EXPECT_EQ(world.politics.observed_deaths(kTra), 0);
  const TickContext tick(scenario.settings, 0, 30);
  update_salience(scenario, tick, world.politics);
  EXPECT_NEAR(world.politics.salience(kDst), 2.0, 1e-12);

  scenario.model.salience_death_gain = 0;
  World quiet(scenario);
  observe_arrivals(network, world.flows, quiet.politics);
  update_salience(scenario, tick, quiet.politics);
  EXPECT_NEAR(quiet.politics.salience(kDst), 1.0, 1e-12);
}

// pressure_salience 300 and salience 100: theta = 100 / 400 = 0.25; approval 0.6 (1 - 0.25) =
// 0.45. A state without pressure_salience keeps theta 1 and its base approval.
TEST(Pressure, PressureAndApprovalFollowSalience) {
  Scenario scenario = chain_scenario();
  scenario.states[kDst].politics.pressure_salience = 300;
  scenario.states[kDst].politics.approval = 0.6;
  scenario.states[kTra].politics.approval = 0.7;
  World world(scenario);
  EXPECT_EQ(world.politics.pressure(kDst), 0.0);  // no salience yet
  EXPECT_EQ(world.politics.pressure(kTra), 1.0);  // off
  world.politics.salience(kDst) = 100;
  world.politics.salience(kTra) = 100;
  update_pressure(scenario, world.politics);
  EXPECT_DOUBLE_EQ(world.politics.pressure(kDst), 0.25);
  EXPECT_DOUBLE_EQ(world.politics.approval(kDst), 0.45);
  EXPECT_EQ(world.politics.pressure(kTra), 1.0);
  EXPECT_EQ(world.politics.approval(kTra), 0.7);
}

// DST holds elections at tick 2 and then every 12 months. At tick 2 its approval 0.45 is below
// 0.5: the government falls (counter 0 -> 1), the aid it pays stops as after a coup, and its
// successor prices an arrival twice as high. At tick 14 approval 0.55 keeps it in office.
TEST(Pressure, AGovernmentBelowTheThresholdFallsAtAnElection) {
  Scenario scenario = chain_scenario();
  scenario.settings.ticks = 24;
  scenario.states[kDst].conduct.election_tick = 2;
  scenario.states[kDst].politics.election_cycle_months = 12;
  scenario.states[kDst].politics.fall_below_approval = 0.5;
  scenario.states[kDst].politics.successor_arrival_cost = 2;
  EventSpec aid;
  aid.id = "aid";
  aid.type = EventType::transfer;
  aid.tick = 0;
  aid.payer = state_party(kDst);
  aid.payee = state_party(kTra);
  aid.amount = 1e6;
  aid.over_months = 10;
  scenario.events.push_back(aid);
  check_scenario(scenario);
  World world(scenario);
  Transfer& paying = world.treasury.transfers[0];  // as the event activates it
  paying.payer = state_party(kDst);
  paying.payee = state_party(kTra);
  paying.active = true;
  EXPECT_EQ(world.politics.next_election_tick(kDst), 2);
  EXPECT_EQ(world.politics.next_election_tick(kTra), -1);

  world.politics.approval(kDst) = 0.45;
  hold_elections(scenario, TickContext(scenario.settings, 1, kDaysPerMonth), world.politics,
                 world.policy, world.treasury);
  EXPECT_EQ(world.policy.government(kDst), 0);  // not an election tick
  hold_elections(scenario, TickContext(scenario.settings, 2, kDaysPerMonth), world.politics,
                 world.policy, world.treasury);
  EXPECT_EQ(world.policy.government(kDst), 1);
  EXPECT_FALSE(world.treasury.transfers[0].active);
  EXPECT_EQ(world.politics.arrival_cost_factor(kDst), 2.0);
  EXPECT_EQ(world.politics.next_election_tick(kDst), 14);

  world.politics.approval(kDst) = 0.55;
  hold_elections(scenario, TickContext(scenario.settings, 14, kDaysPerMonth), world.politics,
                 world.policy, world.treasury);
  EXPECT_EQ(world.policy.government(kDst), 1);
  EXPECT_EQ(world.politics.arrival_cost_factor(kDst), 2.0);
  EXPECT_EQ(world.politics.next_election_tick(kDst), 26);
}

// Without next_election, a cycle of 6 months puts the first election 6 ticks in (monthly).
TEST(Pressure, ACycleWithoutADateStartsOneCycleIn) {
  Scenario scenario = chain_scenario();
  scenario.states[kDst].politics.election_cycle_months = 6;
  const World world(scenario);
  EXPECT_EQ(world.politics.next_election_tick(kDst), 6);
}

// Valuation under pressure. DST: arrival_cost 1000, salience_weight 0.002, salience 100, a
// successor factor 2 and pressure 0.25: an arrival is priced 0.25 x 1000 x 2 x (1 + 0.2) = 600.
// TRA (pressure 0.5) raising its exit enforcement from 0 to 0.5 with 1000 arrivals and 1000
// departures seen on TRA-DST: 500 fewer arrivals are worth 500 x 600 = 300,000 to DST; TRA pays
// for the 500 it stops 300 each plus hosting 40 x 0.5 x 6 months = 120: 500 x 420 = 210,000.
TEST(Pressure, PressureWeighsTheCostsOfArrivalsAndHosting) {
  Scenario scenario = chain_scenario();
  scenario.states[kDst].preferences.arrival_cost = 1000;
  scenario.states[kDst].preferences.salience_weight = 0.002;
  scenario.states[kTra].preferences.hosting_cost = 40;
  scenario.states[kTra].preferences.enforcement_cost = 300;
  scenario.states[kDst].politics.pressure_salience = 300;
  scenario.states[kTra].politics.pressure_salience = 100;
  const int exit = add_instrument(scenario, "exit", InstrumentType::exit_enforcement, kTra);
  scenario.instruments[static_cast<std::size_t>(exit)].level = 0.5;
  check_scenario(scenario);
  const Network network(scenario);
  World world(scenario);
  world.politics.salience(kDst) = 100;
  world.politics.salience(kTra) = 100;
  update_pressure(scenario, world.politics);
  world.politics.arrival_cost_factor(kDst) = 2;
  world.flows.arrivals(0, kTraDst) = 1000;
  world.flows.departures(0, kTraDst) = 1000;
  ObservedFlows observed(scenario);
  observed.observe(view_of(world), network);
  const TickContext tick(scenario.settings, 1, kDaysPerMonth);
  const Valuation valuation(scenario, network, tick, view_of(world), observed);
  EXPECT_NEAR(valuation.arrival_price(kDst, kDst), 600, 1e-9);
  const PartyValues values = valuation.use(exit, kDst, kTra);
  EXPECT_NEAR(values.demander, 300000, 1e-6);
  EXPECT_NEAR(values.partner, -210000, 1e-6);
}

}  // namespace
}  // namespace migdip::testing
