#pragma once
// A fixture for testing the migration steps one at a time on a small world: the chain scenario
// of scenario_builder.h (ORI -> TRA -> DST, one nationality), its network and its world.

#include <gtest/gtest.h>

#include <memory>

#include "migdip/world/world.h"
#include "phases/migration/migration_steps.h"
#include "phases/network.h"
#include "phases/tick_context.h"
#include "support/scenario_builder.h"

namespace migdip::testing {

class MigrationStepTest : public ::testing::Test {
 protected:
  static constexpr int kNationality = 0;  // the only one: ORI's

  void SetUp() override { rebuild(); }
  /// Builds the network and world again from scenario_, after a test changed it.
  void rebuild() {
    network_ = std::make_unique<Network>(scenario_);
    world_ = std::make_unique<World>(scenario_);
  }
  /// Tick t, one nominal month long (so rates per month apply as they are), starting in the
  /// given calendar month (0 = January).
  TickContext tick(int t = 0, int month_of_year = 0) const {
    return TickContext(scenario_.settings, t, kDaysPerMonth, month_of_year);
  }
  MigrationInputs inputs(const TickContext& context) const {
    return MigrationInputs{scenario_, *network_, context, world_->policy};
  }
  double& stock(MigrantStatus status, int state) {
    return world_->population[status](kNationality, state);
  }

  Scenario scenario_ = chain_scenario();
  std::unique_ptr<Network> network_;
  std::unique_ptr<World> world_;
};

}  // namespace migdip::testing
