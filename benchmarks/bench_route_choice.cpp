// What the route-value solver (solve_route_values, docs/model.md 7.6.4) costs per tick, and how
// many Gauss-Seidel sweeps it makes, on scenario files given on the command line (default: the
// flagship and, when it exists, benchmarks/world-200x5000.ini). Large worlds are written by
// benchmarks/generate_world. Run:
//
//   build/benchmarks/bench_route_choice [google benchmark flags] [WORLD.ini ...]
//
// Each world is simulated for --warmup ticks (MIGDIP_BENCH_WARMUP, default 10). The solver is then
// timed on that tick's corridors and population, warm-started from the values of the tick before
// the last, as the tick after it would be: every timed solve starts from the same values, so it
// does the work of one real tick (the solver is private to the engine, so this benchmark includes
// engine headers). Each world is timed on 1 and 2 threads (wall time: the solver's threads share
// out the nationalities). Counters: sweeps per nationality and tick (state values computed, divided
// by states and nationalities: one full Gauss-Seidel sweep is one per state); the world's size.

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "migdip/io/scenario_file.h"
#include "migdip/simulation/simulation.h"
#include "migdip/world/world.h"
#include "phases/migration/migration_phase.h"
#include "phases/migration/migration_steps.h"
#include "phases/network.h"
#include "phases/tick_context.h"
#include "phases/worker_pool.h"

namespace {

int warmup_ticks() {
  const char* text = std::getenv("MIGDIP_BENCH_WARMUP");
  return text != nullptr ? std::atoi(text) : 10;
}

/// A world after some ticks, with the route values of the tick before.
struct Prepared {
  migdip::LoadedScenario loaded;
  std::unique_ptr<migdip::World> world;
  Eigen::ArrayXXd start_values;
  int tick = 0;
  double tick_days = 0;
  int month_of_year = 0;
};

Prepared prepare(const std::string& path) {
  Prepared prepared{migdip::load_scenario_file(path), nullptr, {}, 0, 0, 0};
  migdip::Simulation simulation(prepared.loaded.scenario);
  const int ticks = std::min(warmup_ticks(), simulation.calendar().ticks() - 1);
  Eigen::ArrayXXd before = simulation.world().route_value;
  for (int t = 0; t < ticks; ++t) {
    before = simulation.world().route_value;
    simulation.step();
  }
  prepared.world = std::make_unique<migdip::World>(simulation.world());
  prepared.start_values = before;
  prepared.tick = simulation.world().tick;
  prepared.tick_days = simulation.calendar().tick_days(prepared.tick);
  const std::chrono::year_month_day start{simulation.calendar().tick_start(prepared.tick)};
  prepared.month_of_year = static_cast<int>(static_cast<unsigned>(start.month())) - 1;
  return prepared;
}

void solve(benchmark::State& state, const std::string& path, int threads) {
  const Prepared prepared = prepare(path);
  const migdip::Scenario& scenario = *prepared.loaded.scenario;
  migdip::World world = *prepared.world;
  const migdip::Network network(scenario);
  const migdip::TickContext tick(scenario.settings, prepared.tick, prepared.tick_days,
                                 prepared.month_of_year);
  const migdip::MigrationInputs in{scenario, network, tick, world.policy,
                                   world.beliefs.active ? &world.beliefs : nullptr};
  migdip::MigrationScratch scratch(scenario.nationality_count(), scenario.state_count(),
                                   scenario.corridor_count(), network.max_outgoing() + 2);
  migdip::WorkerPool pool(threads);
  std::int64_t valuations = 0;
  for (auto _ : state) {
    state.PauseTiming();
    world.route_value = prepared.start_values;
    state.ResumeTiming();
    valuations += migdip::solve_route_values(in, world.corridors, world.population, scratch,
                                             world.route_value, &pool);
    benchmark::DoNotOptimize(world.route_value.data());
  }
  state.counters["sweeps"] = benchmark::Counter(
      static_cast<double>(valuations) / (scenario.nationality_count() * scenario.state_count()),
      benchmark::Counter::kAvgIterations);
  state.counters["states"] = scenario.state_count();
  state.counters["corridors"] = scenario.corridor_count();
  state.counters["nationalities"] = scenario.nationality_count();
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  std::vector<std::string> worlds(argv + 1, argv + argc);
  if (worlds.empty()) {
    worlds.push_back(MIGDIP_SOURCE_DIR "/scenarios/eastern-mediterranean-2015-2017.ini");
    const std::string shipped = MIGDIP_SOURCE_DIR "/benchmarks/world-200x5000.ini";
    if (std::filesystem::exists(shipped)) {
      worlds.push_back(shipped);
    }
  }
  for (const std::string& path : worlds) {
    for (const int threads : {1, 2}) {
      benchmark::RegisterBenchmark(
          ("BM_SolveRouteValues/" + std::filesystem::path(path).stem().string() +
           "/threads:" + std::to_string(threads))
              .c_str(),
          [path, threads](benchmark::State& state) { solve(state, path, threads); })
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime();
    }
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
