// The standard recorder on scenarios at the edges of what the loader accepts.

#include <gtest/gtest.h>

#include <string>

#include "migdip/recording/series_recorder.h"
#include "migdip/simulation/simulation.h"
#include "support/scenario_builder.h"

namespace migdip {
namespace {

// A world without corridors is valid: nobody can move irregularly. Its corridor flows have no
// columns, and summing the row of any nationality but the first was undefined behaviour (clang's
// UBSan: "applying non-zero offset to null pointer"). Found by tests/fuzz/fuzz_simulation.
TEST(SeriesRecorder, AScenarioWithoutCorridorsRecordsNoCorridorFlows) {
  Scenario scenario = testing::chain_scenario();
  scenario.states.push_back(testing::make_state("OR2", testing::kOrigin, 5e6, 1000));
  scenario.corridors.clear();
  scenario.index_nationalities();
  Simulation simulation(testing::share(scenario));
  SeriesRecorder recorder;
  Observer* observers[] = {&recorder};
  simulation.run(observers);
  const RunRecord record = recorder.take_record();
  for (const std::string name : {"arrivals", "deaths"}) {
    const Variable* variable = record.find_variable("nationalities", name);
    ASSERT_NE(variable, nullptr) << name;
    ASSERT_EQ(variable->data.size(), 48U) << name;  // 24 ticks x 2 nationalities
    for (const double value : variable->data) {
      EXPECT_EQ(value, 0.0) << name;
    }
  }
}

}  // namespace
}  // namespace migdip
