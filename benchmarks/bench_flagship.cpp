// How long the flagship scenario takes: the simulation alone (with the in-memory recorder), and
// with the HDF5 results file written. Run: build/benchmarks/bench_flagship
// (see benchmarks/README.md for the figures and the machine they were measured on).

#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>

#include "migdip/io/results_file.h"
#include "migdip/io/scenario_file.h"
#include "migdip/recording/series_recorder.h"
#include "migdip/simulation/simulation.h"

namespace {

const std::string kFlagship =
    std::string(MIGDIP_SOURCE_DIR) + "/scenarios/eastern-mediterranean-2015-2017.ini";

migdip::RunRecord simulate(const migdip::LoadedScenario& loaded) {
  migdip::Simulation simulation(loaded.scenario);
  migdip::SeriesRecorder recorder;
  migdip::Observer* observers[] = {&recorder};
  simulation.run(observers);
  return recorder.take_record();
}

void BM_FlagshipSimulation(benchmark::State& state) {
  const migdip::LoadedScenario loaded = migdip::load_scenario_file(kFlagship);
  for (auto _ : state) {
    migdip::RunRecord record = simulate(loaded);
    benchmark::DoNotOptimize(record);
  }
  state.counters["ticks"] = loaded.scenario->settings.ticks;
}
BENCHMARK(BM_FlagshipSimulation)->Unit(benchmark::kMillisecond);

void BM_FlagshipSimulationStochastic(benchmark::State& state) {
  const std::string overrides[] = {"scenario.mode=stochastic"};
  const migdip::LoadedScenario loaded = migdip::load_scenario_file(kFlagship, overrides);
  for (auto _ : state) {
    migdip::RunRecord record = simulate(loaded);
    benchmark::DoNotOptimize(record);
  }
}
BENCHMARK(BM_FlagshipSimulationStochastic)->Unit(benchmark::kMillisecond);

void BM_FlagshipWithResultsFile(benchmark::State& state) {
  const auto path = std::filesystem::temp_directory_path() / "migdip-bench-flagship.h5";
  for (auto _ : state) {
    const migdip::LoadedScenario loaded = migdip::load_scenario_file(kFlagship);
    migdip::RunRecord record = simulate(loaded);
    record.scenario_text = loaded.source_text;
    record.resolved_scenario_text = loaded.resolved_text;
    migdip::write_results_file(record, path.string(), /*overwrite=*/true);
  }
  std::filesystem::remove(path);
}
BENCHMARK(BM_FlagshipWithResultsFile)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
