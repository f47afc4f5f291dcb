#include "migdip/simulation/simulation.h"

#include <chrono>
#include <cmath>
#include <string>

#include "migdip/core/error.h"
#include "phases/budget_lines.h"
#include "phases/diplomacy/diplomacy_phase.h"
#include "phases/domestic_politics.h"
#include "phases/elections.h"
#include "phases/migration/migration_phase.h"
#include "phases/network.h"
#include "phases/observation.h"
#include "phases/policy_implementation.h"
#include "phases/root_causes_aid.h"
#include "phases/scheduled_events.h"
#include "phases/tick_context.h"

namespace migdip {

namespace {

// In expected-value runs cohorts are fractional and sums are rounded: a relative error of 1e-9
// (0.1 person in a hundred million) is rounding, anything more is a bug.
constexpr double kConservationTolerance = 1e-9;
constexpr double kNegativeTolerance = -1e-6;

}  // namespace

struct Simulation::Phases {
  Phases(const Scenario& scenario, const SimulationOptions& options)
      : network(scenario),
        diplomacy(scenario, network),
        migration(scenario, network, options.threads) {}
  Network network;
  DiplomacyPhase diplomacy;
  MigrationPhase migration;
};

Simulation::Simulation(std::shared_ptr<const Scenario> scenario, const SimulationOptions& options)
    : Simulation(CheckedScenario(std::move(scenario)), options) {}

Simulation::Simulation(CheckedScenario scenario, const SimulationOptions& options)
    : scenario_(scenario.shared()),
      calendar_(scenario_->calendar()),
      world_(*scenario_),
      phases_(std::make_unique<Phases>(*scenario_, options)) {}

Simulation::~Simulation() = default;

void Simulation::step() {
  if (finished()) {
    throw InternalError("step() called after the last tick");
  }
  const Scenario& scenario = *scenario_;
  const std::chrono::year_month_day start{calendar_.tick_start(world_.tick)};
  const TickContext tick(scenario.settings, world_.tick, calendar_.tick_days(world_.tick),
                         static_cast<int>(static_cast<unsigned>(start.month())) - 1);
  world_.applied_events.clear();

  // 1. Exogenous events: the scenario's history (conflict, coups, scripted policy and deals),
  //    after the tick's money has come onto the budget lines.
  replenish_budgets(scenario, tick, world_.treasury);
  apply_scheduled_events(
      scenario, tick.tick(),
      EventTargets{world_.policy, world_.corridors, world_.pathway_lever, world_.treasury,
                   &world_.beliefs, &world_.stances, &world_.politics, &world_.diplomacy},
      world_.applied_events);
  // 2. Observation: governments see last tick's arrivals, never this tick's.
  observe_arrivals(phases_->network, world_.flows, world_.politics);
  // 3. Domestic politics: salience follows what was observed, pressure and approval follow
  //    salience, and governments may fall at elections.
  update_salience(scenario, tick, world_.politics);
  update_pressure(scenario, world_.politics);
  hold_elections(scenario, tick, world_.politics, world_.policy, world_.treasury);
  // 4. Diplomacy: deals are monitored and paid for, tables bargain, threats are carried out or
  //    abandoned. Levers it sets stand beside those the events set.
  const DiplomacyInputs observed{world_.population, world_.flows, world_.politics, world_.stances};
  phases_->diplomacy.run(tick, observed,
                         DiplomacyTargets{world_.diplomacy, world_.policy, world_.corridors,
                                          world_.pathway_lever, world_.treasury});
  // 5. Policy implementation: enforcement phases in, surges end, transfers are paid.
  implement_policy(scenario, tick, world_.policy, world_.treasury, world_.diplomacy.deal_payment);
  implement_border_policy(scenario, tick, world_.corridors.border);
  //    Root-causes aid: the money received comes to be felt, and lowers push at the origin.
  feel_aid(scenario, tick, world_.diplomacy.leaked, world_.treasury, world_.policy);
  // 6. Migration: emigration, route choice, crossings, asylum, returns, legal pathways.
  phases_->migration.run(tick, world_);
  // 7. Accounting: what each state got from the tick; nobody created, lost or negative.
  //    Recording is done by the observers.
  phases_->diplomacy.assess_utility(tick, observed, world_.treasury, world_.diplomacy);
#ifndef NDEBUG
  check_accounts();
#endif
  ++world_.tick;
}

void Simulation::run(std::span<Observer* const> observers) {
  auto view = [&](int tick) { return RunView{*scenario_, calendar_, world_, tick}; };
  for (Observer* observer : observers) {
    observer->on_start(view(-1));
  }
  while (!finished()) {
    step();
    for (Observer* observer : observers) {
      observer->on_tick(view(world_.tick - 1));
    }
  }
  for (Observer* observer : observers) {
    observer->on_finish(view(world_.tick - 1));
  }
}

void Simulation::check_accounts() const {
  const double total = world_.population.total_people();
  const double target = world_.initial_people;
  if (!(std::fabs(total - target) <= kConservationTolerance * std::max(1.0, target))) {
    throw InternalError("people not conserved at tick " + std::to_string(world_.tick) + ": " +
                        std::to_string(total) + " held, " + std::to_string(target) + " expected");
  }
  const double lowest = world_.population.most_negative();
  if (!(lowest >= kNegativeTolerance)) {
    throw InternalError("negative cohort at tick " + std::to_string(world_.tick) + ": " +
                        std::to_string(lowest));
  }
}

}  // namespace migdip
