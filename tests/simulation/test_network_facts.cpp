// Networks (docs/model.md 7.6.4, the term w_N ln(1 + Pi / N_0) of the settlement utility): people
// go where their co-nationals already live. A hand-computed utility, and a stylised fact required
// in at least 18 of 20 stochastic runs.

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <numeric>

#include "migdip/simulation/simulation.h"
#include "migdip/world/world.h"
#include "phases/migration/migration_steps.h"
#include "phases/network.h"
#include "phases/tick_context.h"
#include "support/scenario_builder.h"
#include "support/seeds.h"

namespace migdip::testing {
namespace {

constexpr int kDst = 2;
constexpr int kSyr = 0;

InitialStock protected_stock(int location, double people) {
  InitialStock stock;
  stock.nationality = kSyr;
  stock.location = location;
  stock.people[index_of(MigrantStatus::protected_)] = people;
  return stock;
}

TEST(Networks, CoNationalsPresentRaiseTheUtilityOfSettling) {
  Scenario scenario = chain_scenario();
  scenario.initial_stocks.push_back(protected_stock(kDst, 10000));
  const Network network(scenario);
  const World world(scenario);
  const TickContext tick(scenario.settings, 0, kDaysPerMonth);
  const MigrationInputs in{scenario, network, tick, world.policy};
  MigrationScratch scratch(1, 3, 2, 3);
  Eigen::ArrayXXd route_value = world.route_value;
  solve_route_values(in, world.corridors, world.population, scratch, route_value);
  // U = w_y ln(y_DST / y_ORI) + w_P r_DST nu_ORI + w_N ln(1 + Pi / N_0) + u_DST
  //   = 1 * ln(40000 / 2000) + 2 * 0.7 * 0.8 + 0.5 * ln(1 + 10000 / 10000) + 0.
  const double expected = std::log(20.0) + 2 * 0.7 * 0.8 + 0.5 * std::log(2.0);
  EXPECT_NEAR(scratch.settlement_utility(kSyr, kDst), expected, 1e-12);

  // Weight 0 turns networks off.
  scenario.model.network_weight = 0;
  const MigrationInputs without{scenario, network, tick, world.policy};
  solve_route_values(without, world.corridors, world.population, scratch, route_value);
  EXPECT_NEAR(scratch.settlement_utility(kSyr, kDst), expected - 0.5 * std::log(2.0), 1e-12);
}

// TRA leads to two destinations alike in every way but one: DSB already hosts 50,000 ORI
// nationals under protection.
Scenario two_destinations(std::uint64_t seed, double network_weight) {
  Scenario scenario = chain_scenario();
  scenario.settings.mode = SimulationMode::stochastic;
  scenario.settings.seed = seed;
  scenario.model.network_weight = network_weight;
  StateSpec second = scenario.states[kDst];
  second.id = "DSB";
  second.name = "DSB";
  scenario.states.push_back(second);
  const int dsb = scenario.state_count() - 1;
  CorridorSpec route = scenario.corridors[1];
  route.id = "TRA-DSB";
  route.to = dsb;
  scenario.corridors.push_back(route);
  scenario.initial_stocks.push_back(protected_stock(dsb, 50000));
  scenario.index_nationalities();
  return scenario;
}

// Irregular arrivals in DST and in DSB over the run.
std::pair<double, double> arrivals(Scenario scenario) {
  Simulation simulation(share(std::move(scenario)));
  double to_dst = 0;
  double to_dsb = 0;
  while (!simulation.finished()) {
    simulation.step();
    to_dst += simulation.world().flows.arrivals.col(1).sum();
    to_dsb += simulation.world().flows.arrivals.col(2).sum();
  }
  return {to_dst, to_dsb};
}

TEST(NetworkFacts, PeopleGoWhereTheirCoNationalsLive) {
  const int held = seeds_where([](std::uint64_t seed) {
    const auto [to_dst, to_dsb] = arrivals(two_destinations(seed, 0.5));
    const auto [alone_dst, alone_dsb] = arrivals(two_destinations(seed, 0.0));
    // With networks most go to DSB; without, the two alike destinations draw alike.
    return to_dsb > 1.3 * to_dst && std::abs(alone_dsb / alone_dst - 1.0) < 0.1;
  });
  EXPECT_GE(held, kRequired);
}

}  // namespace
}  // namespace migdip::testing
