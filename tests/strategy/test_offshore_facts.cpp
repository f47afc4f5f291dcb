// Stylised fact of transfers to a third country (docs/model.md 7.6.14), required in at least 18
// of 20 stochastic runs (seeds 1-20), like the facts of test_stylised_facts.cpp.

#include <gtest/gtest.h>

#include <cstdint>

#include "migdip/simulation/simulation.h"
#include "support/scenario_builder.h"
#include "support/seeds.h"

namespace migdip::testing {
namespace {

constexpr int kDst = 2;
constexpr int kTraDst = 1;
constexpr int kTicks = 36;
constexpr int kStart = 12;  // the arrangement starts

// The chain world in stochastic mode with a poor third state THR that DST may send arrivals to.
Scenario offshore_world(std::uint64_t seed, bool arrangement) {
  Scenario scenario = chain_scenario();
  scenario.settings.ticks = kTicks;
  scenario.settings.mode = SimulationMode::stochastic;
  scenario.settings.seed = seed;
  StateSpec third = make_state("THR", kTransit, 1.2e7, 1000);
  third.lever(Lever::recognition_rate) = 0.5;
  scenario.states.push_back(third);
  scenario.states[kDst].offshore_state = 3;
  scenario.index_nationalities();
  if (arrangement) {
    // Enough capacity for every arrival, from tick kStart on.
    EventSpec start;
    start.id = "arrangement";
    start.type = EventType::set;
    start.tick = kStart;
    start.target_kind = TargetKind::state;
    start.target = kDst;
    start.parameter = Lever::offshore_capacity;
    start.value = 1e5;
    scenario.events = {start};
  }
  return scenario;
}

// Arrivals in DST over the last 18 months, once migrants know of the arrangement.
double late_arrivals(Scenario scenario) {
  Simulation simulation(share(std::move(scenario)));
  double arrivals = 0;
  while (!simulation.finished()) {
    simulation.step();
    if (simulation.world().tick > kTicks - 18) {
      arrivals += simulation.world().flows.arrivals.col(kTraDst).sum();
    }
  }
  return arrivals;
}

// A transfer arrangement with enough capacity lowers arrivals to the sending state, compared
// with the same run without it: arriving is worth what the third country offers.
TEST(OffshoreFacts, TransferArrangementLowersArrivalsToTheSendingState) {
  int held = 0;
  for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
    const double without = late_arrivals(offshore_world(seed, false));
    const double with = late_arrivals(offshore_world(seed, true));
    held += with < 0.8 * without ? 1 : 0;
  }
  EXPECT_GE(held, kRequired);
}

}  // namespace
}  // namespace migdip::testing
