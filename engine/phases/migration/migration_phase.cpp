#include "phases/migration/migration_phase.h"

#include <algorithm>

namespace migdip {

MigrationScratch::MigrationScratch(int nationalities, int states, int corridors, int max_options)
    : settlement_utility(Eigen::ArrayXXd::Zero(nationalities, states)),
      corridor_value(Eigen::ArrayXXd::Zero(nationalities, corridors)),
      leaving_from_transit(Eigen::ArrayXXd::Zero(nationalities, corridors)),
      leaving_from_hosting(Eigen::ArrayXXd::Zero(nationalities, corridors)),
      wanting_to_stay(Eigen::ArrayXXd::Zero(nationalities, states)),
      going_home_from_transit(Eigen::ArrayXXd::Zero(nationalities, states)),
      going_home_from_hosted(Eigen::ArrayXXd::Zero(nationalities, states)),
      going_home_from_protected(Eigen::ArrayXXd::Zero(nationalities, states)),
      probabilities(static_cast<std::size_t>(max_options)),
      counts(static_cast<std::size_t>(max_options)),
      transfer_share(Eigen::ArrayXd::Zero(states)),
      route_work(nationalities, states, corridors) {}

RouteValueWork::RouteValueWork(int nationalities, int states, int corridors)
    : open_start(static_cast<std::size_t>(states) + 1),
      open_corridor(static_cast<std::size_t>(corridors)),
      open_to(static_cast<std::size_t>(corridors)),
      open_crossing(static_cast<std::size_t>(corridors)),
      open_factor(static_cast<std::size_t>(corridors)),
      open_floor(static_cast<std::size_t>(states)),
      component_states(static_cast<std::size_t>(states)),
      component_start(static_cast<std::size_t>(states) + 1),
      visit_index(static_cast<std::size_t>(states)),
      visit_low(static_cast<std::size_t>(states)),
      visit_stack(static_cast<std::size_t>(states)),
      on_visit_stack(static_cast<std::size_t>(states)),
      call_state(static_cast<std::size_t>(states)),
      call_next(static_cast<std::size_t>(states)),
      crossing(Eigen::ArrayXd::Zero(corridors)),
      value(Eigen::ArrayXXd::Zero(states, nationalities)),
      arrival(Eigen::ArrayXXd::Zero(states, nationalities)),
      arrival_factor(Eigen::ArrayXXd::Zero(states, nationalities)),
      last_step(Eigen::ArrayXXd::Zero(states, nationalities)),
      valuations(static_cast<std::size_t>(nationalities)) {}

namespace {

// Options at one location: staying or a corridor out; or, for removals, home or a corridor in.
int most_options(const Scenario& scenario, const Network& network) {
  int most = network.max_outgoing();
  for (int s = 0; s < scenario.state_count(); ++s) {
    most = std::max(most, static_cast<int>(network.incoming(s).size()));
  }
  return most + 1;
}

}  // namespace

MigrationPhase::MigrationPhase(const Scenario& scenario, const Network& network, int threads)
    : scenario_(scenario),
      network_(network),
      scratch_(scenario.nationality_count(), scenario.state_count(), scenario.corridor_count(),
               most_options(scenario, network) + 1),  // + going home
      // No more threads than nationalities: the others would have nothing to do.
      pool_(std::min(threads, std::max(1, scenario.nationality_count()))) {}

void MigrationPhase::run(const TickContext& tick, World& world) {
  const MigrationInputs in{scenario_, network_, tick, world.policy,
                           world.beliefs.active ? &world.beliefs : nullptr};
  Population& population = world.population;
  Flows& flows = world.flows;
  flows.set_zero();
  world.treasury.removal_spending.setZero();

  // Last tick's detainees first, so nobody is held for more than one tick.
  release_detained(in, population, flows);
  emigrate(in, population, flows);
  // Decide, then commit: every choice is made on the same start-of-step state.
  assess_corridors(in, world.corridors);
  update_beliefs(in, world.corridors, world.beliefs);
  solve_route_values(in, world.corridors, population, scratch_, world.route_value, &pool_);
  choose_moves(in, world.corridors, population, world.route_value, scratch_);
  decide_repatriation(in, population, scratch_);
  settle(in, scratch_, population, flows);
  depart(in, world.corridors, scratch_, population, flows);
  go_home(in, scratch_, population, flows);
  // Crossings with no delay end within the tick they start.
  complete_crossings(in, world.corridors, population, flows);
  enforce_hosting_capacity(in, population, flows);
  displace_migrant_workers(in, population, flows);
  decide_asylum_claims(in, population, flows);
  return_rejected(in, population, flows);
  move_through_legal_pathways(in, world.pathway_lever(Lever::quota), population, flows);
  remove_people_inside(in, world.corridors, scratch_, population, flows,
                       world.treasury.removal_spending);
  transfer_to_third_countries(in, scratch_, population, flows, world.treasury.removal_spending);
}

}  // namespace migdip
