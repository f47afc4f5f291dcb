// Same scenario and seed: identical numbers, bit for bit. Another seed: different numbers.

#include <gtest/gtest.h>

#include "migdip/recording/series_recorder.h"
#include "migdip/simulation/simulation.h"
#include "support/random_scenario.h"

namespace migdip {
namespace {

RunRecord record_of(const Scenario& scenario) {
  Simulation simulation(testing::share(scenario));
  SeriesRecorder recorder;
  Observer* observers[] = {&recorder};
  simulation.run(observers);
  return recorder.take_record();
}

bool identical(const RunRecord& a, const RunRecord& b) {
  if (a.groups.size() != b.groups.size())
    return false;
  for (std::size_t g = 0; g < a.groups.size(); ++g) {
    const auto& va = a.groups[g].variables;
    const auto& vb = b.groups[g].variables;
    if (va.size() != vb.size())
      return false;
    for (std::size_t v = 0; v < va.size(); ++v) {
      if (va[v].name != vb[v].name || va[v].data != vb[v].data)
        return false;
    }
  }
  return true;
}

Scenario stochastic_chain(std::uint64_t seed) {
  Scenario scenario = testing::chain_scenario();
  scenario.settings.mode = SimulationMode::stochastic;
  scenario.settings.seed = seed;
  return scenario;
}

TEST(Determinism, SameSeedGivesIdenticalSeries) {
  EXPECT_TRUE(identical(record_of(stochastic_chain(5)), record_of(stochastic_chain(5))));
  for (int k = 1; k <= 20; ++k) {
    const Scenario scenario = testing::random_scenario(static_cast<std::uint64_t>(k));
    EXPECT_TRUE(identical(record_of(scenario), record_of(scenario))) << "random scenario " << k;
  }
}

TEST(Determinism, AnotherSeedOrRunGivesDifferentSeries) {
  EXPECT_FALSE(identical(record_of(stochastic_chain(5)), record_of(stochastic_chain(6))));
  Scenario other_run = stochastic_chain(5);
  other_run.settings.run = 1;
  EXPECT_FALSE(identical(record_of(stochastic_chain(5)), record_of(other_run)));
}

TEST(Determinism, ExpectedValueRunsIgnoreTheSeed) {
  Scenario a = testing::chain_scenario();
  Scenario b = testing::chain_scenario();
  b.settings.seed = 99;
  EXPECT_TRUE(identical(record_of(a), record_of(b)));
}

// Stochastic runs scatter around the expected-value run: the mean of many seeds is close to it.
TEST(Determinism, StochasticMeanApproachesExpectedValue) {
  const RunRecord expected = record_of(testing::chain_scenario());
  const Variable* reference = expected.find_variable("states", "emigrations");
  ASSERT_NE(reference, nullptr);
  std::vector<double> mean(reference->data.size(), 0.0);
  const int seeds = 40;
  for (int seed = 1; seed <= seeds; ++seed) {
    const RunRecord run = record_of(stochastic_chain(static_cast<std::uint64_t>(seed)));
    const Variable* emigrations = run.find_variable("states", "emigrations");
    for (std::size_t i = 0; i < mean.size(); ++i)
      mean[i] += emigrations->data[i] / seeds;
  }
  for (std::size_t i = 0; i < mean.size(); ++i) {
    // about 4000 emigrants a month: the standard error of a 40-seed mean is about 10
    EXPECT_NEAR(mean[i], reference->data[i], 60.0) << "element " << i;
  }
}

}  // namespace
}  // namespace migdip
