// SummarySink and SelectedSeriesSink, the sinks of a sweep's runs: on every shipped scenario, in
// expected and stochastic mode, the metrics are bit for bit those compute_summary_metrics gives
// for the whole record, and the kept series are the record's variables; a run simulator reused
// for several runs gives each what a fresh one gives.

#include "migdip/recording/summary_sink.h"
#include "support/same_bits.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "migdip/core/error.h"
#include "migdip/io/scenario_file.h"
#include "migdip/recording/selected_series_sink.h"
#include "migdip/recording/series_recorder.h"
#include "migdip/recording/summary_metrics.h"
#include "migdip/simulation/simulation.h"
#include "migdip/sweep/run_outputs.h"
#include "support/shipped_scenarios.h"

namespace migdip {
namespace {

using testing::same_bits;

using testing::shipped_scenarios;

const std::vector<SeriesSelection> kKept = {
    {"states", "arrivals"}, {"corridors", "deaths"}, {"states", "hosted"}};

TEST(SummarySink, GivesComputeSummaryMetricsBitForBitOnEveryShippedScenario) {
  const std::vector<std::string> paths = shipped_scenarios();
  ASSERT_GE(paths.size(), 8u);
  std::size_t nonzero_runs = 0;
  for (const std::string& path : paths) {
    for (const std::vector<std::string>& overrides :
         {std::vector<std::string>{}, std::vector<std::string>{"scenario.mode=stochastic"}}) {
      SCOPED_TRACE(path + (overrides.empty() ? "" : " " + overrides.front()));
      const CheckedScenario scenario = load_scenario_file(path, overrides).scenario;
      const RunRecord record = simulate_record(scenario);
      const std::vector<double> expected = compute_summary_metrics(record);
      const RunOutputs outputs = simulate_run(scenario, kKept);
      EXPECT_TRUE(same_bits(outputs.metrics, expected));
      ASSERT_EQ(outputs.series.size(), kKept.size());
      for (std::size_t i = 0; i < kKept.size(); ++i) {
        EXPECT_TRUE(same_bits(outputs.series[i], find_series(record, kKept[i])->data))
            << kKept[i].group << "." << kKept[i].variable;
      }
      nonzero_runs += expected[0] > 0 ? 1 : 0;
    }
  }
  EXPECT_GT(nonzero_runs, paths.size());  // the runs move people: the sums are not all zero
}

TEST(SummarySink, StreamsTheSameAsTheRecordWhenItIsTheOnlySink) {
  const CheckedScenario scenario =
      load_scenario_file(MIGDIP_SOURCE_DIR "/scenarios/eastern-mediterranean-2015-2017.ini")
          .scenario;
  Simulation simulation(scenario);
  SummarySink sink;
  SeriesRecorder recorder(sink);
  Observer* observers[] = {&recorder};
  simulation.run(observers);
  EXPECT_TRUE(same_bits(sink.metrics(), compute_summary_metrics(simulate_record(scenario))));
}

TEST(SummarySink, ARunSimulatorReusedForSeveralRunsGivesEachWhatAFreshOneGives) {
  const std::string path = MIGDIP_SOURCE_DIR "/scenarios/eastern-mediterranean-2015-2017.ini";
  RunSimulator reused(kKept);
  for (const char* seed : {"scenario.seed=1", "scenario.seed=2"}) {
    for (const char* mode : {"scenario.mode=stochastic", "scenario.mode=expected"}) {
      const std::vector<std::string> overrides = {seed, mode};
      const CheckedScenario scenario = load_scenario_file(path, overrides).scenario;
      const RunOutputs again = reused.run(scenario);
      const RunOutputs fresh = simulate_run(scenario, kKept);
      EXPECT_TRUE(same_bits(again.metrics, fresh.metrics)) << seed << " " << mode;
      ASSERT_EQ(again.series.size(), fresh.series.size());
      for (std::size_t i = 0; i < fresh.series.size(); ++i) {
        EXPECT_TRUE(same_bits(again.series[i], fresh.series[i])) << seed << " " << mode;
      }
    }
  }
}

TEST(SummarySink, TicksOutOfOrderOrMissingAreInternalErrors) {
  const CheckedScenario scenario =
      load_scenario_file(MIGDIP_SOURCE_DIR "/scenarios/minimal.ini").scenario;
  const RecordLayout layout = record_layout(scenario);
  ASSERT_GE(layout.ticks(), 2u);
  const std::vector<double> values(layout.values_per_tick(), 1.0);
  SummarySink skipped;
  skipped.begin(layout);
  EXPECT_THROW(skipped.write_tick(1, values), InternalError);
  SummarySink short_run;
  short_run.begin(layout);
  short_run.write_tick(0, values);
  EXPECT_THROW(short_run.end_series({}), InternalError);
}

TEST(SummarySink, ALayoutWithoutTheMetricsSeriesIsAnInternalError) {
  SummarySink sink;
  EXPECT_THROW(sink.begin(RecordLayout{}), InternalError);
  SelectedSeriesSink selected(kKept);
  EXPECT_THROW(selected.begin(RecordLayout{}), InternalError);
}

}  // namespace
}  // namespace migdip
