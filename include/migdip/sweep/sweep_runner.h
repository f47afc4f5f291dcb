#pragma once
// Runs the runs of a sweep on worker threads and hands every result to the calling thread, which
// alone writes them: one writer, any number of workers. Each run is a pure function of its
// point and replicate, so the results do not depend on the number of threads or their timing.

#include <cstdint>
#include <functional>
#include <memory>
#include <span>

#include "migdip/scenario/scenario.h"
#include "migdip/sweep/run_outputs.h"

namespace migdip {

/// One run of a sweep: a point of the design and a replicate of it.
struct SweepRun {
  std::uint64_t point = 0;
  std::uint64_t replicate = 0;
};

struct SweepRunnerHooks {
  /// The scenario of a run (the base scenario with the point's values and the run's seed).
  /// Called from worker threads, concurrently.
  std::function<CheckedScenario(const SweepRun&)> build_scenario;
  /// Receives each finished run, on the calling thread, in completion order.
  std::function<void(const SweepRun&, RunOutputs&&)> deliver;
  /// Called on the calling thread between results and at least every `heartbeat_seconds`:
  /// true asks the workers to stop after the runs they are in (runs already finished are still
  /// delivered). May be empty.
  std::function<bool()> heartbeat;
  double heartbeat_seconds = 0.2;
};

/// Runs `runs` on `threads` worker threads (at least one). Returns the number of runs delivered:
/// all of them unless the heartbeat asked to stop. The first exception a run throws stops the
/// sweep and is rethrown here once the workers have finished.
std::size_t run_sweep_on_threads(std::span<const SweepRun> runs, unsigned threads,
                                 std::span<const SeriesSelection> series,
                                 const SweepRunnerHooks& hooks);

}  // namespace migdip
