// Going home (docs/model.md 7.6.15) in expected-value mode, against hand-computed results.

#include <gtest/gtest.h>

#include <cmath>
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
constexpr int kSyr = 0;     // the only nationality: ORI's
constexpr int kOriTra = 0;  // corridors
constexpr int kTraDst = 1;

class GoingHome : public testing::MigrationStepTest {
 protected:
  // U_home = u_ORI - home_push_weight * push_ORI = 0 - 2 * 1 = -2.
  static constexpr double kHome = -2;

  void build() {
    scenario_.model.choice_sensitivity = 1;
    scenario_.model.home_push_weight = 2;
    rebuild();
  }

  MigrationScratch scratch_{1, 3, 2, 4};
};

TEST_F(GoingHome, ThoseWhoReconsiderMayChooseHome) {
  scenario_.model.home_weight = 1;
  scenario_.model.transit_reconsider_rate = std::log(2.0);
  scenario_.model.hosted_reconsider_rate = std::log(2.0);
  build();
  const TickContext context = tick();
  // In ORI, W = U_home + ln 4: home is chosen with probability e^{U_home - W} = 1/4, the way out
  // (V = W + ln 3/4) with 3/4. Half of the 1000 reconsider: 125 go home, 375 leave.
  stock(MigrantStatus::in_transit, kOri) = 1000;
  world_->route_value(kSyr, kOri) = kHome + std::log(4.0);
  scratch_.corridor_value(kSyr, kOriTra) = world_->route_value(kSyr, kOri) + std::log(0.75);
  // In TRA, W = U_home + ln 2: home 1/2, the rest split between staying (1/4) and DST (1/4).
  // Of 800 hosted, half reconsider: 200 go home. Of 100 in transit: 25 go home.
  world_->route_value(kSyr, kTra) = kHome + std::log(2.0);
  scratch_.settlement_utility(kSyr, kTra) = kHome + std::log(0.5);
  scratch_.corridor_value(kSyr, kTraDst) = kHome + std::log(0.5);
  world_->route_value(kSyr, kDst) = 10;  // makes TRA-DST lead somewhere
  stock(MigrantStatus::hosted, kTra) = 800;
  stock(MigrantStatus::in_transit, kTra) = 100;
  const double residents = world_->population.residents(kOri);

  choose_moves(inputs(context), world_->corridors, world_->population, world_->route_value,
               scratch_);
  EXPECT_NEAR(scratch_.leaving_from_transit(kSyr, kOriTra), 375, 1e-9);
  EXPECT_NEAR(scratch_.leaving_from_hosting(kSyr, kTraDst), 100, 1e-9);
  EXPECT_NEAR(scratch_.wanting_to_stay(kSyr, kTra), 12.5, 1e-9);
  go_home(inputs(context), scratch_, world_->population, world_->flows);

  EXPECT_NEAR(world_->flows.went_home(kSyr, kOri), 125, 1e-9);
  EXPECT_NEAR(world_->flows.went_home(kSyr, kTra), 200 + 25, 1e-9);
  EXPECT_NEAR(stock(MigrantStatus::in_transit, kOri), 875, 1e-9);
  EXPECT_NEAR(stock(MigrantStatus::hosted, kTra), 600, 1e-9);
  EXPECT_NEAR(world_->population.residents(kOri), residents + 125 + 225, 1e-6);
}

TEST_F(GoingHome, HomeIsAnOptionInTheValueOfEveryState) {
  // With every way out of ORI closed, ORI is worth going home alone: U_home + ln(w) / beta.
  scenario_.model.home_weight = 2;
  scenario_.corridors[kOriTra].open = false;
  build();
  const TickContext context = tick();
  world_->corridors.open(kOriTra) = 0;
  MigrationScratch scratch{1, 3, 2, 4};
  solve_route_values(inputs(context), world_->corridors, world_->population, scratch,
                     world_->route_value);
  EXPECT_NEAR(world_->route_value(kSyr, kOri), kHome + std::log(2.0), 1e-9);
  // And nowhere is worth less than going home.
  EXPECT_GE(world_->route_value(kSyr, kTra), kHome + std::log(2.0));
}

TEST_F(GoingHome, TheProtectedGoHomeWhenPushFalls) {
  scenario_.model.repatriation_rate = std::log(2.0);
  build();
  const TickContext context = tick();
  stock(MigrantStatus::protected_, kDst) = 400;
  scratch_.settlement_utility(kSyr, kDst) = 0;
  // War at home (push 1): U_home = -2 against U = 0, share 1 / (1 + e^2); half weigh it.
  decide_repatriation(inputs(context), world_->population, scratch_);
  go_home(inputs(context), scratch_, world_->population, world_->flows);
  EXPECT_NEAR(world_->flows.went_home(kSyr, kDst), 400 * 0.5 / (1 + std::exp(2.0)), 1e-9);
  // The war ends (push 0): U_home = 0 = U, share 1/2.
  world_->flows.set_zero();
  stock(MigrantStatus::protected_, kDst) = 400;
  world_->policy.lever(Lever::push_intensity)(kOri) = 0;
  decide_repatriation(inputs(context), world_->population, scratch_);
  go_home(inputs(context), scratch_, world_->population, world_->flows);
  EXPECT_NEAR(world_->flows.went_home(kSyr, kDst), 400 * 0.5 * 0.5, 1e-9);
}

TEST_F(GoingHome, OffByDefault) {
  build();
  EXPECT_EQ(scenario_.model.home_weight, 0);
  EXPECT_EQ(scenario_.model.repatriation_rate, 0);
  // A closed origin is a dead end again, and nobody goes home.
  scenario_.corridors[kOriTra].open = false;
  world_->corridors.open(kOriTra) = 0;
  const TickContext context = tick();
  MigrationScratch scratch{1, 3, 2, 4};
  solve_route_values(inputs(context), world_->corridors, world_->population, scratch,
                     world_->route_value);
  EXPECT_EQ(world_->route_value(kSyr, kOri), kNoOption);
  stock(MigrantStatus::in_transit, kTra) = 1000;
  stock(MigrantStatus::protected_, kDst) = 400;
  choose_moves(inputs(context), world_->corridors, world_->population, world_->route_value,
               scratch);
  decide_repatriation(inputs(context), world_->population, scratch);
  go_home(inputs(context), scratch, world_->population, world_->flows);
  EXPECT_EQ(world_->flows.went_home.sum(), 0);
}

}  // namespace
}  // namespace migdip
