#pragma once
// What `migdip sweep`, `migdip slurm` and `migdip info` need to know about a sweep before any
// run: the plan checked against the scenario, the design, the series kept and the header of the
// file, for the whole sweep or one shard of it.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "migdip/io/plan_file.h"
#include "migdip/io/scenario_file.h"
#include "migdip/io/sweep_file.h"
#include "migdip/sweep/design.h"
#include "migdip/sweep/run_outputs.h"
#include "migdip/sweep/shard.h"
#include "migdip/sweep/sweep_runner.h"

namespace migdip::cli {

struct SweepRequest {
  std::string scenario_path;
  std::string plan_path;
  std::vector<std::string> base_overrides;  ///< --set, applied before the plan's values
  Shard shard;
  std::string command_line;
};

struct SweepSetup {
  LoadedPlan plan;
  std::unique_ptr<ScenarioTemplate> scenario;
  SweepDesign design;
  PointRange range;  ///< the points this shard runs
  std::vector<SeriesSelection> series;
  SweepHeader header;
  /// Memory the setup itself holds (design, header, the shard's runs), and the memory one run
  /// of the plan's largest scenario needs: what a process running `workers` runs at once needs
  /// is memory + workers x run_memory.
  std::uint64_t memory = 0;
  std::uint64_t run_memory = 0;

  /// The overrides of one run: base, the point's values, the run's seed.
  std::vector<std::string> run_overrides(const SweepRun& run) const;
  std::uint64_t runs() const { return range.size * plan.plan.replicates; }
};

/// Loads and checks everything; throws InputError naming the plan or scenario file, also when
/// the setup would need more memory than this process may use.
SweepSetup prepare_sweep(const SweepRequest& request);

/// Refuses (InputError) running `workers` runs of the setup at once when, with the setup, they
/// need more memory than this process may use; `how` names the workers for the message
/// ("--threads 8").
void require_sweep_memory(const SweepSetup& setup, std::uint64_t workers, const std::string& how);

/// The runs of the setup's points that the file does not hold yet, point by point.
std::vector<SweepRun> missing_runs(const SweepSetup& setup, const SweepFileWriter& writer);

/// Ends a sweep whose runs have stopped coming: after a stop signal, flushes and says how to
/// resume (returns 128 + the signal); otherwise finishes the file and, unless quiet, prints
/// what was written, `rate` runs per second over `workers` ("2 threads", "3 MPI ranks").
int end_sweep(const SweepSetup& setup, SweepFileWriter& writer, const std::string& output,
              std::uint64_t delivered, double rate, const std::string& workers, bool quiet);

/// The `migdip run` command that reproduces one run of a sweep file, shell-quoted.
std::string rerun_command(const SweepHeader& header, std::uint64_t point, std::uint64_t replicate);

/// An argument quoted for a POSIX shell when it needs to be.
std::string shell_quote(const std::string& argument);

}  // namespace migdip::cli
