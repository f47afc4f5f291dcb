// The tick loop allocates nothing: every buffer is sized when the simulation is built.

#include <gtest/gtest.h>

#include <cstdlib>

#include <Eigen/Core>

#include "allocation/heap_counter.h"
#include "migdip/simulation/simulation.h"
#include "support/random_scenario.h"
#include "support/strategic_scenario.h"

namespace migdip {
namespace {

TEST(StepAllocations, TicksAllocateNothing) {
  if (!testing::heap_is_counted()) {
    GTEST_SKIP() << "allocation counting is off under AddressSanitizer";
  }
  for (int seed = 1; seed <= 30; ++seed) {
    Scenario scenario = testing::random_scenario(static_cast<std::uint64_t>(seed));
    scenario.settings.ticks = std::max(scenario.settings.ticks, 3);
    Simulation simulation(testing::share(scenario));
    const long before = testing::allocation_count();
    while (!simulation.finished()) {
      simulation.step();
    }
    EXPECT_EQ(testing::allocation_count() - before, 0) << "random scenario " << seed;
  }
}

// The route values solved on two threads (SimulationOptions::threads): the worker thread is
// started with the simulation, and a tick only wakes it.
TEST(StepAllocations, TicksOnTwoThreadsAllocateNothing) {
  if (!testing::heap_is_counted()) {
    GTEST_SKIP() << "allocation counting is off under AddressSanitizer";
  }
  int shared_out = 0;
  for (int seed = 1; seed <= 30; ++seed) {
    Scenario scenario = testing::random_scenario(static_cast<std::uint64_t>(seed));
    scenario.settings.ticks = std::max(scenario.settings.ticks, 3);
    shared_out += scenario.nationality_count() > 1 ? 1 : 0;
    Simulation simulation(testing::share(scenario), SimulationOptions{2});
    const long before = testing::allocation_count();
    while (!simulation.finished()) {
      simulation.step();
    }
    EXPECT_EQ(testing::allocation_count() - before, 0) << "random scenario " << seed;
  }
  EXPECT_GE(shared_out, 5);
}

// Strategic runs too, once deals exist: the Bargainer and the DiplomacyPhase work in scratch
// space sized when the simulation is built, and deals and log lines fit the reserved capacity.
// The externalisation scenario signs at tick 6; with a coup at tick 18 its deal is voided, the
// table cools down and signs again, so monitoring, ending and signing all run while counted.
TEST(StepAllocations, StrategicTicksAllocateNothingOnceDealsExist) {
  if (!testing::heap_is_counted()) {
    GTEST_SKIP() << "allocation counting is off under AddressSanitizer";
  }
  for (const bool coup : {false, true}) {
    Scenario scenario = testing::externalisation_scenario(3);
    if (coup) {
      EventSpec event;
      event.id = "coup";
      event.type = EventType::coup;
      event.tick = 18;
      event.target_kind = TargetKind::state;
      event.target = testing::kTra;
      scenario.events.push_back(event);
    }
    Simulation simulation(testing::share(scenario));
    while (!simulation.finished() && simulation.world().diplomacy.deals.empty()) {
      simulation.step();
    }
    ASSERT_FALSE(simulation.world().diplomacy.deals.empty());
    const long before = testing::allocation_count();
    while (!simulation.finished()) {
      simulation.step();
    }
    EXPECT_EQ(testing::allocation_count() - before, 0) << (coup ? "with" : "without") << " a coup";
    EXPECT_GE(simulation.world().diplomacy.deals.size(), coup ? 2U : 1U);
  }
}

// The counter itself works: a test that cannot fail proves nothing.
TEST(StepAllocations, CounterSeesAllocations) {
  if (!testing::heap_is_counted()) {
    GTEST_SKIP() << "allocation counting is off under AddressSanitizer";
  }
  const long before = testing::allocation_count();
  int* volatile value = new int(3);  // volatile: the pair may not be optimised away
  delete value;
  EXPECT_EQ(testing::allocation_count() - before, 1);
  const long before_eigen = testing::allocation_count();
  Eigen::ArrayXd* volatile array = new Eigen::ArrayXd(Eigen::ArrayXd::Zero(100));
  delete array;
  EXPECT_EQ(testing::allocation_count() - before_eigen, 2);  // the object, and Eigen's buffer
}

}  // namespace
}  // namespace migdip
