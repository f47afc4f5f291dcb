// The route values solved on several threads (SimulationOptions::threads, `migdip run --threads`)
// give the same run, bit for bit, as on one: each nationality's solve reads and writes only its
// own values (docs/model.md 7.6.4).

#include <gtest/gtest.h>

#include <cstring>

#include "migdip/simulation/simulation.h"
#include "support/random_scenario.h"
#include "support/strategic_scenario.h"

namespace migdip {
namespace {

bool same_bits(const Eigen::ArrayXXd& a, const Eigen::ArrayXXd& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() &&
         std::memcmp(a.data(), b.data(), static_cast<std::size_t>(a.size()) * sizeof(double)) == 0;
}

void expect_same_runs(const Scenario& scenario, int threads, const std::string& what) {
  Simulation one(testing::share(scenario));
  Simulation many(testing::share(scenario), SimulationOptions{threads});
  while (!one.finished()) {
    one.step();
    many.step();
    const int tick = one.world().tick;
    ASSERT_TRUE(same_bits(one.world().route_value, many.world().route_value))
        << what << ", tick " << tick;
    for (std::size_t status = 0; status < kStatusCount; ++status) {
      ASSERT_TRUE(
          same_bits(one.world().population.stock[status], many.world().population.stock[status]))
          << what << ", tick " << tick << ", " << kStatusNames[status];
    }
  }
}

TEST(SolverThreads, RandomWorldsRunTheSameOnOneTwoAndFourThreads) {
  int several = 0;
  for (int seed = 1; seed <= 20; ++seed) {
    Scenario scenario = testing::random_scenario(static_cast<std::uint64_t>(seed));
    several += scenario.nationality_count() > 1 ? 1 : 0;
    for (const int threads : {2, 4}) {
      expect_same_runs(scenario, threads,
                       "random scenario " + std::to_string(seed) + " on " +
                           std::to_string(threads) + " threads");
    }
  }
  EXPECT_GE(several, 5);  // enough worlds where the nationalities are shared out
}

TEST(SolverThreads, AStrategicRunIsTheSameOnTwoThreads) {
  expect_same_runs(testing::externalisation_scenario(3), 2, "externalisation scenario");
}

}  // namespace
}  // namespace migdip
