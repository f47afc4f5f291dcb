// Information (docs/model.md 7.6.3a): beliefs that see the truth late and remember, and the
// announcements and rumours that move them without moving the truth, against hand computations.

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "phases/policy_implementation.h"
#include "phases/scheduled_events.h"
#include "support/migration_step_test.h"

namespace migdip::testing {
namespace {

constexpr int kTraDst = 1;  // the corridor into DST
constexpr int kDst = 2;

class Information : public MigrationStepTest {
 protected:
  /// A memory under which a one-month tick keeps exactly half of the old belief.
  static constexpr double kHalfLifeMemory = kDaysPerMonth / 0.69314718055994530942;

  /// Ticks 0..ticks-1 of the phases that beliefs depend on: events, policy, corridor
  /// conditions, beliefs. Returns what migrants believed of `belief` on `entity` at each tick,
  /// and `truth` gets the true entry interception on TRA-DST.
  std::vector<double> believed(Belief belief, int entity, int ticks,
                               std::vector<double>* truth = nullptr) {
    std::vector<double> path;
    std::vector<int> applied;
    for (int t = 0; t < ticks; ++t) {
      const TickContext context = tick(t);
      apply_scheduled_events(scenario_, t,
                             EventTargets{world_->policy, world_->corridors, world_->pathway_lever,
                                          world_->treasury, &world_->beliefs},
                             applied);
      implement_policy(scenario_, context, world_->policy, world_->treasury,
                       world_->diplomacy.deal_payment);
      implement_border_policy(scenario_, context, world_->corridors.border);
      assess_corridors(inputs(context), world_->corridors);
      update_beliefs(inputs(context), world_->corridors, world_->beliefs);
      path.push_back(world_->beliefs.believed(belief)(entity));
      if (truth != nullptr) {
        truth->push_back(world_->corridors.entry_interception(kTraDst));
      }
    }
    return path;
  }

  EventSpec claim(EventType type, int at, Lever parameter, double value, double credibility) {
    EventSpec event = set_event("claim", at, TargetKind::corridor, kTraDst, parameter, value);
    event.type = type;
    event.credibility = credibility;
    return event;
  }
};

TEST_F(Information, WithoutLagMemoryOrClaimsTheyAreNotKeptAndDecisionsReadTheTruth) {
  EXPECT_FALSE(world_->beliefs.active);
  EXPECT_FALSE(beliefs_can_differ(scenario_));
  scenario_.model.belief_memory_days = 10;
  EXPECT_TRUE(beliefs_can_differ(scenario_));
}

TEST_F(Information, SeeTheTruthLateAndRememberIt) {
  // Lag one tick (30.4375 days), memory keeping half the old belief per one-month tick.
  scenario_.model.belief_lag_days = kDaysPerMonth;
  scenario_.model.belief_memory_days = kHalfLifeMemory;
  // DST guards its border with 0.8 from tick 2 (no policy lag: in force at once).
  scenario_.events.push_back(
      set_event("guard", 2, TargetKind::state, kDst, Lever::entry_enforcement, 0.8));
  rebuild();
  ASSERT_TRUE(world_->beliefs.active);
  EXPECT_EQ(world_->beliefs.lag_ticks, 1);
  std::vector<double> truth;
  const std::vector<double> path = believed(Belief::entry_interception, kTraDst, 6, &truth);
  // Truth x: 0, 0, 0.8, 0.8, 0.8, 0.8. Observed x(t-1) (x(0) before the run): 0, 0, 0, 0.8,
  // 0.8, 0.8. Belief b(t) = 0.5 b(t-1) + 0.5 x(t-1), b(0) = x(0):
  // 0, 0, 0, 0.4, 0.6, 0.7.
  const std::vector<double> expected = {0, 0, 0, 0.4, 0.6, 0.7};
  for (std::size_t t = 0; t < expected.size(); ++t) {
    EXPECT_NEAR(path[t], expected[t], 1e-12) << "tick " << t;
  }
  EXPECT_DOUBLE_EQ(truth[2], 0.8);
}

TEST_F(Information, ZeroLagAndMemoryAreTheTruthExactly) {
  // A rumour late in the run keeps beliefs, which until then are the truth itself.
  scenario_.states[kDst].lever(Lever::entry_enforcement) = 0.3;
  scenario_.events.push_back(claim(EventType::rumour, 20, Lever::entry_enforcement, 0, 1));
  rebuild();
  std::vector<double> truth;
  const std::vector<double> path = believed(Belief::entry_interception, kTraDst, 3, &truth);
  for (std::size_t t = 0; t < path.size(); ++t) {
    EXPECT_EQ(path[t], truth[t]);
  }
}

TEST_F(Information, AnAnnouncementMovesBeliefsBeforeTheTruth) {
  // Announced at tick 1, in force at tick 3: entry enforcement 0.6 on TRA-DST, half believed.
  scenario_.model.belief_memory_days = kHalfLifeMemory;
  EventSpec announcement = claim(EventType::announcement, 1, Lever::entry_enforcement, 0.6, 0.5);
  announcement.effective_tick = 3;
  scenario_.events.push_back(announcement);
  rebuild();
  std::vector<double> truth;
  const std::vector<double> path = believed(Belief::entry_interception, kTraDst, 5, &truth);
  // Signal: the truth, pulled half-way to 0.6 while announced (ticks 1-2): 0, 0.3, 0.3, then
  // the truth in force, 0.6, 0.6. Belief b(t) = 0.5 b(t-1) + 0.5 signal:
  // 0, 0.15, 0.225, 0.4125, 0.50625.
  const std::vector<double> expected = {0, 0.15, 0.225, 0.4125, 0.50625};
  const std::vector<double> expected_truth = {0, 0, 0, 0.6, 0.6};
  for (std::size_t t = 0; t < expected.size(); ++t) {
    EXPECT_NEAR(path[t], expected[t], 1e-12) << "tick " << t;
    EXPECT_DOUBLE_EQ(truth[t], expected_truth[t]) << "tick " << t;
  }
}

TEST_F(Information, ARumourHoldsThenDecaysAndTheTruthNeverMoves) {
  // DST guards its border with 0.8; from tick 1 to tick 3 (exclusive) migrants hear that the
  // border on TRA-DST is open, and believe it fully.
  scenario_.model.belief_memory_days = kHalfLifeMemory;
  scenario_.states[kDst].lever(Lever::entry_enforcement) = 0.8;
  EventSpec rumour = claim(EventType::rumour, 1, Lever::entry_enforcement, 0, 1);
  rumour.end_tick = 3;
  scenario_.events.push_back(rumour);
  rebuild();
  std::vector<double> truth;
  const std::vector<double> path = believed(Belief::entry_interception, kTraDst, 5, &truth);
  // Signal: 0.8, 0, 0, 0.8, 0.8. Belief: 0.8, 0.4, 0.2, 0.5, 0.65.
  const std::vector<double> expected = {0.8, 0.4, 0.2, 0.5, 0.65};
  for (std::size_t t = 0; t < expected.size(); ++t) {
    EXPECT_NEAR(path[t], expected[t], 1e-12) << "tick " << t;
    EXPECT_DOUBLE_EQ(truth[t], 0.8) << "tick " << t;
  }
}

TEST_F(Information, DecisionsReadBeliefsAndOutcomesTheTruth) {
  // While the rumour holds (no memory), migrants value TRA-DST as if its border were open...
  scenario_.states[kDst].lever(Lever::entry_enforcement) = 0.8;
  scenario_.events.push_back(claim(EventType::rumour, 0, Lever::entry_enforcement, 0, 1));
  rebuild();
  believed(Belief::entry_interception, kTraDst, 1);
  const TickContext context = tick(0);
  MigrationInputs in = inputs(context);
  in.beliefs = &world_->beliefs;
  MigrationScratch scratch(1, 3, 2, 4);
  solve_route_values(in, world_->corridors, world_->population, scratch, world_->route_value);
  const double rumoured = scratch.corridor_value(kNationality, kTraDst);

  CorridorConditions open = world_->corridors;
  open.entry_interception(kTraDst) = 0;
  open.mortality(kTraDst) = scenario_.corridors[kTraDst].lever(Lever::mortality);
  MigrationScratch truth_scratch(1, 3, 2, 4);
  Eigen::ArrayXXd route_value = Eigen::ArrayXXd::Zero(1, 3);
  solve_route_values(inputs(context), open, world_->population, truth_scratch, route_value);
  // ...but mortality is believed as it is, displaced by the true enforcement: only the
  // interception term differs from an open border, by w_I * (1 - m) * 0.8.
  const double m = world_->corridors.mortality(kTraDst);
  const double displaced = scenario_.model.risk_weight * (m - open.mortality(kTraDst));
  EXPECT_NEAR(rumoured, truth_scratch.corridor_value(kNationality, kTraDst) - displaced, 1e-9);

  // ...and the crossing itself meets the true enforcement: 80% of the survivors are stopped.
  world_->population.travelling[0](kNationality, kTraDst) = 1000;
  Flows flows;
  flows.resize(1, 3, 2, 0);
  complete_crossings(in, world_->corridors, world_->population, flows);
  EXPECT_NEAR(flows.entry_intercepted(kNationality, kTraDst), 0.8 * 1000 * (1 - m), 1e-9);
}

}  // namespace
}  // namespace migdip::testing
