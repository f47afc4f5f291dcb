// Routes as substitutes (docs/model.md 7.6.4-7.6.5): the onward corridors as one nest of the
// logit, in expected-value mode, against hand-computed results.

#include <gtest/gtest.h>

#include <cmath>

#include "support/migration_step_test.h"

namespace migdip {
namespace {

constexpr int kSyr = 0;
constexpr int kTra = 1;
constexpr int kDst = 2;
constexpr int kLand = 1;  // TRA-DST
constexpr int kSea = 2;   // TRA-DST-sea, added below

class RouteSubstitution : public testing::MigrationStepTest {
 protected:
  void build(double substitution) {
    scenario_.corridors.push_back(testing::make_corridor("TRA-DST-sea", kTra, kDst, 2500, 0.02));
    scenario_.model.choice_sensitivity = 1;
    scenario_.model.route_substitution = substitution;
    scenario_.model.transit_reconsider_rate = std::log(2.0);  // half reconsider
    rebuild();
  }

  MigrationScratch scratch_{1, 3, 3, 4};
};

TEST_F(RouteSubstitution, ACorridorIsChosenWithTheNestsShareTimesItsShareInTheNest) {
  build(0.5);  // lambda = 0.5
  const TickContext context = tick();
  // Both routes are worth V = 0, and staying in TRA U = ln(2) / 2. The nest is worth
  // I = lambda ln(e^{0/lambda} + e^{0/lambda}) = ln(2) / 2 = U, so W = ln(2 e^{U}) = 3 ln(2) / 2.
  // P(stay) = e^{U - W} = 1/2; P(nest) = e^{I - W} = 1/2; within it each route has
  // e^{(0 - I)/lambda} = e^{-ln 2} = 1/2. Of 1000 in transit, 500 reconsider: 250 stay,
  // 125 take each route. (The plain logit would send 500 / (2 + sqrt 2) = 146.4 on each.)
  const double u = std::log(2.0) / 2;
  stock(MigrantStatus::in_transit, kTra) = 1000;
  scratch_.settlement_utility(kSyr, kTra) = u;
  scratch_.corridor_value(kSyr, kLand) = 0;
  scratch_.corridor_value(kSyr, kSea) = 0;
  world_->route_value(kSyr, kTra) = 3 * std::log(2.0) / 2;
  world_->route_value(kSyr, kDst) = 10;  // so that both routes lead somewhere

  choose_moves(inputs(context), world_->corridors, world_->population, world_->route_value,
               scratch_);
  EXPECT_NEAR(scratch_.wanting_to_stay(kSyr, kTra), 250, 1e-9);
  EXPECT_NEAR(scratch_.leaving_from_transit(kSyr, kLand), 125, 1e-9);
  EXPECT_NEAR(scratch_.leaving_from_transit(kSyr, kSea), 125, 1e-9);
}

TEST_F(RouteSubstitution, TheValueOfAStateCountsTheNestOnce) {
  // After solving, W(TRA) = ln(e^{U} + e^{I}) with I = lambda ln(sum_c e^{V_c / lambda}) over
  // the solved corridor values: at lambda = 0.25 the two routes count almost as one.
  build(0.75);
  const TickContext context = tick();
  solve_route_values(inputs(context), world_->corridors, world_->population, scratch_,
                     world_->route_value);
  const double lambda = 0.25;
  const double nest = lambda * std::log(std::exp(scratch_.corridor_value(kSyr, kLand) / lambda) +
                                        std::exp(scratch_.corridor_value(kSyr, kSea) / lambda));
  const double expected =
      std::log(std::exp(scratch_.settlement_utility(kSyr, kTra)) + std::exp(nest));
  EXPECT_NEAR(world_->route_value(kSyr, kTra), expected, 1e-9);
  // The plain logit's sum over both routes would be worth more.
  const double plain = std::log(std::exp(scratch_.settlement_utility(kSyr, kTra)) +
                                std::exp(scratch_.corridor_value(kSyr, kLand)) +
                                std::exp(scratch_.corridor_value(kSyr, kSea)));
  EXPECT_GT(plain, world_->route_value(kSyr, kTra) + 0.01);
}

}  // namespace
}  // namespace migdip
