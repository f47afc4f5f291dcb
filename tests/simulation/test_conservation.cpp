// Property tests: over many random scenarios, in both modes, nobody is created or lost, no
// cohort goes negative, and stochastic runs move whole people only.

#include <gtest/gtest.h>

#include <cmath>

#include "migdip/core/error.h"
#include "migdip/simulation/simulation.h"
#include "support/random_scenario.h"

namespace migdip {
namespace {

class ConservationProperty : public ::testing::TestWithParam<int> {};

TEST_P(ConservationProperty, EveryTickAccountsForEveryone) {
  const Scenario scenario = testing::random_scenario(static_cast<std::uint64_t>(GetParam()));
  Simulation simulation(testing::share(scenario));
  const double initial = simulation.world().population.total_people();
  while (!simulation.finished()) {
    simulation.step();
    ASSERT_NO_THROW(simulation.check_accounts()) << "tick " << simulation.world().tick;
    const double total = simulation.world().population.total_people();
    ASSERT_NEAR(total, initial, 1e-9 * initial);
    ASSERT_GE(simulation.world().population.most_negative(), -1e-6);
  }
}

TEST_P(ConservationProperty, StochasticRunsMoveWholePeople) {
  Scenario scenario = testing::random_scenario(static_cast<std::uint64_t>(GetParam()));
  scenario.settings.mode = SimulationMode::stochastic;
  Simulation simulation(testing::share(scenario));
  while (!simulation.finished()) {
    simulation.step();
  }
  const Population& population = simulation.world().population;
  auto whole = [](const Eigen::ArrayXXd& values) { return (values == values.floor()).all(); };
  for (const auto& cohort : population.stock) {
    ASSERT_TRUE(whole(cohort));
  }
  for (const auto& slot : population.travelling) {
    ASSERT_TRUE(whole(slot));
  }
  EXPECT_EQ(population.total_people(), simulation.world().initial_people);
}

INSTANTIATE_TEST_SUITE_P(RandomScenarios, ConservationProperty, ::testing::Range(1, 201));

// The check itself must fire: a test that could never fail proves nothing.
TEST(CheckAccounts, DetectsCreatedAndNegativePeople) {
  Simulation simulation(testing::share(testing::chain_scenario()));
  simulation.step();
  auto& world = const_cast<World&>(simulation.world());
  world.population[MigrantStatus::hosted](0, 1) += 10;
  EXPECT_THROW(simulation.check_accounts(), InternalError);
  world.population[MigrantStatus::hosted](0, 1) -= 10;
  EXPECT_NO_THROW(simulation.check_accounts());
  world.population[MigrantStatus::hosted](0, 1) -= 1e6;
  world.population[MigrantStatus::arrived](0, 2) += 1e6;
  EXPECT_THROW(simulation.check_accounts(), InternalError);
}

}  // namespace
}  // namespace migdip

namespace migdip {
namespace {

// Stochastic runs start from whole people even when the scenario gives fractions.
TEST(StochasticMode, RoundsFractionalInputsToWholePeople) {
  Scenario scenario = testing::chain_scenario();
  scenario.settings.mode = SimulationMode::stochastic;
  scenario.states[0].population = 1e6 + 0.4;
  scenario.initial_stocks = {InitialStock{0, 1, {}}};
  scenario.initial_stocks[0].people[index_of(MigrantStatus::hosted)] = 1000.6;
  Simulation simulation(testing::share(scenario));
  EXPECT_EQ(simulation.world().population.residents(0), 1e6);
  EXPECT_EQ(simulation.world().population[MigrantStatus::hosted](0, 1), 1001);
  EXPECT_NO_THROW(while (!simulation.finished()) simulation.step());
}

}  // namespace
}  // namespace migdip
