// Stylised facts of removals of people already inside (docs/model.md 7.6.13), each required in
// at least 18 of 20 stochastic runs (seeds 1-20), like the facts of test_stylised_facts.cpp.

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>

#include "migdip/simulation/simulation.h"
#include "support/scenario_builder.h"
#include "support/seeds.h"

namespace migdip::testing {
namespace {

constexpr int kOri = 0;
constexpr int kDst = 2;
constexpr int kTicks = 36;
constexpr int kCampaignStart = 12;
constexpr double kCapacity = 800;  // people per month

// The chain world in stochastic mode; DST refuses most claims and returns few of the refused.
Scenario removal_world(std::uint64_t seed, double acceptance) {
  Scenario scenario = chain_scenario();
  scenario.settings.ticks = kTicks;
  scenario.settings.mode = SimulationMode::stochastic;
  scenario.settings.seed = seed;
  scenario.states[kDst].lever(Lever::recognition_rate) = 0.3;
  scenario.states[kDst].lever(Lever::return_rate) = 0.02;
  scenario.states[kOri].lever(Lever::readmission_acceptance) = acceptance;
  return scenario;
}

// A deportation campaign: DST removes up to kCapacity people a month from kCampaignStart on.
Scenario with_campaign(Scenario scenario) {
  EventSpec campaign;
  campaign.id = "campaign";
  campaign.type = EventType::set;
  campaign.tick = kCampaignStart;
  campaign.target_kind = TargetKind::state;
  campaign.target = kDst;
  campaign.parameter = Lever::removal_capacity;
  campaign.value = kCapacity;
  scenario.events = {campaign};
  return scenario;
}

struct Outcome {
  double irregular_at_end = 0;  ///< refused and in transit in DST at the end
  double returned_home = 0;     ///< people in status `returned` at ORI at the end
  double deported = 0;          ///< removed by DST over the campaign
  double most_in_a_month = 0;   ///< removed by DST in its busiest tick
};

Outcome run(Scenario scenario) {
  Simulation simulation(share(std::move(scenario)));
  Outcome outcome;
  while (!simulation.finished()) {
    simulation.step();
    const double deported = simulation.world().flows.deported.col(kDst).sum();
    outcome.deported += deported;
    outcome.most_in_a_month = std::max(outcome.most_in_a_month, deported);
  }
  const Population& population = simulation.world().population;
  outcome.irregular_at_end = population[MigrantStatus::rejected].col(kDst).sum() +
                             population[MigrantStatus::in_transit].col(kDst).sum();
  outcome.returned_home = population[MigrantStatus::returned].col(kOri).sum();
  return outcome;
}

// A removal campaign lowers the irregular stock in the destination and raises returns; it never
// removes more than its capacity (binomial noise aside), and an origin that takes back fewer of
// its nationals leaves fewer removed.
TEST(RemovalFacts, CampaignLowersTheIrregularStockBoundedByCapacityAndAcceptance) {
  const int held = seeds_where([](std::uint64_t seed) {
    const Outcome without = run(removal_world(seed, 1.0));
    const Outcome with = run(with_campaign(removal_world(seed, 1.0)));
    const Outcome reluctant = run(with_campaign(removal_world(seed, 0.01)));
    const double months = kTicks - kCampaignStart;
    return without.deported == 0 && with.irregular_at_end < 0.7 * without.irregular_at_end &&
           with.returned_home > without.returned_home + 0.5 * with.deported &&
           with.deported <= 1.02 * kCapacity * months && with.most_in_a_month <= 1.2 * kCapacity &&
           reluctant.deported < 0.5 * with.deported;
  });
  EXPECT_GE(held, kRequired);
}

}  // namespace
}  // namespace migdip::testing
