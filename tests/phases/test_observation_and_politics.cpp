// Governments see last tick's arrivals, net of readmissions; salience follows them and fades.

#include <gtest/gtest.h>

#include <cmath>

#include "migdip/world/world.h"
#include "phases/domestic_politics.h"
#include "phases/network.h"
#include "phases/observation.h"
#include "phases/tick_context.h"
#include "support/scenario_builder.h"

namespace migdip {
namespace {

TEST(Observation, SeesArrivalsNetOfReadmissionsAtTheStateOfArrival) {
  const Scenario scenario = testing::chain_scenario();
  const Network network(scenario);
  World world(scenario);
  world.flows.arrivals(0, 0) = 300;  // ORI-TRA
  world.flows.arrivals(0, 1) = 100;  // TRA-DST
  world.flows.readmitted(0, 1) = 40;
  observe_arrivals(network, world.flows, world.politics);
  EXPECT_EQ(world.politics.observed_arrivals(0), 0);
  EXPECT_EQ(world.politics.observed_arrivals(1), 300);
  EXPECT_EQ(world.politics.observed_arrivals(2), 60);
}

TEST(DomesticPolitics, SalienceRisesWithArrivalsPerCapitaAndDecays) {
  Scenario scenario = testing::chain_scenario();
  scenario.model.salience_gain = 0.1;
  scenario.model.salience_memory_days = 30;
  World world(scenario);
  const TickContext tick(scenario.settings, 0, 30);
  world.politics.observed_arrivals(2) = 8000;  // DST: 8e7 residents, so 10 per 100k
  update_salience(scenario, tick, world.politics);
  EXPECT_NEAR(world.politics.salience(2), 1.0, 1e-12);
  world.politics.observed_arrivals(2) = 0;
  update_salience(scenario, tick, world.politics);
  EXPECT_NEAR(world.politics.salience(2), std::exp(-1.0), 1e-12);
  EXPECT_EQ(world.politics.salience(0), 0);
}

TEST(Network, ListsOutgoingCorridorsDelaysAndOrigins) {
  Scenario scenario = testing::chain_scenario();
  scenario.corridors[1].travel_days = 65;  // two whole months
  const Network network(scenario);
  ASSERT_EQ(network.outgoing(0).size(), 1u);
  EXPECT_EQ(network.outgoing(0)[0], 0);
  EXPECT_EQ(network.outgoing(1)[0], 1);
  EXPECT_TRUE(network.outgoing(2).empty());
  EXPECT_EQ(network.delay_ticks(0), 0);
  EXPECT_EQ(network.delay_ticks(1), 2);
  EXPECT_EQ(network.origin_of(0), 0);
  EXPECT_TRUE(network.is_destination(2));
  EXPECT_EQ(network.reference_income(), 40000);
}

}  // namespace
}  // namespace migdip
