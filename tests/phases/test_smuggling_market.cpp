// The price of a crossing as a simple smuggling market (docs/model.md 7.6.3, 7.6.7), in
// expected-value mode, against hand-computed results.

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <memory>

#include "migdip/world/world.h"
#include "phases/migration/migration_steps.h"
#include "phases/network.h"
#include "phases/tick_context.h"
#include "support/scenario_builder.h"

namespace migdip {
namespace {

constexpr int kTra = 1;
constexpr int kDst = 2;
constexpr int kSyr = 0;
constexpr int kTraDst = 1;

class SmugglingMarket : public ::testing::Test {
 protected:
  void SetUp() override { rebuild(); }
  void rebuild() {
    network_ = std::make_unique<Network>(scenario_);
    world_ = std::make_unique<World>(scenario_);
  }
  TickContext tick(double days = kDaysPerMonth) const {
    return TickContext(scenario_.settings, 0, days);
  }
  MigrationInputs inputs(const TickContext& context) const {
    return MigrationInputs{scenario_, *network_, context, world_->policy};
  }

  Scenario scenario_ = testing::chain_scenario();
  std::unique_ptr<Network> network_;
  std::unique_ptr<World> world_;
};

TEST_F(SmugglingMarket, PriceRisesWithEnforcementAndWithDemandOverCapacity) {
  world_->policy.lever(Lever::exit_enforcement)(kTra) = 0.4;
  world_->policy.lever(Lever::entry_enforcement)(kDst) = 0.2;
  world_->corridors.lever(Lever::capacity)(kTraDst) = 1000;
  world_->corridors.recent_demand(kTraDst) = 2000;
  const TickContext context = tick();
  assess_corridors(inputs(context), world_->corridors);
  EXPECT_EQ(world_->corridors.effective_cost(kTraDst), 1500);  // elasticities 0: as before

  scenario_.model.price_enforcement_elasticity = 0.5;
  assess_corridors(inputs(context), world_->corridors);
  // 1500 * (1 + 0.5 * (0.4 + 0.2)) = 1500 * 1.3 = 1950
  EXPECT_NEAR(world_->corridors.effective_cost(kTraDst), 1950, 1e-9);

  scenario_.model.price_demand_elasticity = 0.25;
  assess_corridors(inputs(context), world_->corridors);
  // and * (1 + 0.25 * 2000 / 1000) = 1.5: 2925
  EXPECT_NEAR(world_->corridors.effective_cost(kTraDst), 2925, 1e-9);

  // Facilitation f = 0.5 cuts exit interception to 0.2 and the price by 0.8 * 0.5:
  // 1500 * 0.6 * (1 + 0.5 * 0.4) * 1.5 = 1620
  world_->policy.lever(Lever::facilitation)(kTra) = 0.5;
  assess_corridors(inputs(context), world_->corridors);
  EXPECT_NEAR(world_->corridors.effective_cost(kTraDst), 1620, 1e-9);

  // Unlimited capacity: supply meets any demand at the same price.
  world_->policy.lever(Lever::facilitation)(kTra) = 0;
  world_->corridors.lever(Lever::capacity)(kTraDst) = std::numeric_limits<double>::infinity();
  assess_corridors(inputs(context), world_->corridors);
  EXPECT_NEAR(world_->corridors.effective_cost(kTraDst), 1950, 1e-9);
}

TEST_F(SmugglingMarket, DemandIsRememberedOverAboutAMonth) {
  world_->population[MigrantStatus::in_transit](kSyr, kTra) = 1000;
  MigrationScratch scratch(1, 3, 2, 2);
  scratch.leaving_from_transit(kSyr, kTraDst) = 400;
  world_->corridors.lever(Lever::capacity)(kTraDst) = 100;  // demand counts before thinning
  depart(inputs(tick()), world_->corridors, scratch, world_->population, world_->flows);
  // One month: 0 * e^-1 + (1 - e^-1) * 400 = 252.8482235
  EXPECT_NEAR(world_->corridors.recent_demand(kTraDst), 252.8482235, 1e-6);
  // Then a week (7 days, 0.2299795 months) with nobody wanting: 252.8482235 * e^-0.2299795
  // = 200.9005
  scratch.leaving_from_transit(kSyr, kTraDst) = 0;
  depart(inputs(tick(7)), world_->corridors, scratch, world_->population, world_->flows);
  EXPECT_NEAR(world_->corridors.recent_demand(kTraDst), 200.9005, 1e-3);
}

}  // namespace
}  // namespace migdip
