// Transfers of arrivals to a third country and the deterrence they carry (docs/model.md 7.6.14
// and 7.6.4), in expected-value mode, against hand-computed results.

#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include "migdip/world/world.h"
#include "phases/migration/migration_steps.h"
#include "phases/network.h"
#include "phases/tick_context.h"
#include "support/scenario_builder.h"

namespace migdip {
namespace {

constexpr int kDst = 2;
constexpr int kThr = 3;  // the third country
constexpr int kSyr = 0;  // the only nationality: ORI's
constexpr int kTraDst = 1;

// The chain world with a poor third state THR (income 1000, recognition 0.5) that processes
// the arrivals DST transfers to it.
Scenario offshore_scenario() {
  Scenario scenario = testing::chain_scenario();
  StateSpec third = testing::make_state("THR", testing::kTransit, 1.2e7, 1000);
  third.lever(Lever::recognition_rate) = 0.5;
  scenario.states.push_back(third);
  scenario.states[kDst].offshore_state = kThr;
  scenario.index_nationalities();
  return scenario;
}

class Offshore : public ::testing::Test {
 protected:
  void SetUp() override {
    network_ = std::make_unique<Network>(scenario_);
    world_ = std::make_unique<World>(scenario_);
    scratch_ = std::make_unique<MigrationScratch>(
        scenario_.nationality_count(), scenario_.state_count(), scenario_.corridor_count(), 2);
  }
  // One nominal month, so capacities per month apply as they are.
  TickContext tick() const { return TickContext(scenario_.settings, 0, kDaysPerMonth); }
  MigrationInputs inputs(const TickContext& context) const {
    return MigrationInputs{scenario_, *network_, context, world_->policy};
  }
  double& stock(MigrantStatus status, int state) { return world_->population[status](kSyr, state); }

  Scenario scenario_ = offshore_scenario();
  std::unique_ptr<Network> network_;
  std::unique_ptr<World> world_;
  std::unique_ptr<MigrationScratch> scratch_;
};

// 1000 arrived in DST this tick, 200 of them readmitted: 800 in its pool, beside 200 who came
// earlier. DST can transfer 300 a month at 10,000 EUR each:
//   share 300 / 800 = 0.375; 800 * 0.375 = 300 transferred, lodging claims in THR;
//   DST's pool 1000 - 300 = 700; spending 300 * 10,000 = 3,000,000 EUR.
TEST_F(Offshore, TransfersTheCoveredShareOfTheTicksArrivals) {
  world_->flows.arrivals(kSyr, kTraDst) = 1000;
  world_->flows.readmitted(kSyr, kTraDst) = 200;
  stock(MigrantStatus::in_transit, kDst) = 1000;
  world_->policy.lever(Lever::offshore_capacity)(kDst) = 300;
  world_->policy.lever(Lever::offshore_cost)(kDst) = 10000;
  const TickContext context = tick();

  transfer_to_third_countries(inputs(context), *scratch_, world_->population, world_->flows,
                              world_->treasury.removal_spending);

  EXPECT_DOUBLE_EQ(world_->flows.transferred(kSyr, kDst), 300);
  EXPECT_DOUBLE_EQ(stock(MigrantStatus::arrived, kThr), 300);
  EXPECT_DOUBLE_EQ(stock(MigrantStatus::in_transit, kDst), 700);
  EXPECT_DOUBLE_EQ(world_->treasury.removal_spending(kDst), 3e6);
  EXPECT_DOUBLE_EQ(scratch_->transfer_share(kDst), 0.375);

  // Without capacity nobody moves and migrants expect no transfer.
  world_->policy.lever(Lever::offshore_capacity)(kDst) = 0;
  transfer_to_third_countries(inputs(context), *scratch_, world_->population, world_->flows,
                              world_->treasury.removal_spending);
  EXPECT_DOUBLE_EQ(stock(MigrantStatus::arrived, kThr), 300);
  EXPECT_EQ(scratch_->transfer_share(kDst), 0);
}

// Deterrence: DST has no way on, so W(DST) = U(DST), and with transfer share pi the value of the
// crossing into DST falls by delta * pi * (U(DST) - U(THR)). Nobody is present anywhere, so
//   U(DST) - U(THR) = ln(40000 / 1000) + 2 * (0.7 - 0.5) * 0.8 = 3.68888 + 0.32 = 4.00888
//   with delta 0.9 and pi 0.5 the fall is 0.9 * 0.5 * 4.00888 = 1.80400.
TEST_F(Offshore, ExpectedTransferLowersTheValueOfCrossingIntoTheSendingState) {
  const TickContext context = tick();
  assess_corridors(inputs(context), world_->corridors);
  solve_route_values(inputs(context), world_->corridors, world_->population, *scratch_,
                     world_->route_value);
  const double without = scratch_->corridor_value(kSyr, kTraDst);

  scratch_->transfer_share(kDst) = 0.5;
  solve_route_values(inputs(context), world_->corridors, world_->population, *scratch_,
                     world_->route_value);
  const double with = scratch_->corridor_value(kSyr, kTraDst);

  const double gap = std::log(40000.0 / 1000.0) + 2 * (0.7 - 0.5) * 0.8;
  EXPECT_NEAR(without - with, 0.9 * 0.5 * gap, 1e-9);
  EXPECT_NEAR(without - with, 1.80400, 1e-5);
}

}  // namespace
}  // namespace migdip
