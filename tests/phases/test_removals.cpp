// Removals of people already inside (docs/model.md 7.6.13), in expected-value mode, against
// hand-computed results.

#include <gtest/gtest.h>

#include <memory>

#include "migdip/simulation/simulation.h"
#include "migdip/world/world.h"
#include "phases/migration/migration_steps.h"
#include "phases/network.h"
#include "phases/tick_context.h"
#include "support/scenario_builder.h"

namespace migdip {
namespace {

constexpr int kOri = 0;
constexpr int kTra = 1;
constexpr int kDst = 2;
constexpr int kSyr = 0;          // the only nationality: ORI's
constexpr int kTraDst = 1;       // corridor TRA -> DST
constexpr int kMostOptions = 2;  // home, or the one corridor into a state

class Removals : public ::testing::Test {
 protected:
  void SetUp() override {
    network_ = std::make_unique<Network>(scenario_);
    world_ = std::make_unique<World>(scenario_);
  }
  // One nominal month, so capacities per month apply as they are.
  void run_step() {
    const TickContext context(scenario_.settings, 0, kDaysPerMonth);
    const MigrationInputs in{scenario_, *network_, context, world_->policy};
    MigrationScratch scratch(scenario_.nationality_count(), scenario_.state_count(),
                             scenario_.corridor_count(), kMostOptions);
    remove_people_inside(in, world_->corridors, scratch, world_->population, world_->flows,
                         world_->treasury.removal_spending);
  }
  double& stock(MigrantStatus status, int state) { return world_->population[status](kSyr, state); }

  Scenario scenario_ = testing::chain_scenario();
  std::unique_ptr<Network> network_;
  std::unique_ptr<World> world_;
};

TEST_F(Removals, DefaultsRemoveNobody) {
  stock(MigrantStatus::rejected, kDst) = 1000;
  stock(MigrantStatus::in_transit, kDst) = 2000;
  run_step();
  EXPECT_EQ(stock(MigrantStatus::rejected, kDst), 1000);
  EXPECT_EQ(stock(MigrantStatus::in_transit, kDst), 2000);
  EXPECT_EQ(world_->flows.deported.sum(), 0);
  EXPECT_EQ(world_->treasury.removal_spending.sum(), 0);
}

// DST holds 1000 refused and 2000 irregular ORI nationals; it can remove 1500 a month at
// 2000 EUR each and expel 1000 a month across the TRA border. ORI takes back 60 %; TRA readmits
// under an arrangement of rate 0.5, so of those ORI refuses half go to TRA.
//   returnable share p = 0.6 + 0.4 * 0.5 = 0.8
//   refused first: demand 1000 * 0.8 = 800 <= 1500, all attempted:
//     home 1000 * 0.6 = 600, to TRA 1000 * 0.2 = 200, 200 stay refused
//   irregular with the 700 left: demand 2000 * 0.8 = 1600, share 700 / 1600 = 0.4375:
//     home 2000 * 0.4375 * 0.6 = 525, to TRA 2000 * 0.4375 * 0.2 = 175, 1300 stay
//   removed 600 + 200 + 525 + 175 = 1500, the capacity
//   expulsions then take min(1000, 1300) = 1000 of the 1300 into TRA's pool (pushed back)
//   spending (1500 + 1000) * 2000 = 5,000,000 EUR
TEST_F(Removals, RemovalsFillTheCapacityHomeAndToTheReadmittingNeighbourThenExpulsions) {
  stock(MigrantStatus::rejected, kDst) = 1000;
  stock(MigrantStatus::in_transit, kDst) = 2000;
  world_->policy.lever(Lever::removal_capacity)(kDst) = 1500;
  world_->policy.lever(Lever::removal_cost)(kDst) = 2000;
  world_->policy.lever(Lever::readmission_acceptance)(kOri) = 0.6;
  world_->corridors.lever(Lever::readmission_rate)(kTraDst) = 0.5;
  world_->corridors.lever(Lever::expulsion_capacity)(kTraDst) = 1000;

  run_step();

  EXPECT_DOUBLE_EQ(world_->flows.deported(kSyr, kDst), 600 + 525);
  EXPECT_DOUBLE_EQ(stock(MigrantStatus::returned, kOri), 600 + 525);
  EXPECT_DOUBLE_EQ(world_->flows.stock_readmitted(kSyr, kTraDst), 200 + 175);
  EXPECT_DOUBLE_EQ(stock(MigrantStatus::intercepted, kTra), 200 + 175);
  EXPECT_DOUBLE_EQ(stock(MigrantStatus::rejected, kDst), 200);
  EXPECT_DOUBLE_EQ(world_->flows.expelled(kSyr, kTraDst), 1000);
  EXPECT_DOUBLE_EQ(stock(MigrantStatus::pushed_back, kTra), 1000);
  EXPECT_DOUBLE_EQ(stock(MigrantStatus::in_transit, kDst), 300);
  EXPECT_DOUBLE_EQ(world_->treasury.removal_spending(kDst), 5e6);
  EXPECT_EQ(world_->treasury.removal_spending(kTra), 0);
}

// Without an arrangement, an origin that refuses everyone leaves the capacity unused: nobody
// is removed, nothing is spent. Nationals of a state are never removed from it.
TEST_F(Removals, AnOriginThatRefusesBoundsRemovalsAndNationalsStay) {
  stock(MigrantStatus::rejected, kDst) = 1000;
  stock(MigrantStatus::in_transit, kOri) = 500;  // displaced at home
  world_->policy.lever(Lever::removal_capacity)(kDst) = 1500;
  world_->policy.lever(Lever::removal_capacity)(kOri) = 1500;
  world_->policy.lever(Lever::removal_cost)(kDst) = 2000;
  world_->policy.lever(Lever::readmission_acceptance)(kOri) = 0;
  run_step();
  EXPECT_EQ(stock(MigrantStatus::rejected, kDst), 1000);
  EXPECT_EQ(stock(MigrantStatus::in_transit, kOri), 500);
  EXPECT_EQ(world_->treasury.removal_spending(kDst), 0);

  // With acceptance 0.25 the capacity is shared over the 250 returnable: all are sent.
  world_->policy.lever(Lever::readmission_acceptance)(kOri) = 0.25;
  run_step();
  EXPECT_DOUBLE_EQ(world_->flows.deported(kSyr, kDst), 250);
  EXPECT_DOUBLE_EQ(stock(MigrantStatus::rejected, kDst), 750);
  EXPECT_DOUBLE_EQ(world_->treasury.removal_spending(kDst), 250 * 2000);
}

// A campaign scheduled by events: a `set` of removal_capacity at tick 3 and, in a whole run,
// the people removed add up to the flows booked, with nobody created or lost.
TEST(RemovalCampaign, ScheduledByAnEventAndConserved) {
  Scenario scenario = testing::chain_scenario();
  scenario.settings.ticks = 8;
  EventSpec campaign;
  campaign.id = "campaign";
  campaign.type = EventType::set;
  campaign.tick = 3;
  campaign.target_kind = TargetKind::state;
  campaign.target = kDst;
  campaign.parameter = Lever::removal_capacity;
  campaign.value = 200;
  scenario.events = {campaign};
  Simulation simulation(testing::share(scenario));
  const double people = simulation.world().population.total_people();
  double deported = 0;
  for (int t = 0; t < 8; ++t) {
    simulation.step();
    const double now = simulation.world().flows.deported.sum();
    if (t < 3) {
      EXPECT_EQ(now, 0) << "tick " << t;
    }
    deported += now;
    EXPECT_NEAR(simulation.world().population.total_people(), people, 1e-6 * people);
  }
  EXPECT_GT(deported, 0);
}

}  // namespace
}  // namespace migdip
