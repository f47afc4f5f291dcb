// Stylised fact of the smuggling market (docs/model.md 7.6.3), required in at least 18 of 20
// stochastic runs (seeds 1-20) of the chain world.

#include <gtest/gtest.h>

#include <functional>
#include <vector>

#include "migdip/simulation/simulation.h"
#include "support/scenario_builder.h"
#include "support/seeds.h"

namespace migdip::testing {
namespace {

constexpr int kTra = 1;
constexpr int kTraDst = 1;
constexpr int kRise = 12;  ///< tick at which TRA raises its exit enforcement

struct Series {
  std::vector<double> price;       ///< effective cost of TRA-DST
  std::vector<double> departures;  ///< on TRA-DST
};

Series run(Scenario scenario) {
  Simulation simulation(share(std::move(scenario)));
  Series series;
  while (!simulation.finished()) {
    simulation.step();
    const World& world = simulation.world();
    series.price.push_back(world.corridors.effective_cost(kTraDst));
    series.departures.push_back(world.flows.departures.col(kTraDst).sum());
  }
  return series;
}

double sum(const std::vector<double>& series, int first, int last) {
  double total = 0;
  for (int t = first; t <= last; ++t) {
    total += series[static_cast<std::size_t>(t)];
  }
  return total;
}

// The chain world over three years, where TRA can host 400,000 people (so staying is an option
// there) and raises its exit enforcement from 0 to 0.6 at tick 12.
Scenario enforcement_rise(std::uint64_t seed, double price_elasticity) {
  Scenario scenario = chain_scenario();
  scenario.settings.mode = SimulationMode::stochastic;
  scenario.settings.seed = seed;
  scenario.settings.ticks = 36;
  scenario.states[kTra].lever(Lever::hosting_capacity) = 4e5;
  scenario.states[kTra].policy_lag_days = 10;
  scenario.model.price_enforcement_elasticity = price_elasticity;
  scenario.events.push_back(
      set_event("coastguard", kRise, TargetKind::state, kTra, Lever::exit_enforcement, 0.6));
  return scenario;
}

// With the price response on, enforcement shows as a higher price (smugglers charge for the
// harder crossing): the price of TRA-DST rises by more than 40% once the rise is in force, and
// attempted departures over the two years after it are lower than in the same run without the
// price response, the price being a second channel of deterrence beside the risk of
// interception.
TEST(SmugglingMarketFacts, EnforcementRaisesThePriceAndDetersMoreThanWithoutIt) {
  int held = 0;
  for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
    const Series fixed = run(enforcement_rise(seed, 0));
    const Series market = run(enforcement_rise(seed, 1));
    const bool fact = market.price[kRise - 1] == fixed.price[kRise - 1] &&
                      market.price[kRise + 3] > 1.4 * market.price[kRise - 1] &&
                      fixed.price[kRise + 3] == fixed.price[kRise - 1] &&
                      sum(market.departures, kRise, 35) < 0.95 * sum(fixed.departures, kRise, 35);
    held += fact ? 1 : 0;
  }
  EXPECT_GE(held, kRequired);
}

}  // namespace
}  // namespace migdip::testing
