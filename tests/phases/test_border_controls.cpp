// Controls by border: a corridor's own exit or entry enforcement, pushbacks and facilitation
// override its states' on that corridor only. Expected-value mode, against hand computations.

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <vector>

#include "migdip/world/world.h"
#include "phases/migration/migration_steps.h"
#include "phases/network.h"
#include "phases/policy_implementation.h"
#include "phases/scheduled_events.h"
#include "phases/tick_context.h"
#include "support/scenario_builder.h"

namespace migdip {
namespace {

constexpr int kTra = 1;
constexpr int kDst = 2;
constexpr int kSyr = 0;   // the only nationality: ORI's
constexpr int kLand = 1;  // TRA-DST
constexpr int kSea = 2;   // TRA-DST-sea, a second border between the same two states

// chain_scenario() with a second corridor from TRA to DST and no mortality anywhere, so that
// interceptions and pushbacks are the only outcomes.
Scenario two_borders() {
  Scenario scenario = testing::chain_scenario();
  CorridorSpec sea = testing::make_corridor("TRA-DST-sea", kTra, kDst, 1500, 0);
  sea.mode = CorridorMode::sea;
  scenario.corridors.push_back(sea);
  for (CorridorSpec& corridor : scenario.corridors) {
    corridor.lever(Lever::mortality) = 0;
  }
  scenario.states[kTra].lever(Lever::exit_enforcement) = 0.2;
  scenario.states[kDst].lever(Lever::entry_enforcement) = 0.1;
  return scenario;
}

class ControlsByBorder : public ::testing::Test {
 protected:
  void build() {
    network_ = std::make_unique<Network>(scenario_);
    world_ = std::make_unique<World>(scenario_);
  }
  // One nominal month.
  TickContext tick(int t = 0) const { return TickContext(scenario_.settings, t, kDaysPerMonth); }
  MigrationInputs inputs(const TickContext& context) const {
    return MigrationInputs{scenario_, *network_, context, world_->policy};
  }
  void apply_events(int t) {
    std::vector<int> applied;
    apply_scheduled_events(
        scenario_, t,
        EventTargets{world_->policy, world_->corridors, world_->pathway_lever, world_->treasury},
        applied);
  }
  EventSpec corridor_event(EventType type, int corridor, double value) const {
    EventSpec event;
    event.type = type;
    event.target_kind = TargetKind::corridor;
    event.target = corridor;
    event.value = value;
    return event;
  }

  Scenario scenario_ = two_borders();
  std::unique_ptr<Network> network_;
  std::unique_ptr<World> world_;
};

TEST_F(ControlsByBorder, ExitOverrideActsOnItsCorridorOnlyAndTheOtherKeepsTheStateValue) {
  // TRA's exit enforcement is 0.2; the sea border's own is 0.6. Hand computation, 1000 people
  // leaving on each border:
  //   land: e = 0.2 (the state's), stopped = 1000 * 0.2 = 200, setting out 800
  //   sea:  e = 0.6 (its own),     stopped = 1000 * 0.6 = 600, setting out 400
  scenario_.corridors[kSea].border(Lever::exit_enforcement) = 0.6;
  build();
  const TickContext context = tick();
  assess_corridors(inputs(context), world_->corridors);
  EXPECT_DOUBLE_EQ(world_->corridors.exit_interception(kLand), 0.2);
  EXPECT_DOUBLE_EQ(world_->corridors.exit_interception(kSea), 0.6);
  EXPECT_DOUBLE_EQ(world_->policy.lever(Lever::exit_enforcement)(kTra), 0.2);
  // Entry follows DST on both.
  EXPECT_DOUBLE_EQ(world_->corridors.entry_interception(kLand), 0.1);
  EXPECT_DOUBLE_EQ(world_->corridors.entry_interception(kSea), 0.1);

  MigrationScratch scratch(1, 3, 3, 4);
  scratch.leaving_from_transit.setZero();
  scratch.leaving_from_hosting.setZero();
  scratch.leaving_from_transit(kSyr, kLand) = 1000;
  scratch.leaving_from_transit(kSyr, kSea) = 1000;
  world_->population[MigrantStatus::in_transit](kSyr, kTra) = 2000;
  depart(inputs(context), world_->corridors, scratch, world_->population, world_->flows);
  EXPECT_DOUBLE_EQ(world_->flows.exit_intercepted(kSyr, kLand), 200);
  EXPECT_DOUBLE_EQ(world_->flows.exit_intercepted(kSyr, kSea), 600);
  EXPECT_DOUBLE_EQ(world_->population[MigrantStatus::intercepted](kSyr, kTra), 800);
}

TEST_F(ControlsByBorder, SealedBorderStopsAndPushesBackWhileTheOtherFollowsTheState) {
  // DST: entry enforcement 0.1, no pushbacks. The land border's own: entry 0.9, pushbacks 1.
  // 1000 travellers due on each border, no deaths:
  //   land: stopped = 900, all expelled to TRA; arrivals 100
  //   sea:  stopped = 100, none expelled (detained in DST); arrivals 900
  scenario_.corridors[kLand].border(Lever::entry_enforcement) = 0.9;
  scenario_.corridors[kLand].border(Lever::pushback_rate) = 1;
  build();
  const TickContext context = tick(3);
  assess_corridors(inputs(context), world_->corridors);
  const auto slot = static_cast<std::size_t>(3 % world_->population.travel_slots());
  world_->population.travelling[slot](kSyr, kLand) = 1000;
  world_->population.travelling[slot](kSyr, kSea) = 1000;
  complete_crossings(inputs(context), world_->corridors, world_->population, world_->flows);

  EXPECT_DOUBLE_EQ(world_->flows.entry_intercepted(kSyr, kLand), 900);
  EXPECT_DOUBLE_EQ(world_->flows.pushed_back(kSyr, kLand), 900);
  EXPECT_DOUBLE_EQ(world_->flows.arrivals(kSyr, kLand), 100);
  EXPECT_DOUBLE_EQ(world_->flows.entry_intercepted(kSyr, kSea), 100);
  EXPECT_DOUBLE_EQ(world_->flows.pushed_back(kSyr, kSea), 0);
  EXPECT_DOUBLE_EQ(world_->flows.arrivals(kSyr, kSea), 900);
  EXPECT_DOUBLE_EQ(world_->population[MigrantStatus::pushed_back](kSyr, kTra), 900);
  EXPECT_DOUBLE_EQ(world_->population[MigrantStatus::intercepted](kSyr, kDst), 100);
}

TEST_F(ControlsByBorder, SetOnACorridorPhasesInAtTheLagOfTheStateOnItsSide) {
  // TRA (exit side) has a lag of one nominal month, DST (entry side) none. At tick 0 an event
  // sets the sea border's exit enforcement to 0.8 and its entry enforcement to 0.5. After one
  // month, exit = 0.2 + (0.8 - 0.2)(1 - e^-1) = 0.579272..., starting from TRA's 0.2; entry
  // jumps to 0.5. The land border and the states keep 0.2 and 0.1.
  scenario_.states[kTra].policy_lag_days = kDaysPerMonth;
  EventSpec exit = corridor_event(EventType::set, kSea, 0.8);
  exit.parameter = Lever::exit_enforcement;
  EventSpec entry = corridor_event(EventType::set, kSea, 0.5);
  entry.parameter = Lever::entry_enforcement;
  scenario_.events = {exit, entry};
  build();
  const TickContext context = tick(0);
  apply_events(0);
  implement_policy(scenario_, context, world_->policy, world_->treasury, Eigen::ArrayXd());
  implement_border_policy(scenario_, context, world_->corridors.border);
  assess_corridors(inputs(context), world_->corridors);

  const double expected_exit = 0.2 + 0.6 * (1 - std::exp(-1.0));
  EXPECT_NEAR(world_->corridors.exit_interception(kSea), expected_exit, 1e-12);
  EXPECT_DOUBLE_EQ(world_->corridors.entry_interception(kSea), 0.5);
  EXPECT_DOUBLE_EQ(world_->corridors.exit_interception(kLand), 0.2);
  EXPECT_DOUBLE_EQ(world_->corridors.entry_interception(kLand), 0.1);
  EXPECT_DOUBLE_EQ(world_->policy.lever(Lever::exit_enforcement)(kTra), 0.2);
  EXPECT_DOUBLE_EQ(world_->policy.lever(Lever::entry_enforcement)(kDst), 0.1);

  // A later change of the state's enforcement reaches the land border only.
  world_->policy.lever(Lever::exit_enforcement)(kTra) = 0.4;
  assess_corridors(inputs(context), world_->corridors);
  EXPECT_DOUBLE_EQ(world_->corridors.exit_interception(kLand), 0.4);
  EXPECT_NEAR(world_->corridors.exit_interception(kSea), expected_exit, 1e-12);
}

TEST_F(ControlsByBorder, SurgeAimedAtOneBorderCutsItsInterceptionAndCostUntilItEnds) {
  // A surge of 0.5 aimed at the sea border from tick 1 to tick 3: there, exit interception is
  // 0.2 * (1 - 0.5) = 0.1 and cost 1500 * (1 - 0.8 * 0.5) = 900; the land border keeps 0.2 and
  // 1500. From tick 3 the sea border follows TRA (no surge) again.
  EventSpec surge = corridor_event(EventType::engineered_surge, kSea, 0.5);
  surge.tick = 1;
  surge.end_tick = 3;
  scenario_.events = {surge};
  build();
  for (int t = 0; t <= 3; ++t) {
    const TickContext context = tick(t);
    apply_events(t);
    implement_border_policy(scenario_, context, world_->corridors.border);
    assess_corridors(inputs(context), world_->corridors);
    const bool surging = t == 1 || t == 2;
    SCOPED_TRACE(t);
    EXPECT_DOUBLE_EQ(world_->corridors.exit_interception(kSea), surging ? 0.1 : 0.2);
    EXPECT_DOUBLE_EQ(world_->corridors.effective_cost(kSea), surging ? 900 : 1500);
    EXPECT_DOUBLE_EQ(world_->corridors.exit_interception(kLand), 0.2);
    EXPECT_DOUBLE_EQ(world_->corridors.effective_cost(kLand), 1500);
    EXPECT_DOUBLE_EQ(world_->policy.lever(Lever::facilitation)(kTra), 0);
  }
}

}  // namespace
}  // namespace migdip
