// The migration steps one at a time, in expected-value mode, against hand-computed results.

#include <gtest/gtest.h>

#include <cmath>

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

using MigrationSteps = testing::MigrationStepTest;

TEST_F(MigrationSteps, CrossingsSplitTravellersIntoDeathsInterceptionsAndArrivals) {
  world_->corridors.mortality(1) = 0.1;
  world_->corridors.entry_interception(1) = 0.5;
  world_->corridors.lever(Lever::readmission_rate)(1) = 0.2;
  world_->policy.lever(Lever::pushback_rate)(kDst) = 0.4;
  const TickContext context = tick(3);
  const int slot = 3 % world_->population.travel_slots();
  world_->population.travelling[static_cast<std::size_t>(slot)](kSyr, 1) = 1000;

  complete_crossings(inputs(context), world_->corridors, world_->population, world_->flows);

  EXPECT_DOUBLE_EQ(world_->flows.deaths(kSyr, 1), 100);
  EXPECT_DOUBLE_EQ(stock(MigrantStatus::dead, kTra), 100);  // counted where the crossing began
  EXPECT_DOUBLE_EQ(world_->flows.entry_intercepted(kSyr, 1), 450);
  EXPECT_DOUBLE_EQ(world_->flows.pushed_back(kSyr, 1), 180);
  EXPECT_DOUBLE_EQ(stock(MigrantStatus::pushed_back, kTra), 180);
  EXPECT_DOUBLE_EQ(world_->flows.arrivals(kSyr, 1), 450);
  EXPECT_DOUBLE_EQ(world_->flows.readmitted(kSyr, 1), 90);
  EXPECT_DOUBLE_EQ(stock(MigrantStatus::intercepted, kTra), 90);
  EXPECT_DOUBLE_EQ(stock(MigrantStatus::intercepted, kDst), 270);
  EXPECT_DOUBLE_EQ(stock(MigrantStatus::in_transit, kDst), 360);
  EXPECT_DOUBLE_EQ(world_->population.travelling[static_cast<std::size_t>(slot)](kSyr, 1), 0);
}

TEST_F(MigrationSteps, EnforcementRaisesMortalityAndFacilitationCutsExitInterception) {
  world_->policy.lever(Lever::exit_enforcement)(kTra) = 0.5;
  world_->policy.lever(Lever::entry_enforcement)(kDst) = 0.3;
  const TickContext context = tick();
  assess_corridors(inputs(context), world_->corridors);
  // mortality = base * (1 + elasticity * (exit + entry)), elasticity 1
  EXPECT_DOUBLE_EQ(world_->corridors.mortality(1), 0.01 * (1 + 0.8));
  EXPECT_DOUBLE_EQ(world_->corridors.exit_interception(1), 0.5);
  EXPECT_DOUBLE_EQ(world_->corridors.entry_interception(1), 0.3);

  world_->policy.lever(Lever::facilitation)(kTra) = 0.5;
  assess_corridors(inputs(context), world_->corridors);
  EXPECT_DOUBLE_EQ(world_->corridors.exit_interception(1), 0.25);
  EXPECT_DOUBLE_EQ(world_->corridors.effective_cost(1), 1500 * (1 - 0.8 * 0.5));
}

TEST_F(MigrationSteps, EmigrationFollowsTheHazard) {
  const TickContext context = tick();
  emigrate(inputs(context), world_->population, world_->flows);
  // h = rate * (1 + push_elasticity * push) with the default elasticities of income (0) and
  // networks (0); one month: p = 1 - exp(-h).
  const double hazard = 0.002 * (1 + 1.0 * 1.0);
  const double expected = 1e6 * -std::expm1(-hazard);
  EXPECT_NEAR(world_->flows.emigrated(kSyr, kOri), expected, 1e-6);
  EXPECT_NEAR(stock(MigrantStatus::in_transit, kOri), expected, 1e-6);
  EXPECT_NEAR(world_->population.residents(kOri), 1e6 - expected, 1e-6);
}

TEST_F(MigrationSteps, AsylumDecisionsAndReturns) {
  stock(MigrantStatus::arrived, kDst) = 1000;
  stock(MigrantStatus::rejected, kDst) = 500;
  world_->policy.lever(Lever::readmission_acceptance)(kOri) = 0.5;
  const TickContext context = tick();
  decide_asylum_claims(inputs(context), world_->population, world_->flows);
  const double decided = 1000 * -std::expm1(-0.25);
  EXPECT_NEAR(world_->flows.granted(kSyr, kDst), decided * 0.7 * 0.8, 1e-9);
  EXPECT_NEAR(world_->flows.refused(kSyr, kDst), decided * (1 - 0.56), 1e-9);
  EXPECT_NEAR(stock(MigrantStatus::arrived, kDst), 1000 - decided, 1e-9);

  const double rejected_before = stock(MigrantStatus::rejected, kDst);
  return_rejected(inputs(context), world_->population, world_->flows);
  const double returned = rejected_before * -std::expm1(-0.1) * 0.5;
  EXPECT_NEAR(world_->flows.returned(kSyr, kDst), returned, 1e-9);
  EXPECT_NEAR(stock(MigrantStatus::returned, kOri), returned, 1e-9);  // located at home
}

TEST_F(MigrationSteps, DetentionReleasesOrReturnsAndNobodyIsReturnedFromHome) {
  stock(MigrantStatus::intercepted, kTra) = 100;
  stock(MigrantStatus::intercepted, kOri) = 40;
  stock(MigrantStatus::pushed_back, kTra) = 10;
  world_->policy.lever(Lever::return_rate)(kTra) = std::log(2.0);  // half returned per month
  const TickContext context = tick();
  release_detained(inputs(context), world_->population, world_->flows);
  EXPECT_NEAR(stock(MigrantStatus::returned, kOri), 50, 1e-9);
  EXPECT_NEAR(stock(MigrantStatus::in_transit, kTra), 50 + 10, 1e-9);
  EXPECT_NEAR(stock(MigrantStatus::in_transit, kOri), 40, 1e-9);
  EXPECT_EQ(stock(MigrantStatus::intercepted, kTra), 0);
  EXPECT_EQ(stock(MigrantStatus::pushed_back, kTra), 0);
}

TEST_F(MigrationSteps, HostingAboveCapacityIsEvicted) {
  stock(MigrantStatus::hosted, kTra) = 150000;  // capacity 100,000
  const TickContext context = tick();
  enforce_hosting_capacity(inputs(context), world_->population, world_->flows);
  EXPECT_NEAR(stock(MigrantStatus::hosted, kTra), 100000, 1e-6);
  EXPECT_NEAR(stock(MigrantStatus::in_transit, kTra), 50000, 1e-6);
}

TEST_F(MigrationSteps, LegalPathwaysMoveUpToTheirQuota) {
  PathwaySpec resettlement;
  resettlement.id = "resettle";
  resettlement.kind = PathwayKind::resettlement;
  resettlement.from = kTra;
  resettlement.to = kDst;
  resettlement.nationality = kSyr;
  resettlement.lever(Lever::quota) = 300;
  scenario_.pathways = {resettlement};
  rebuild();
  stock(MigrantStatus::hosted, kTra) = 200;
  const TickContext context = tick();
  move_through_legal_pathways(inputs(context), world_->pathway_lever(Lever::quota),
                              world_->population, world_->flows);
  EXPECT_DOUBLE_EQ(world_->flows.pathway_moved(0), 200);  // the pool, not the quota, binds
  EXPECT_DOUBLE_EQ(stock(MigrantStatus::legal, kDst), 200);
  EXPECT_DOUBLE_EQ(stock(MigrantStatus::hosted, kTra), 0);
}

TEST_F(MigrationSteps, CapacityThinsDeparturesAndExitEnforcementStopsThem) {
  world_->corridors.lever(Lever::capacity)(1) = 100;
  world_->corridors.exit_interception(1) = 0.25;
  stock(MigrantStatus::in_transit, kTra) = 1000;
  MigrationScratch scratch(1, 3, 2, 2);
  scratch.leaving_from_transit(kSyr, 1) = 400;
  const TickContext context = tick();
  depart(inputs(context), world_->corridors, scratch, world_->population, world_->flows);
  EXPECT_DOUBLE_EQ(world_->flows.departures(kSyr, 1), 100);
  EXPECT_DOUBLE_EQ(world_->flows.exit_intercepted(kSyr, 1), 25);
  EXPECT_DOUBLE_EQ(stock(MigrantStatus::intercepted, kTra), 25);
  EXPECT_DOUBLE_EQ(stock(MigrantStatus::in_transit, kTra), 900);
  EXPECT_DOUBLE_EQ(world_->population.travelling_total()(kSyr, 1), 75);
}

TEST_F(MigrationSteps, RouteValuesAreTheLogsumOfStayingAndMovingOn) {
  const TickContext context = tick();
  MigrationScratch scratch(1, 3, 2, 2);
  assess_corridors(inputs(context), world_->corridors);
  solve_route_values(inputs(context), world_->corridors, world_->population, scratch,
                     world_->route_value);
  const ModelParameters& m = scenario_.model;
  const double need = 0.8;
  const double u_dst =
      m.income_weight * std::log(40000.0 / 2000) + m.protection_weight * 0.7 * need;
  const double u_tra = m.income_weight * std::log(9000.0 / 2000) + m.protection_weight * 0.5 * need;
  auto crossing_cost = [&](double cost, double mortality) {
    return m.cost_weight * cost / 1000 + m.time_weight * 5 / kDaysPerMonth +
           m.risk_weight * mortality;
  };
  const double w_dst = u_dst;  // no way on from DST
  const double w_tra = std::log(
      std::exp(u_tra) + std::exp(m.continuation_discount * w_dst - crossing_cost(1500, 0.01)));
  const double w_ori = m.continuation_discount * w_tra - crossing_cost(500, 0.001);  // no staying
  EXPECT_NEAR(world_->route_value(kSyr, kDst), w_dst, 1e-8);
  EXPECT_NEAR(world_->route_value(kSyr, kTra), w_tra, 1e-8);
  EXPECT_NEAR(world_->route_value(kSyr, kOri), w_ori, 1e-8);

  // Choices at TRA: logit shares of staying and moving on, times those reconsidering.
  stock(MigrantStatus::in_transit, kTra) = 1000;
  choose_moves(inputs(context), world_->corridors, world_->population, world_->route_value,
               scratch);
  const double movers = 1000 * -std::expm1(-m.transit_reconsider_rate);
  const double p_stay = std::exp(u_tra - w_tra);
  EXPECT_NEAR(scratch.wanting_to_stay(kSyr, kTra), movers * p_stay, 1e-6);
  EXPECT_NEAR(scratch.leaving_from_transit(kSyr, 1), movers * (1 - p_stay), 1e-6);
}

TEST_F(MigrationSteps, ClosedCorridorsAreNeverChosen) {
  world_->corridors.open(1) = 0;
  const TickContext context = tick();
  MigrationScratch scratch(1, 3, 2, 2);
  stock(MigrantStatus::in_transit, kTra) = 1000;
  assess_corridors(inputs(context), world_->corridors);
  solve_route_values(inputs(context), world_->corridors, world_->population, scratch,
                     world_->route_value);
  choose_moves(inputs(context), world_->corridors, world_->population, world_->route_value,
               scratch);
  EXPECT_EQ(scratch.leaving_from_transit(kSyr, 1), 0);
  EXPECT_NEAR(scratch.wanting_to_stay(kSyr, kTra),
              1000 * -std::expm1(-scenario_.model.transit_reconsider_rate), 1e-6);
}

TEST_F(MigrationSteps, SettlingFillsHostingRoomInProportionToDemand) {
  world_->policy.lever(Lever::hosting_capacity)(kTra) = 100;
  stock(MigrantStatus::hosted, kTra) = 40;
  stock(MigrantStatus::in_transit, kTra) = 300;
  stock(MigrantStatus::in_transit, kDst) = 50;
  MigrationScratch scratch(1, 3, 2, 2);
  scratch.wanting_to_stay(kSyr, kTra) = 120;
  scratch.wanting_to_stay(kSyr, kDst) = 50;
  const TickContext context = tick();
  settle(inputs(context), scratch, world_->population, world_->flows);
  EXPECT_DOUBLE_EQ(stock(MigrantStatus::hosted, kTra), 100);  // 60 places for 120 asking
  EXPECT_DOUBLE_EQ(stock(MigrantStatus::in_transit, kTra), 240);
  EXPECT_DOUBLE_EQ(stock(MigrantStatus::arrived, kDst), 50);  // destinations: asylum claims
  EXPECT_DOUBLE_EQ(stock(MigrantStatus::in_transit, kDst), 0);
}

// A corridor into a state with nowhere to stay or go is no option, however flat the logit.
TEST_F(MigrationSteps, CorridorsIntoDeadEndsAreNeverChosen) {
  scenario_.model.choice_sensitivity = 1e-7;
  scenario_.corridors.push_back(testing::make_corridor("TRA-ORI", kTra, kOri, 0, 0));
  rebuild();
  world_->corridors.open(0) = 0;  // ORI-TRA closed: at ORI nobody may stay or leave
  stock(MigrantStatus::in_transit, kTra) = 1000;
  const TickContext context = tick();
  MigrationScratch scratch(1, 3, 3, 3);
  assess_corridors(inputs(context), world_->corridors);
  solve_route_values(inputs(context), world_->corridors, world_->population, scratch,
                     world_->route_value);
  choose_moves(inputs(context), world_->corridors, world_->population, world_->route_value,
               scratch);
  EXPECT_EQ(scratch.leaving_from_transit(kSyr, 2), 0);
  EXPECT_GT(scratch.leaving_from_transit(kSyr, 1), 0);
}

}  // namespace
}  // namespace migdip
