// What each phase of the tick costs, and how that grows with the world: states, corridors and
// nationalities. Worlds are written at set-up by benchmarks/generate_world into a temporary
// directory (daily ticks, 5 tables, seed 1, the shipped world's other options), then each is
// simulated tick after tick on the live world, every phase timed on its own. Run:
//
//   build/benchmarks/bench_phases [google benchmark flags] [SxCxN | WORLD.ini ...]
//
// Without arguments: the grid of benchmarks/README.md ("Scaling"). SxCxN (e.g. 200x5000x10) is a
// generated world of S states, C corridors and N nationalities; a path is a scenario file.
//
// How a tick is timed. The phases are private to the engine, so this benchmark includes engine
// headers and drives the world through the same calls, in the same order, as Simulation::step
// (engine/simulation/simulation.cpp), timing each with the calling thread's CPU clock. It runs
// on the live world, not on copies: every phase then sees exactly the world the one before it
// left, as in a run, and no copy is made between phases. One benchmark iteration is one whole
// tick. Each world is warmed for kWarmupTicks ticks first (untimed); when its scenario's ticks are
// used up, a new run is started and warmed again (untimed). At set-up the benchmark checks that
// its tick is Simulation::step's: over the first kCheckedTicks ticks, every value the recorder
// records must equal a Simulation's bit for bit, or the program exits with status 1 (so a phase
// added to the tick and not here fails the ctest smoke run).
//
// The recorder and the results file count as phases of a run: the SeriesRecorder records what the
// scenario's [outputs] declares (as `migdip run` does) into a sink that times and passes each
// tick on to a ResultsStream writing an HDF5 file in the temporary directory. "recorder" is the
// recorder's on_tick without the time spent in the stream (so, the recorder into a no-op sink);
// "hdf5" is the stream's write_tick, whole chunks deflated and written included, averaged over the
// timed ticks. The file is never finished (a new run discards it).
//
// Counters (per tick, averaged over the timed ticks; times are CPU seconds of the calling thread):
// events, observation, politics, diplomacy, policy, migration, utility (phases 1-7 of the tick),
// tick (their sum: Simulation::step), recorder, hdf5; sim_allocs (heap allocations in phases 1-7:
// should be 0), recorder_allocs, hdf5_allocs; the world's states, corridors, nationalities and
// tables; clock (CPU seconds of one reading of the clock, of which each phase pays two). The
// benchmark's own time is the wall time of phases 1-7.

#include <benchmark/benchmark.h>
#include <unistd.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <exception>
#include <filesystem>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "heap_allocations.h"
#include "migdip/core/calendar.h"
#include "migdip/io/results_file.h"
#include "migdip/io/scenario_file.h"
#include "migdip/recording/interval_sink.h"
#include "migdip/recording/record_selection.h"
#include "migdip/recording/series_recorder.h"
#include "migdip/simulation/simulation.h"
#include "migdip/world/world.h"
#include "phases/budget_lines.h"
#include "phases/diplomacy/diplomacy_phase.h"
#include "phases/domestic_politics.h"
#include "phases/elections.h"
#include "phases/migration/migration_phase.h"
#include "phases/network.h"
#include "phases/observation.h"
#include "phases/policy_implementation.h"
#include "phases/root_causes_aid.h"
#include "phases/scheduled_events.h"
#include "phases/tick_context.h"

namespace {

/// Ticks simulated before any is timed: flows have started and deals have been struck.
constexpr int kWarmupTicks = 10;
/// Ticks of a generated world: the warm-up, then the ticks timed before a new run is started.
constexpr int kGeneratedTicks = kWarmupTicks + 60;

/// CPU time of the calling thread, in seconds. The solver's worker threads are not counted, so
/// the worlds are run with one solver thread (SimulationOptions' default), which is the caller.
double thread_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + 1e-9 * static_cast<double>(now.tv_nsec);
}

/// Time and heap allocations spent in one part of the tick, summed over ticks.
struct Meter {
  double seconds = 0;
  double allocations = 0;
};

/// Adds the CPU time and allocations of `work` to `meter`.
template <typename Work>
void measure(Meter& meter, Work&& work) {
  const std::uint64_t allocations_before = migdip::bench::heap_allocations_so_far();
  const double start = thread_cpu_seconds();
  work();
  meter.seconds += thread_cpu_seconds() - start;
  meter.allocations +=
      static_cast<double>(migdip::bench::heap_allocations_so_far() - allocations_before);
}

/// Passes each tick on to the results file, timing it: what the stream costs, apart from the
/// recorder that fills the tick.
class TimedSink final : public migdip::RecordSink {
 public:
  explicit TimedSink(migdip::RecordSink& next) : next_(next) {}
  void begin(const migdip::RecordLayout& layout) override { next_.begin(layout); }
  void write_tick(std::size_t tick, std::span<const double> values) override {
    if (capture != nullptr) {
      capture->insert(capture->end(), values.begin(), values.end());
    }
    measure(meter, [&] { next_.write_tick(tick, values); });
  }
  void end_series(migdip::RecordTables tables) override { next_.end_series(std::move(tables)); }
  void finish(migdip::RecordDescription description) override {
    next_.finish(std::move(description));
  }
  Meter meter;
  /// When set, every tick's values are appended to it (to check the tick; never while timing).
  std::vector<double>* capture = nullptr;

 private:
  migdip::RecordSink& next_;
};

/// Keeps every value recorded: what a Simulation's recorder saw, to compare with a PhasedRun's.
class CapturingSink final : public migdip::RecordSink {
 public:
  void begin(const migdip::RecordLayout& /*layout*/) override {}
  void write_tick(std::size_t /*tick*/, std::span<const double> values) override {
    values_.insert(values_.end(), values.begin(), values.end());
  }
  void end_series(migdip::RecordTables /*tables*/) override {}
  void finish(migdip::RecordDescription /*description*/) override {}
  const std::vector<double>& values() const { return values_; }

 private:
  std::vector<double> values_;
};

/// The phases of the tick, in Simulation::step's order.
enum class Phase { events, observation, politics, diplomacy, policy, migration, utility };
constexpr const char* kPhaseNames[] = {"events", "observation", "politics", "diplomacy",
                                       "policy", "migration",   "utility"};
constexpr int kPhaseCount = 7;

/// One run of a scenario, stepped phase by phase as Simulation::step does, recorded into a
/// results file as `migdip run` records it.
class PhasedRun {
 public:
  PhasedRun(const migdip::LoadedScenario& loaded, const std::filesystem::path& results)
      : scenario_(*loaded.scenario),
        calendar_(scenario_.calendar()),
        world_(scenario_),
        network_(scenario_),
        diplomacy_(scenario_, network_),
        migration_(scenario_, network_),
        stream_(migdip::open_results_stream(results.string(), /*overwrite=*/true,
                                            migdip::series_storage(scenario_.outputs))),
        file_(results_sink()),
        timed_sink_(*file_),
        recorder_(timed_sink_, migdip::RecordSelection::declared(scenario_.outputs)) {
    recorder_.on_start(migdip::RunView{scenario_, calendar_, world_, -1});
  }

  bool finished() const { return world_.tick >= calendar_.ticks(); }
  const migdip::World& world() const { return world_; }

  /// One tick (phases 1-7), each phase adding to its meter.
  void step(Meter (&phases)[kPhaseCount]) {
    const migdip::Scenario& scenario = scenario_;
    migdip::World& w = world_;
    const std::chrono::year_month_day start{calendar_.tick_start(w.tick)};
    const migdip::TickContext tick(scenario.settings, w.tick, calendar_.tick_days(w.tick),
                                   static_cast<int>(static_cast<unsigned>(start.month())) - 1);
    auto meter = [&](Phase phase) -> Meter& { return phases[static_cast<int>(phase)]; };
    // 1. Exogenous events, after the tick's money has come onto the budget lines.
    measure(meter(Phase::events), [&] {
      w.applied_events.clear();
      migdip::replenish_budgets(scenario, tick, w.treasury);
      migdip::apply_scheduled_events(
          scenario, tick.tick(),
          migdip::EventTargets{w.policy, w.corridors, w.pathway_lever, w.treasury, &w.beliefs,
                               &w.stances, &w.politics, &w.diplomacy},
          w.applied_events);
    });
    // 2. Observation.
    measure(meter(Phase::observation),
            [&] { migdip::observe_arrivals(network_, w.flows, w.politics); });
    // 3. Domestic politics.
    measure(meter(Phase::politics), [&] {
      migdip::update_salience(scenario, tick, w.politics);
      migdip::update_pressure(scenario, w.politics);
      migdip::hold_elections(scenario, tick, w.politics, w.policy, w.treasury);
    });
    // 4. Diplomacy.
    const migdip::DiplomacyInputs observed{w.population, w.flows, w.politics, w.stances};
    measure(meter(Phase::diplomacy), [&] {
      diplomacy_.run(tick, observed,
                     migdip::DiplomacyTargets{w.diplomacy, w.policy, w.corridors, w.pathway_lever,
                                              w.treasury});
    });
    // 5. Policy implementation and root-causes aid.
    measure(meter(Phase::policy), [&] {
      migdip::implement_policy(scenario, tick, w.policy, w.treasury, w.diplomacy.deal_payment);
      migdip::implement_border_policy(scenario, tick, w.corridors.border);
      migdip::feel_aid(scenario, tick, w.diplomacy.leaked, w.treasury, w.policy);
    });
    // 6. Migration.
    measure(meter(Phase::migration), [&] { migration_.run(tick, w); });
    // 7. Accounting: realised utility.
    measure(meter(Phase::utility),
            [&] { diplomacy_.assess_utility(tick, observed, w.treasury, w.diplomacy); });
    ++w.tick;
  }

  /// Records the tick just simulated: the recorder's time (without the results file's) is
  /// added to `recorder`, the results file's to hdf5().
  void record(Meter& recorder) {
    const Meter sink_before = timed_sink_.meter;
    Meter whole;
    measure(whole, [&] {
      recorder_.on_tick(migdip::RunView{scenario_, calendar_, world_, world_.tick - 1});
    });
    recorder.seconds += whole.seconds - (timed_sink_.meter.seconds - sink_before.seconds);
    recorder.allocations +=
        whole.allocations - (timed_sink_.meter.allocations - sink_before.allocations);
  }

  const Meter& hdf5() const { return timed_sink_.meter; }
  /// Appends every tick's recorded values to `values` from now on.
  void capture_records(std::vector<double>& values) { timed_sink_.capture = &values; }

 private:
  /// The results file, through an IntervalSink when [outputs] aggregates over an interval (as
  /// `migdip run` writes it).
  migdip::RecordSink* results_sink() {
    if (scenario_.outputs.interval == migdip::OutputInterval::tick) {
      return stream_.get();
    }
    return &intervals_.emplace(*stream_, calendar_, scenario_.outputs.interval);
  }

  const migdip::Scenario& scenario_;
  migdip::Calendar calendar_;
  migdip::World world_;
  migdip::Network network_;
  migdip::DiplomacyPhase diplomacy_;
  migdip::MigrationPhase migration_;
  std::unique_ptr<migdip::ResultsStream> stream_;
  std::optional<migdip::IntervalSink> intervals_;
  migdip::RecordSink* file_;
  TimedSink timed_sink_;
  migdip::SeriesRecorder recorder_;
};

/// The benchmark's scratch directory (generated worlds, results files), removed at exit.
const std::filesystem::path& scratch_directory() {
  struct Scratch {
    Scratch()
        : path(std::filesystem::temp_directory_path() /
               ("migdip-bench-phases-" + std::to_string(::getpid()))) {
      std::filesystem::create_directories(path);
    }
    ~Scratch() {
      std::error_code ignored;
      std::filesystem::remove_all(path, ignored);
    }
    std::filesystem::path path;
  };
  static const Scratch scratch;
  return scratch.path;
}

/// A world of the command line: a scenario file, or SxCxN for generate_world to write.
struct WorldSpec {
  std::string name;              ///< in the benchmark's name
  std::string path;              ///< the scenario file (written at set-up when generated)
  std::string generate_command;  ///< empty for a given file
};

std::optional<WorldSpec> generated(const std::string& text) {
  int states = 0;
  int corridors = 0;
  int nationalities = 0;
  char end = 0;
  if (std::sscanf(text.c_str(), "%dx%dx%d%c", &states, &corridors, &nationalities, &end) != 3) {
    return std::nullopt;
  }
  WorldSpec spec;
  std::ostringstream name;
  name << 's' << states << "_c" << corridors << "_n" << nationalities;
  spec.name = name.str();
  spec.path = (scratch_directory() / (spec.name + ".ini")).string();
  std::ostringstream command;
  command << MIGDIP_GENERATE_WORLD << " --states " << states << " --corridors " << corridors
          << " --nationalities " << nationalities << " --ticks " << kGeneratedTicks
          << " --tick-length day --tables 5 --seed 1 -o '" << spec.path << "'";
  spec.generate_command = command.str();
  return spec;
}

/// Ticks over which the phase-by-phase tick is checked against Simulation::step (fewer when the
/// scenario is shorter).
constexpr int kCheckedTicks = 40;

/// Whether two runs recorded the same values, bit for bit (NaN included).
bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

/// The scenario, loaded once and checked: after the warm-up, the phase-by-phase tick must have
/// left the world exactly as Simulation::step leaves it.
const migdip::LoadedScenario& load_checked(const WorldSpec& spec) {
  static std::vector<std::pair<std::string, std::unique_ptr<migdip::LoadedScenario>>> cache;
  for (const auto& [path, loaded] : cache) {
    if (path == spec.path) {
      return *loaded;
    }
  }
  if (!spec.generate_command.empty() && std::system(spec.generate_command.c_str()) != 0) {
    std::fprintf(stderr, "bench_phases: failed: %s\n", spec.generate_command.c_str());
    std::exit(1);
  }
  auto loaded = std::make_unique<migdip::LoadedScenario>(migdip::load_scenario_file(spec.path));
  const migdip::Scenario& scenario = *loaded->scenario;
  const int checked = std::min(kCheckedTicks, scenario.calendar().ticks());
  // Every series [outputs] declares, as Simulation::step leaves the world tick after tick...
  migdip::Simulation simulation(loaded->scenario);
  CapturingSink expected;
  migdip::SeriesRecorder recorder(expected, migdip::RecordSelection::declared(scenario.outputs));
  auto view = [&](int tick) {
    return migdip::RunView{scenario, simulation.calendar(), simulation.world(), tick};
  };
  recorder.on_start(view(-1));
  // ... and as the benchmark's tick leaves it.
  PhasedRun phased(*loaded, scratch_directory() / "check.h5");
  std::vector<double> got;
  phased.capture_records(got);
  Meter phases[kPhaseCount];
  Meter unused;
  for (int t = 0; t < checked; ++t) {
    simulation.step();
    recorder.on_tick(view(t));
    phased.step(phases);
    phased.record(unused);
  }
  if (!same_bits(expected.values(), got)) {
    std::fprintf(stderr,
                 "bench_phases: %s: in its first %d ticks the phase-by-phase tick records other "
                 "values than Simulation::step; make PhasedRun::step follow simulation.cpp\n",
                 spec.path.c_str(), checked);
    std::exit(1);
  }
  cache.emplace_back(spec.path, std::move(loaded));
  return *cache.back().second;
}

double clock_reading_seconds() {
  constexpr int kReadings = 10000;
  const double start = thread_cpu_seconds();
  double sink = 0;
  for (int i = 0; i < kReadings; ++i) {
    sink += thread_cpu_seconds();
  }
  benchmark::DoNotOptimize(sink);
  return (thread_cpu_seconds() - start) / kReadings;
}

benchmark::Counter per_tick(double total) {
  return benchmark::Counter(total, benchmark::Counter::kAvgIterations);
}

void BM_Phases(benchmark::State& state, const WorldSpec& spec) {
  const migdip::LoadedScenario& loaded = load_checked(spec);
  const migdip::Scenario& scenario = *loaded.scenario;
  const std::filesystem::path results = scratch_directory() / (spec.name + ".h5");
  const int warmup = std::min(kWarmupTicks, scenario.calendar().ticks() - 1);
  std::unique_ptr<PhasedRun> run;
  Meter phases[kPhaseCount];
  Meter recorder;
  Meter hdf5;
  Meter unused[kPhaseCount];
  Meter unused_recorder;
  for (auto _ : state) {
    if (!run || run->finished()) {
      if (run) {
        hdf5.seconds += run->hdf5().seconds;
        hdf5.allocations += run->hdf5().allocations;
      }
      run.reset();  // its results file is removed before the next is created
      run = std::make_unique<PhasedRun>(loaded, results);
      for (int t = 0; t < warmup; ++t) {
        run->step(unused);
        run->record(unused_recorder);
      }
      hdf5.seconds -= run->hdf5().seconds;  // the warm-up's writes are not timed
      hdf5.allocations -= run->hdf5().allocations;
    }
    // The benchmark's time is the wall time of phases 1-7: the recorder and the results file
    // are counters, not part of the tick.
    const auto start = std::chrono::steady_clock::now();
    run->step(phases);
    const auto stop = std::chrono::steady_clock::now();
    state.SetIterationTime(std::chrono::duration<double>(stop - start).count());
    run->record(recorder);
  }
  if (run) {
    hdf5.seconds += run->hdf5().seconds;
    hdf5.allocations += run->hdf5().allocations;
  }
  double tick = 0;
  double sim_allocations = 0;
  for (int p = 0; p < kPhaseCount; ++p) {
    state.counters[kPhaseNames[p]] = per_tick(phases[p].seconds);
    tick += phases[p].seconds;
    sim_allocations += phases[p].allocations;
  }
  state.counters["tick"] = per_tick(tick);
  state.counters["recorder"] = per_tick(recorder.seconds);
  state.counters["hdf5"] = per_tick(hdf5.seconds);
  if (migdip::bench::counts_heap_allocations()) {
    state.counters["sim_allocs"] = per_tick(sim_allocations);
    state.counters["recorder_allocs"] = per_tick(recorder.allocations);
    state.counters["hdf5_allocs"] = per_tick(hdf5.allocations);
  }
  state.counters["states"] = scenario.state_count();
  state.counters["corridors"] = scenario.corridor_count();
  state.counters["nationalities"] = scenario.nationality_count();
  state.counters["tables"] = scenario.negotiation_count();
  static const double clock = clock_reading_seconds();
  state.counters["clock"] = clock;
}

/// benchmarks/README.md's grid: states at 25 corridors per state, corridors at 200 states, and
/// nationalities at 200 states and 5,000 corridors (10 nationalities unless varied).
std::vector<std::string> default_worlds() {
  return {"50x1250x10",  "100x2500x10",  "200x5000x10", "400x10000x10", "200x1000x10",
          "200x2000x10", "200x10000x10", "200x5000x2",  "200x5000x5",   "200x5000x20"};
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  std::vector<std::string> arguments(argv + 1, argv + argc);
  if (arguments.empty()) {
    arguments = default_worlds();
  }
  std::vector<WorldSpec> worlds;
  for (const std::string& argument : arguments) {
    if (std::optional<WorldSpec> spec = generated(argument)) {
      worlds.push_back(*spec);
    } else {
      worlds.push_back({std::filesystem::path(argument).stem().string(), argument, ""});
    }
  }
  for (const WorldSpec& spec : worlds) {
    benchmark::RegisterBenchmark(("BM_Phases/" + spec.name).c_str(),
                                 [spec](benchmark::State& state) { BM_Phases(state, spec); })
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond);
  }
  // A world that cannot be generated or loaded ends the program with its message and status 1,
  // through exit's clean-up, so the scratch directory is removed.
  try {
    benchmark::RunSpecifiedBenchmarks();
  } catch (const std::exception& error) {
    std::fprintf(stderr, "bench_phases: %s\n", error.what());
    return 1;
  }
  benchmark::Shutdown();
  return 0;
}
