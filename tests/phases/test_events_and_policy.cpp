// Scheduled events change the world at their tick, and policy is implemented with its lag.

#include <gtest/gtest.h>

#include <cmath>

#include "migdip/simulation/simulation.h"
#include "support/scenario_builder.h"

namespace migdip {
namespace {

using testing::set_event;

void run_to(Simulation& simulation, int ticks_done) {
  while (simulation.world().tick < ticks_done)
    simulation.step();
}

TEST(ScheduledEvents, EnforcementPhasesInWithThePolicyLag) {
  Scenario scenario = testing::chain_scenario();
  scenario.settings.tick_length = TickLength::day;
  scenario.states[1].policy_lag_days = 10;
  scenario.events = {set_event("crackdown", 2, TargetKind::state, 1, Lever::exit_enforcement, 0.8)};
  Simulation simulation(testing::share(scenario));
  run_to(simulation, 2);
  EXPECT_EQ(simulation.world().policy.lever(Lever::exit_enforcement)(1), 0);
  run_to(simulation, 3);  // first day in force: 1 - exp(-1/10) of the way
  EXPECT_NEAR(simulation.world().policy.lever(Lever::exit_enforcement)(1), 0.8 * -std::expm1(-0.1),
              1e-12);
  run_to(simulation, 12);
  EXPECT_NEAR(simulation.world().policy.lever(Lever::exit_enforcement)(1), 0.8 * -std::expm1(-1.0),
              1e-12);
  EXPECT_EQ(simulation.world().policy.target(Lever::exit_enforcement)(1), 0.8);
}

TEST(ScheduledEvents, BlocEventsApplyToEveryMember) {
  Scenario scenario = testing::chain_scenario();
  scenario.blocs = {BlocSpec{"EU", "Europe", {1, 2}, {}, {}}};
  scenario.events = {set_event("harden", 0, TargetKind::bloc, 0, Lever::entry_enforcement, 0.6)};
  Simulation simulation(testing::share(scenario));
  simulation.step();
  EXPECT_EQ(simulation.world().policy.lever(Lever::entry_enforcement)(1), 0.6);
  EXPECT_EQ(simulation.world().policy.lever(Lever::entry_enforcement)(2), 0.6);
  EXPECT_EQ(simulation.world().policy.lever(Lever::entry_enforcement)(0), 0.0);
}

TEST(ScheduledEvents, ClosingACorridorStopsItsArrivals) {
  Scenario scenario = testing::chain_scenario();
  EventSpec close;
  close.id = "close";
  close.tick = 6;
  close.type = EventType::close_corridor;
  close.target_kind = TargetKind::corridor;
  close.target = 1;
  scenario.events = {close};
  Simulation simulation(testing::share(scenario));
  run_to(simulation, 6);
  EXPECT_GT(simulation.world().flows.arrivals.col(1).sum(), 0);
  run_to(simulation, 7);
  EXPECT_EQ(simulation.world().flows.departures.col(1).sum(), 0);
  EXPECT_EQ(simulation.world().corridors.open(1), 0);
}

TEST(ScheduledEvents, TransfersPayTheirAmountAndStopAtACoup) {
  Scenario scenario = testing::chain_scenario();
  EventSpec transfer;
  transfer.id = "aid";
  transfer.tick = 0;
  transfer.type = EventType::transfer;
  transfer.payer = Party{TargetKind::state, 2};
  transfer.payee = Party{TargetKind::state, 1};
  transfer.amount = 1.2e9;
  transfer.over_months = 12;
  scenario.events = {transfer};
  {
    Simulation simulation(testing::share(scenario));
    double paid = 0;
    while (!simulation.finished()) {
      simulation.step();
      paid += simulation.world().treasury.received(1);
      EXPECT_EQ(simulation.world().treasury.received(1), simulation.world().treasury.paid(2));
    }
    EXPECT_NEAR(paid, 1.2e9, 1.0);
  }
  EventSpec coup;
  coup.id = "coup";
  coup.tick = 3;
  coup.type = EventType::coup;
  coup.target_kind = TargetKind::state;
  coup.target = 1;
  coup.new_government(Lever::exit_enforcement) = 0.0;
  scenario.events.push_back(coup);
  Simulation simulation(testing::share(scenario));
  run_to(simulation, 3);
  EXPECT_GT(simulation.world().treasury.received(1), 0);
  run_to(simulation, 4);
  EXPECT_EQ(simulation.world().treasury.received(1), 0);
  EXPECT_EQ(simulation.world().policy.government(1), 1);
}

TEST(ScheduledEvents, EngineeredSurgeRaisesDeparturesUntilItEnds) {
  Scenario scenario = testing::chain_scenario();
  scenario.states[1].lever(Lever::exit_enforcement) = 0.7;
  scenario.initial_stocks = {InitialStock{0, 1, {}}};
  scenario.initial_stocks[0].people[index_of(MigrantStatus::hosted)] = 100000;
  EventSpec surge;
  surge.id = "surge";
  surge.tick = 6;
  surge.type = EventType::engineered_surge;
  surge.target_kind = TargetKind::state;
  surge.target = 1;
  surge.value = 1.0;
  surge.end_tick = 8;
  scenario.events = {surge};
  Simulation simulation(testing::share(scenario));
  run_to(simulation, 6);
  const double before = simulation.world().flows.arrivals.col(1).sum();
  run_to(simulation, 7);
  const double during = simulation.world().flows.arrivals.col(1).sum();
  EXPECT_GT(during, 3 * before);
  run_to(simulation, 9);
  EXPECT_EQ(simulation.world().policy.lever(Lever::facilitation)(1), 0);
  EXPECT_LT(simulation.world().flows.arrivals.col(1).sum(), during / 2);
}

}  // namespace
}  // namespace migdip

namespace migdip {
namespace {

// A crossing of two whole months arrives two ticks after it set out, and nobody meanwhile is lost.
TEST(TravelDelay, LongCrossingsArriveAfterTheirDelay) {
  Scenario scenario = testing::chain_scenario();
  scenario.states[0].emigration_rate = 0;
  scenario.corridors[1].travel_days = 65;
  scenario.initial_stocks = {InitialStock{0, 1, {}}};
  scenario.initial_stocks[0].people[index_of(MigrantStatus::in_transit)] = 10000;
  Simulation simulation(testing::share(scenario));
  simulation.step();
  const double set_out = simulation.world().flows.departures(0, 1);
  EXPECT_GT(set_out, 0);
  EXPECT_EQ(simulation.world().flows.arrivals(0, 1), 0);
  EXPECT_NEAR(simulation.world().population.travelling_total()(0, 1), set_out, 1e-9);
  simulation.step();
  EXPECT_EQ(simulation.world().flows.arrivals(0, 1), 0);
  simulation.step();
  EXPECT_GT(simulation.world().flows.arrivals(0, 1), 0);
  EXPECT_NEAR(simulation.world().flows.arrivals(0, 1) + simulation.world().flows.deaths(0, 1) +
                  simulation.world().flows.entry_intercepted(0, 1),
              set_out, 1e-9);
}

}  // namespace
}  // namespace migdip
