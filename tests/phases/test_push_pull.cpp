// Push and pull that events can set (docs/model.md 7.6.4, 7.6.7, 7.6.9a): labour demand and the
// seasonality of sea crossings, one step at a time in expected-value mode, against hand-computed
// results.

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <memory>

#include "migdip/world/world.h"
#include "phases/migration/migration_steps.h"
#include "phases/network.h"
#include "phases/tick_context.h"
#include "support/migration_step_test.h"
#include "support/scenario_builder.h"

namespace migdip {
namespace {

constexpr int kOri = 0;
constexpr int kTra = 1;
constexpr int kDst = 2;
constexpr int kSyr = 0;  // the only nationality: ORI's
constexpr int kTraDst = 1;

using PushPull = testing::MigrationStepTest;

TEST_F(PushPull, LabourCollapseDisplacesMigrantWorkersHomeAndOnward) {
  stock(MigrantStatus::hosted, kTra) = 1000;
  stock(MigrantStatus::legal, kTra) = 400;
  stock(MigrantStatus::protected_, kTra) = 300;  // refugees are not migrant workers
  world_->policy.lever(Lever::labour_demand)(kTra) = 0.25;
  const TickContext context = tick();
  displace_migrant_workers(inputs(context), world_->population, world_->flows);
  // Hazard labour_shed_rate * (1 - D) = 1 * 0.75 a month; one month: p = 1 - e^-0.75
  // = 0.5276334473. Hosted: 1000 p = 527.6334473; legal: 400 p = 211.0533789; displaced
  // 738.6868262, of whom labour_return_share 0.5 = 369.3434131 go home and as many join the pool.
  EXPECT_NEAR(world_->flows.labour_displaced(kSyr, kTra), 738.6868262, 1e-6);
  EXPECT_NEAR(world_->flows.labour_returned(kSyr, kTra), 369.3434131, 1e-6);
  EXPECT_NEAR(stock(MigrantStatus::hosted, kTra), 1000 - 527.6334473, 1e-6);
  EXPECT_NEAR(stock(MigrantStatus::legal, kTra), 400 - 211.0533789, 1e-6);
  EXPECT_NEAR(stock(MigrantStatus::returned, kOri), 369.3434131, 1e-6);  // located at home
  EXPECT_NEAR(stock(MigrantStatus::in_transit, kTra), 369.3434131, 1e-6);
  EXPECT_EQ(stock(MigrantStatus::protected_, kTra), 300);
}

TEST_F(PushPull, NormalLabourDemandDisplacesNobody) {
  stock(MigrantStatus::hosted, kTra) = 1000;
  stock(MigrantStatus::legal, kDst) = 400;
  world_->policy.lever(Lever::labour_demand)(kDst) = 0.999;
  const TickContext context = tick();
  displace_migrant_workers(inputs(context), world_->population, world_->flows);
  EXPECT_EQ(stock(MigrantStatus::hosted, kTra), 1000);  // TRA's demand is at 1
  // DST: hazard 0.001, p = 1 - e^-0.001 = 0.0009995002; 400 p = 0.3998000667.
  EXPECT_NEAR(world_->flows.labour_displaced(kSyr, kDst), 0.3998000667, 1e-9);
}

TEST_F(PushPull, FallenLabourDemandLowersTheUtilityOfSettling) {
  const TickContext context = tick();
  MigrationScratch scratch(1, 3, 2, 2);
  assess_corridors(inputs(context), world_->corridors);
  solve_route_values(inputs(context), world_->corridors, world_->population, scratch,
                     world_->route_value);
  const double normal = scratch.settlement_utility(kSyr, kTra);
  world_->policy.lever(Lever::labour_demand)(kTra) = 0.4;
  solve_route_values(inputs(context), world_->corridors, world_->population, scratch,
                     world_->route_value);
  // labour_demand_weight * (1 - D) = 2 * 0.6 = 1.2 utility lost; DST untouched.
  EXPECT_NEAR(normal - scratch.settlement_utility(kSyr, kTra), 1.2, 1e-12);
}

TEST_F(PushPull, SeasonalityThinsDeparturesOnSeaCorridorsOnly) {
  scenario_.corridors[kTraDst].mode = CorridorMode::sea;
  scenario_.model.sea_seasonality = {0.25, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1};
  auto departures = [&](int month, double capacity) {
    rebuild();
    world_->corridors.lever(Lever::capacity)(kTraDst) = capacity;
    stock(MigrantStatus::in_transit, kOri) = 1000;
    stock(MigrantStatus::in_transit, kTra) = 1000;
    MigrationScratch scratch(1, 3, 2, 2);
    scratch.leaving_from_transit(kSyr, 0) = 400;        // ORI-TRA, by land
    scratch.leaving_from_transit(kSyr, kTraDst) = 400;  // TRA-DST, by sea
    const TickContext context = tick(0, month);
    depart(inputs(context), world_->corridors, scratch, world_->population, world_->flows);
    EXPECT_EQ(world_->flows.departures(kSyr, 0), 400);  // land: no season
    return world_->flows.departures(kSyr, kTraDst);
  };
  const double unlimited = std::numeric_limits<double>::infinity();
  EXPECT_DOUBLE_EQ(departures(0, unlimited), 100);         // January: 400 * 0.25
  EXPECT_EQ(stock(MigrantStatus::in_transit, kTra), 900);  // the 300 held back wait
  EXPECT_DOUBLE_EQ(departures(6, unlimited), 400);         // July: factor 1
  EXPECT_DOUBLE_EQ(departures(7, unlimited), 400);         // August, 2: no more than chose to go
  // With capacity 100 the kept share 100/400 = 0.25 is doubled in August: 200 set out.
  EXPECT_DOUBLE_EQ(departures(7, 100), 200);
  EXPECT_DOUBLE_EQ(departures(0, 100), 25);  // January: 0.25 * 0.25 * 400
}

}  // namespace
}  // namespace migdip
