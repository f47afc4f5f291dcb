// What one run of a sweep costs, and its parts: the flagship scenario with the four keys of
// benchmarks/sweep-throughput.ini and a seed set per run, as `migdip sweep` builds and runs it
// (ScenarioTemplate::build, RunSimulator::run: summary metrics only). Beside it, the way of
// commit dd78187: the scenario rebuilt from the text and the whole record kept, then reduced.
// Run: build/benchmarks/bench_sweep (figures in benchmarks/README.md).

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "migdip/io/scenario_file.h"
#include "migdip/recording/summary_metrics.h"
#include "migdip/simulation/simulation.h"
#include "migdip/sweep/design.h"
#include "migdip/sweep/run_outputs.h"

namespace {

const std::string kFlagship =
    std::string(MIGDIP_SOURCE_DIR) + "/scenarios/eastern-mediterranean-2015-2017.ini";

// The overrides of run `i`: values spread over the plan's ranges, and the run's seed.
std::vector<std::string> run_overrides(std::uint64_t i) {
  const double u = static_cast<double>(i % 97) / 96.0;
  return {"state.TUR.exit_enforcement=" + migdip::exact_text(0.05 + 0.55 * u),
          "state.GRC.entry_enforcement=" + migdip::exact_text(0.6 * (1 - u)),
          "corridor.TUR-GRC.mortality=" + migdip::exact_text(0.0002 + 0.0028 * u),
          "state.SYR.push_intensity=" + migdip::exact_text(0.5 + u),
          "scenario.seed=" + std::to_string(migdip::run_seed(3, i, 0))};
}

void BM_SweepRun(benchmark::State& state) {
  const migdip::ScenarioTemplate scenario = migdip::ScenarioTemplate::from_file(kFlagship);
  migdip::RunSimulator simulator({});
  std::uint64_t i = 0;
  for (auto _ : state) {
    migdip::RunOutputs outputs = simulator.run(scenario.build(run_overrides(i++)));
    benchmark::DoNotOptimize(outputs);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SweepRun)->Unit(benchmark::kMicrosecond);

void BM_SweepRunAsBefore(benchmark::State& state) {
  const migdip::ScenarioTemplate scenario = migdip::ScenarioTemplate::from_file(kFlagship);
  std::uint64_t i = 0;
  for (auto _ : state) {
    const migdip::RunRecord record = migdip::simulate_record(scenario.rebuild(run_overrides(i++)));
    std::vector<double> metrics = migdip::compute_summary_metrics(record);
    benchmark::DoNotOptimize(metrics);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SweepRunAsBefore)->Unit(benchmark::kMicrosecond);

void BM_SweepScenarioPatched(benchmark::State& state) {
  const migdip::ScenarioTemplate scenario = migdip::ScenarioTemplate::from_file(kFlagship);
  std::uint64_t i = 0;
  for (auto _ : state) {
    migdip::CheckedScenario built = scenario.build(run_overrides(i++));
    benchmark::DoNotOptimize(built);
  }
}
BENCHMARK(BM_SweepScenarioPatched)->Unit(benchmark::kMicrosecond);

void BM_SweepScenarioRebuilt(benchmark::State& state) {
  const migdip::ScenarioTemplate scenario = migdip::ScenarioTemplate::from_file(kFlagship);
  std::uint64_t i = 0;
  for (auto _ : state) {
    migdip::CheckedScenario built = scenario.rebuild(run_overrides(i++));
    benchmark::DoNotOptimize(built);
  }
}
BENCHMARK(BM_SweepScenarioRebuilt)->Unit(benchmark::kMicrosecond);

void BM_SweepSimulateSummary(benchmark::State& state) {
  const migdip::ScenarioTemplate scenario = migdip::ScenarioTemplate::from_file(kFlagship);
  const migdip::CheckedScenario built = scenario.build(run_overrides(0));
  migdip::RunSimulator simulator({});
  for (auto _ : state) {
    migdip::RunOutputs outputs = simulator.run(built);
    benchmark::DoNotOptimize(outputs);
  }
}
BENCHMARK(BM_SweepSimulateSummary)->Unit(benchmark::kMicrosecond);

void BM_SweepSimulateRecord(benchmark::State& state) {
  const migdip::ScenarioTemplate scenario = migdip::ScenarioTemplate::from_file(kFlagship);
  const migdip::CheckedScenario built = scenario.build(run_overrides(0));
  for (auto _ : state) {
    const migdip::RunRecord record = migdip::simulate_record(built);
    std::vector<double> metrics = migdip::compute_summary_metrics(record);
    benchmark::DoNotOptimize(metrics);
  }
}
BENCHMARK(BM_SweepSimulateRecord)->Unit(benchmark::kMicrosecond);

// The simulation with no recorder at all: what a run would cost if recording its metrics were
// free (the bound for a recorder that computes only the series a sweep keeps).
void BM_SweepSimulateUnrecorded(benchmark::State& state) {
  const migdip::ScenarioTemplate scenario = migdip::ScenarioTemplate::from_file(kFlagship);
  const migdip::CheckedScenario built = scenario.build(run_overrides(0));
  for (auto _ : state) {
    migdip::Simulation simulation(built);
    simulation.run();
    benchmark::DoNotOptimize(simulation.world().tick);
  }
}
BENCHMARK(BM_SweepSimulateUnrecorded)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
