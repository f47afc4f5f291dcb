// estimate_run_memory against the heap a run really holds: counted here, where malloc and free
// are interposed (test_step_allocations.cpp), for scenarios whose memory is dominated by each of
// its terms in turn.

#include "migdip/simulation/run_memory.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "allocation/heap_counter.h"
#include "migdip/recording/series_recorder.h"
#include "migdip/simulation/simulation.h"
#include "migdip/sweep/run_outputs.h"
#include "support/scenario_builder.h"

namespace migdip {
namespace {

std::string numbered(const char* prefix, int number) {
  std::string name = prefix;
  name += std::to_string(number);
  return name;
}

// `states` states, all origins and destinations (so nationalities = states), in a chain of
// corridors.
Scenario chain_of(int states, int ticks, TickLength length) {
  Scenario scenario = testing::chain_scenario();
  scenario.states.clear();
  scenario.corridors.clear();
  for (int s = 0; s < states; ++s) {
    StateSpec state =
        testing::make_state(numbered("S", s), testing::kOrigin | testing::kDestination, 1e6, 1000);
    state.emigration_rate = 0.001;
    state.lever(Lever::push_intensity) = 1;
    scenario.states.push_back(state);
  }
  for (int c = 0; c + 1 < states; ++c) {
    scenario.corridors.push_back(testing::make_corridor(numbered("C", c), c, c + 1, 100, 0.001));
  }
  scenario.settings.ticks = ticks;
  scenario.settings.tick_length = length;
  scenario.index_nationalities();
  return scenario;
}

// The most heap a run holds at once: simulation, recorder and record.
std::uint64_t peak_heap_of_run(const Scenario& scenario) {
  testing::HeapPeak peak;
  {
    Simulation simulation(testing::share(scenario));
    SeriesRecorder recorder;
    Observer* observers[] = {&recorder};
    simulation.run(observers);
    const RunRecord record = recorder.take_record();
  }
  return peak.bytes();
}

TEST(RunMemory, CoversTheHeapARunHoldsWithinAFactorOfTwo) {
  if (!testing::heap_is_counted()) {
    GTEST_SKIP() << "heap counting is off under AddressSanitizer";
  }
  Scenario by_location = chain_of(40, 100, TickLength::week);
  by_location.outputs.stocks_by_location = true;
  struct Case {
    const char* what;
    Scenario scenario;
  };
  for (const Case& test : {Case{"many states", chain_of(150, 4, TickLength::month)},
                           Case{"many ticks", chain_of(3, 10000, TickLength::day)},
                           Case{"long crossings", chain_of(50, 300, TickLength::day)},
                           Case{"stocks by location", by_location}}) {
    const std::uint64_t peak = peak_heap_of_run(test.scenario);
    const std::uint64_t estimate = estimate_run_memory(test.scenario).total();
    constexpr std::uint64_t kMiB = 1024 * 1024;
    std::printf("%s: %.1f MiB used, %.1f MiB estimated\n", test.what,
                static_cast<double>(peak) / kMiB, static_cast<double>(estimate) / kMiB);
    EXPECT_GE(estimate, peak) << test.what << ": " << peak / kMiB << " MiB used";
    // The estimate's fixed part (16 MiB) dominates small runs: compare what lies above it.
    EXPECT_LE(estimate, 2 * peak + 16 * kMiB) << test.what << ": " << peak / kMiB << " MiB used";
  }
}

// The most heap a sweep's run holds at once, keeping the metrics and `series`.
std::uint64_t peak_heap_of_sweep_run(const Scenario& scenario,
                                     const std::vector<SeriesSelection>& series) {
  testing::HeapPeak peak;
  {
    RunSimulator simulator(series);
    const RunOutputs outputs = simulator.run(CheckedScenario(testing::share(scenario)));
  }
  return peak.bytes();
}

// A sweep keeps no whole-run record: ten times the ticks add only the time axes (a few values
// per tick) and the kept series, not the tens of values per state and tick of the record.
TEST(RunMemory, ASweepRunHoldsWhatThePlanKeepsNotTheRecord) {
  if (!testing::heap_is_counted()) {
    GTEST_SKIP() << "heap counting is off under AddressSanitizer";
  }
  constexpr int kStates = 20;
  constexpr int kLongTicks = 2000;
  const Scenario short_run = chain_of(kStates, kLongTicks / 10, TickLength::day);
  const Scenario long_run = chain_of(kStates, kLongTicks, TickLength::day);
  const std::uint64_t record_growth =
      estimate_run_memory(long_run).record - estimate_run_memory(short_run).record;
  const std::uint64_t axes_growth =
      estimate_run_memory(long_run).time_axes - estimate_run_memory(short_run).time_axes;
  const std::uint64_t metrics_short = peak_heap_of_sweep_run(short_run, {});
  const std::uint64_t metrics_long = peak_heap_of_sweep_run(long_run, {});
  std::printf("metrics only: %llu bytes at 200 ticks, %llu at 2000; the record grows by %llu\n",
              static_cast<unsigned long long>(metrics_short),
              static_cast<unsigned long long>(metrics_long),
              static_cast<unsigned long long>(record_growth));
  EXPECT_LE(metrics_long, metrics_short + axes_growth);
  EXPECT_LT(metrics_long - metrics_short, record_growth / 20);
  EXPECT_LE(metrics_long, estimate_sweep_run_memory(long_run, 0));

  // Kept (time, state) series take 8 bytes per state and tick each, and add no more than that
  // (twice, for the vectors' growth) to the run. The peak holds them at least: the recorder of a
  // sweep computes only what the metrics and the plan read, so its own peak may come earlier and
  // be smaller than the series.
  const std::vector<SeriesSelection> kept = {{"states", "arrivals"},    {"states", "departures"},
                                             {"states", "hosted"},      {"states", "deaths"},
                                             {"states", "settlements"}, {"states", "returns"}};
  const std::uint64_t kept_long = peak_heap_of_sweep_run(long_run, kept);
  const std::uint64_t series_bytes = kept.size() * kLongTicks * kStates * sizeof(double);
  EXPECT_GE(kept_long, series_bytes);
  EXPECT_LE(kept_long, metrics_long + 2 * series_bytes);
  EXPECT_LE(kept_long, estimate_sweep_run_memory(long_run, kept.size()));
}

TEST(RunMemory, GrowsWithNationalitiesTimesStatesAndLinearlyWithTicks) {
  const RunMemory thousand = estimate_run_memory(chain_of(1000, 12, TickLength::month));
  const RunMemory three_thousand = estimate_run_memory(chain_of(3000, 12, TickLength::month));
  const double ratio =
      static_cast<double>(three_thousand.simulation) / static_cast<double>(thousand.simulation);
  EXPECT_GT(ratio, 8.5);
  EXPECT_LT(ratio, 9.1);
  const RunMemory longer = estimate_run_memory(chain_of(1000, 120, TickLength::month));
  EXPECT_NEAR(static_cast<double>(longer.record), 10.0 * static_cast<double>(thousand.record),
              static_cast<double>(thousand.record) * 0.01);
  EXPECT_EQ(longer.simulation, thousand.simulation);
}

TEST(RunMemory, TenThousandStatesNeedTensOfGiB) {
  // The scenario of issue 11, defect 5: it validated, then `run` ended in std::bad_alloc.
  const RunMemory memory = estimate_run_memory(chain_of(10000, 12, TickLength::month));
  EXPECT_GT(memory.total(), std::uint64_t{64} << 30);
  EXPECT_LT(memory.total(), std::uint64_t{256} << 30);
}

}  // namespace
}  // namespace migdip
