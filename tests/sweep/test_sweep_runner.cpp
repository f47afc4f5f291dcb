// run_sweep_on_threads: every run delivered once on the calling thread, results independent of
// the number of threads, failures rethrown, early stops on the heartbeat, and the series kept.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "migdip/core/error.h"
#include "migdip/recording/summary_metrics.h"
#include "migdip/sweep/design.h"
#include "migdip/sweep/run_outputs.h"
#include "migdip/sweep/sweep_runner.h"
#include "support/same_bits.h"
#include "support/scenario_builder.h"

namespace migdip {
namespace {

using RunKey = std::pair<std::uint64_t, std::uint64_t>;  // point, replicate

/// The chain scenario, stochastic, with a seed per run and an emigration rate per point: every
/// run gives other numbers.
CheckedScenario scenario_of(const SweepRun& run) {
  Scenario scenario = testing::chain_scenario();
  scenario.settings.ticks = 12;
  scenario.settings.mode = SimulationMode::stochastic;
  scenario.settings.seed = run_seed(2024, run.point, run.replicate);
  scenario.states[0].emigration_rate = 0.001 * static_cast<double>(run.point + 1);
  return CheckedScenario(testing::share(std::move(scenario)));
}

std::vector<SweepRun> runs_of(std::uint64_t points, std::uint64_t replicates) {
  std::vector<SweepRun> runs;
  for (std::uint64_t point = 0; point < points; ++point) {
    for (std::uint64_t replicate = 0; replicate < replicates; ++replicate) {
      runs.push_back({point, replicate});
    }
  }
  return runs;
}

const std::vector<SeriesSelection> kSeries = {{"states", "arrivals"}, {"corridors", "deaths"}};

using testing::same_bits;

bool same_outputs(const RunOutputs& a, const RunOutputs& b) {
  if (!same_bits(a.metrics, b.metrics) || a.series.size() != b.series.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.series.size(); ++i) {
    if (!same_bits(a.series[i], b.series[i])) {
      return false;
    }
  }
  return true;
}

struct SweepResult {
  std::map<RunKey, RunOutputs> outputs;
  std::size_t returned = 0;
  std::size_t deliveries = 0;
  std::size_t off_thread_deliveries = 0;
  std::size_t duplicates = 0;
};

SweepResult sweep(const std::vector<SweepRun>& runs, unsigned threads,
                  const std::vector<SeriesSelection>& series = kSeries) {
  SweepResult result;
  const std::thread::id caller = std::this_thread::get_id();
  SweepRunnerHooks hooks;
  hooks.build_scenario = scenario_of;
  hooks.deliver = [&](const SweepRun& run, RunOutputs&& outputs) {
    ++result.deliveries;
    if (std::this_thread::get_id() != caller) {
      ++result.off_thread_deliveries;
    }
    if (!result.outputs.emplace(RunKey{run.point, run.replicate}, std::move(outputs)).second) {
      ++result.duplicates;
    }
  };
  hooks.heartbeat = [] { return false; };
  hooks.heartbeat_seconds = 0.01;
  result.returned = run_sweep_on_threads(runs, threads, series, hooks);
  return result;
}

/// Runs `action` on a thread of its own and aborts the test program if it has not returned
/// within `limit`: a hung sweep fails loudly instead of stalling the suite.
template <typename Action>
void finishes_within(std::chrono::seconds limit, Action action) {
  std::packaged_task<void()> task(std::move(action));
  std::future<void> done = task.get_future();
  std::thread thread(std::move(task));
  if (done.wait_for(limit) != std::future_status::ready) {
    std::fprintf(stderr, "run_sweep_on_threads did not return within %lld s: it hangs\n",
                 static_cast<long long>(limit.count()));
    std::abort();
  }
  thread.join();
  done.get();
}

TEST(SweepRunner, DeliversEveryRunOnceOnTheCallingThread) {
  const std::vector<SweepRun> runs = runs_of(5, 3);
  for (const unsigned threads : {1u, 2u, 4u}) {
    SCOPED_TRACE(std::to_string(threads) + " threads");
    const SweepResult result = sweep(runs, threads);
    EXPECT_EQ(result.returned, runs.size());
    EXPECT_EQ(result.deliveries, runs.size());
    EXPECT_EQ(result.duplicates, 0u);
    EXPECT_EQ(result.off_thread_deliveries, 0u);
    for (const SweepRun& run : runs) {
      const auto found = result.outputs.find({run.point, run.replicate});
      ASSERT_NE(found, result.outputs.end()) << run.point << ", " << run.replicate;
      EXPECT_EQ(found->second.metrics.size(), summary_metric_specs().size());
      EXPECT_EQ(found->second.series.size(), kSeries.size());
    }
  }
}

TEST(SweepRunner, OutputsAreIdenticalWithOneTwoAndFourThreads) {
  const std::vector<SweepRun> runs = runs_of(4, 3);
  const SweepResult one = sweep(runs, 1);
  ASSERT_EQ(one.outputs.size(), runs.size());
  // The runs differ, so equal outputs below mean each run got its own result.
  EXPECT_FALSE(same_outputs(one.outputs.at({0, 0}), one.outputs.at({0, 1})));
  EXPECT_FALSE(same_outputs(one.outputs.at({0, 0}), one.outputs.at({1, 0})));
  for (const unsigned threads : {2u, 4u}) {
    const SweepResult many = sweep(runs, threads);
    ASSERT_EQ(many.outputs.size(), runs.size());
    for (const auto& [key, outputs] : one.outputs) {
      EXPECT_TRUE(same_outputs(outputs, many.outputs.at(key)))
          << threads << " threads, point " << key.first << ", replicate " << key.second;
    }
  }
}

TEST(SweepRunner, EachRunGetsWhatSimulatingItAloneGives) {
  const std::vector<SweepRun> runs = runs_of(3, 2);
  const SweepResult result = sweep(runs, 2);
  for (const SweepRun& run : runs) {
    const RunOutputs alone = simulate_run(scenario_of(run), kSeries);
    EXPECT_TRUE(same_outputs(alone, result.outputs.at({run.point, run.replicate})))
        << run.point << ", " << run.replicate;
  }
}

TEST(SweepRunner, MoreThreadsThanRunsIsFine) {
  const std::vector<SweepRun> runs = runs_of(2, 1);
  const SweepResult result = sweep(runs, 8);
  EXPECT_EQ(result.returned, 2u);
  EXPECT_EQ(result.outputs.size(), 2u);
  EXPECT_EQ(result.duplicates, 0u);
}

TEST(SweepRunner, ZeroThreadsStillRunsOnOne) {
  const std::vector<SweepRun> runs = runs_of(3, 1);
  const SweepResult result = sweep(runs, 0);
  EXPECT_EQ(result.returned, 3u);
  EXPECT_EQ(result.outputs.size(), 3u);
}

TEST(SweepRunner, NoRunsDeliverNothing) {
  SweepRunnerHooks hooks;
  std::size_t builds = 0;
  std::size_t deliveries = 0;
  hooks.build_scenario = [&](const SweepRun& run) {
    ++builds;
    return scenario_of(run);
  };
  hooks.deliver = [&](const SweepRun&, RunOutputs&&) { ++deliveries; };
  EXPECT_EQ(run_sweep_on_threads({}, 4, kSeries, hooks), 0u);
  EXPECT_EQ(builds, 0u);
  EXPECT_EQ(deliveries, 0u);
}

TEST(SweepRunner, AnExceptionFromBuildScenarioIsRethrown) {
  const std::vector<SweepRun> runs = runs_of(12, 2);
  for (const unsigned threads : {1u, 2u, 4u}) {
    SCOPED_TRACE(std::to_string(threads) + " threads");
    std::atomic<std::size_t> builds{0};
    std::size_t deliveries = 0;
    SweepRunnerHooks hooks;
    hooks.build_scenario = [&](const SweepRun& run) {
      ++builds;
      if (run.point == 3 && run.replicate == 1) {
        throw std::runtime_error("no scenario for point 3, replicate 1");
      }
      return scenario_of(run);
    };
    hooks.deliver = [&](const SweepRun&, RunOutputs&&) { ++deliveries; };
    hooks.heartbeat_seconds = 0.01;
    std::string message;
    finishes_within(std::chrono::seconds(120), [&] {
      try {
        run_sweep_on_threads(runs, threads, kSeries, hooks);
      } catch (const std::runtime_error& error) {
        message = error.what();
      }
    });
    EXPECT_EQ(message, "no scenario for point 3, replicate 1");
    EXPECT_LT(deliveries, runs.size());
    // With one thread the runs go in order, and nothing after the failing one is started.
    if (threads == 1) {
      EXPECT_EQ(builds.load(), 3u * 2u + 2u);
    }
  }
}

TEST(SweepRunner, AnInputErrorKeepsItsType) {
  const std::vector<SweepRun> runs = runs_of(4, 1);
  SweepRunnerHooks hooks;
  hooks.build_scenario = [](const SweepRun& run) -> CheckedScenario {
    if (run.point == 2) {
      throw InputError({"plan.ini", 7, "parameter a.b", "levels"}, "bad value");
    }
    return scenario_of(run);
  };
  hooks.deliver = [](const SweepRun&, RunOutputs&&) {};
  finishes_within(std::chrono::seconds(120),
                  [&] { EXPECT_THROW(run_sweep_on_threads(runs, 2, kSeries, hooks), InputError); });
}

TEST(SweepRunner, AnExceptionFromDeliverIsRethrown) {
  const std::vector<SweepRun> runs = runs_of(20, 2);
  SweepRunnerHooks hooks;
  hooks.build_scenario = scenario_of;
  std::size_t deliveries = 0;
  hooks.deliver = [&](const SweepRun&, RunOutputs&&) {
    if (++deliveries == 2) {
      throw std::runtime_error("disk full");
    }
  };
  std::string message;
  finishes_within(std::chrono::seconds(120), [&] {
    try {
      run_sweep_on_threads(runs, 2, kSeries, hooks);
    } catch (const std::runtime_error& error) {
      message = error.what();
    }
  });
  EXPECT_EQ(message, "disk full");
  EXPECT_EQ(deliveries, 2u);
}

TEST(SweepRunner, AHeartbeatReturningTrueStopsEarly) {
  const std::vector<SweepRun> runs = runs_of(100, 2);
  for (const unsigned threads : {1u, 2u}) {
    SCOPED_TRACE(std::to_string(threads) + " threads");
    std::size_t deliveries = 0;
    std::size_t heartbeats = 0;
    std::size_t off_thread_heartbeats = 0;
    const std::thread::id caller = std::this_thread::get_id();
    SweepRunnerHooks hooks;
    hooks.build_scenario = scenario_of;
    hooks.deliver = [&](const SweepRun&, RunOutputs&&) { ++deliveries; };
    hooks.heartbeat = [&] {
      ++heartbeats;
      if (std::this_thread::get_id() != caller) {
        ++off_thread_heartbeats;
      }
      return true;
    };
    hooks.heartbeat_seconds = 0.01;
    std::size_t returned = 0;
    returned = run_sweep_on_threads(runs, threads, kSeries, hooks);
    EXPECT_EQ(returned, deliveries);
    EXPECT_LT(returned, runs.size());
    EXPECT_GE(heartbeats, 1u);
    EXPECT_EQ(off_thread_heartbeats, 0u);
  }
}

TEST(SweepRunner, AHeartbeatIsCalledWhileARunIsSlow) {
  // One slow run: the heartbeat still beats while it is in progress.
  const std::vector<SweepRun> runs = runs_of(1, 1);
  SweepRunnerHooks hooks;
  hooks.build_scenario = [](const SweepRun& run) {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    return scenario_of(run);
  };
  std::size_t deliveries = 0;
  hooks.deliver = [&](const SweepRun&, RunOutputs&&) { ++deliveries; };
  std::size_t heartbeats = 0;
  hooks.heartbeat = [&] {
    ++heartbeats;
    return false;
  };
  hooks.heartbeat_seconds = 0.02;
  EXPECT_EQ(run_sweep_on_threads(runs, 1, kSeries, hooks), 1u);
  EXPECT_EQ(deliveries, 1u);
  EXPECT_GE(heartbeats, 3u);
}

TEST(SweepRunner, SeriesAreTheSelectedVariablesOfTheRecord) {
  const SweepRun run{2, 1};
  const std::vector<SeriesSelection> series = {
      {"states", "arrivals"}, {"corridors", "deaths"}, {"states", "hosted"}};
  const SweepResult result = sweep({run}, 1, series);
  ASSERT_EQ(result.outputs.size(), 1u);
  const RunOutputs& outputs = result.outputs.begin()->second;
  const RunRecord record = simulate_record(scenario_of(run));
  ASSERT_EQ(outputs.series.size(), series.size());
  for (std::size_t i = 0; i < series.size(); ++i) {
    const Variable* variable = find_series(record, series[i]);
    ASSERT_NE(variable, nullptr) << series[i].group << "." << series[i].variable;
    EXPECT_FALSE(variable->data.empty());
    EXPECT_TRUE(same_bits(outputs.series[i], variable->data))
        << series[i].group << "." << series[i].variable;
  }
  // Not just any series: arrivals and deaths differ.
  EXPECT_FALSE(same_bits(outputs.series[0], outputs.series[2]));
  EXPECT_TRUE(same_bits(outputs.metrics, compute_summary_metrics(record)));
}

TEST(SweepRunner, NoSeriesKeepsMetricsOnly) {
  const SweepResult result = sweep(runs_of(2, 1), 2, {});
  ASSERT_EQ(result.outputs.size(), 2u);
  for (const auto& [key, outputs] : result.outputs) {
    EXPECT_TRUE(outputs.series.empty());
    EXPECT_EQ(outputs.metrics.size(), summary_metric_specs().size());
  }
}

TEST(SweepRunner, AnUnknownSeriesIsAnInternalErrorRethrown) {
  const std::vector<SeriesSelection> series = {{"states", "no_such_variable"}};
  EXPECT_EQ(find_series(simulate_record(scenario_of({0, 0})), series.front()), nullptr);
  SweepRunnerHooks hooks;
  hooks.build_scenario = scenario_of;
  hooks.deliver = [](const SweepRun&, RunOutputs&&) {};
  finishes_within(std::chrono::seconds(120), [&] {
    EXPECT_THROW(run_sweep_on_threads(runs_of(3, 1), 2, series, hooks), InternalError);
  });
}

}  // namespace
}  // namespace migdip
