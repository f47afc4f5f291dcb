// `migdip sweep`: every run of a plan, on worker threads (or MPI ranks), into one sweep file.

#include <fmt/format.h>
#include <sched.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "commands.h"
#include "migdip/core/error.h"
#include "mpi_sweep.h"
#include "options.h"
#include "progress.h"
#include "stop_signals.h"
#include "sweep_setup.h"

namespace migdip::cli {

namespace po = boost::program_options;

namespace {

constexpr std::chrono::seconds kFlushInterval{1};

// The cores this process may use: its CPU affinity, or what Slurm allocated per task.
unsigned available_cores() {
  if (const char* slurm = std::getenv("SLURM_CPUS_PER_TASK")) {
    const int cores = std::atoi(slurm);
    if (cores > 0) {
      return static_cast<unsigned>(cores);
    }
  }
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    return static_cast<unsigned>(std::max(1, CPU_COUNT(&set)));
  }
  return std::max(1u, std::thread::hardware_concurrency());
}

// --shard I/N, or the Slurm job array's task among the array's tasks.
Shard shard_from(const po::variables_map& values) {
  if (values.count("shard") != 0) {
    return parse_shard(values["shard"].as<std::string>(), "--shard");
  }
  const char* task = std::getenv("SLURM_ARRAY_TASK_ID");
  const char* count = std::getenv("SLURM_ARRAY_TASK_COUNT");
  const char* minimum = std::getenv("SLURM_ARRAY_TASK_MIN");
  if (task == nullptr || count == nullptr) {
    return {};
  }
  const long index = std::atol(task) - (minimum != nullptr ? std::atol(minimum) : 0);
  return parse_shard(fmt::format("{}/{}", index, count),
                     "SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT");
}

int run_locally(const SweepSetup& setup, SweepFileWriter& writer, unsigned threads, bool quiet,
                const std::string& output) {
  const std::vector<SweepRun> todo = missing_runs(setup, writer);
  Progress progress(Progress::style_for_stderr(quiet), "runs", todo.size(), writer.runs_done());
  std::uint64_t delivered = 0;
  // The first results are flushed as soon as they arrive, then at most every interval.
  std::chrono::steady_clock::time_point last_flush{};
  SweepRunnerHooks hooks;
  hooks.build_scenario = [&](const SweepRun& run) {
    return setup.scenario->build(setup.run_overrides(run));
  };
  hooks.deliver = [&](const SweepRun& run, RunOutputs&& outputs) {
    writer.write_run(run.point, run.replicate, outputs.metrics, outputs.series);
    progress.update(++delivered);
  };
  hooks.heartbeat = [&] {
    const auto now = std::chrono::steady_clock::now();
    if (now - last_flush >= kFlushInterval && writer.flush()) {
      last_flush = now;
    }
    progress.update(delivered);
    return stop_signal_received() != 0;
  };
  run_sweep_on_threads(todo, threads, setup.series, hooks);
  progress.finish();
  return end_sweep(setup, writer, output, delivered, progress.rate(),
                   fmt::format("{} thread{}", threads, threads == 1 ? "" : "s"), quiet);
}

}  // namespace

int sweep_command(const std::vector<std::string>& args, const std::string& command_line) {
  po::options_description options("options");
  SweepRequest request;
  std::string output;
  unsigned threads = 0;
  options.add_options()("help,h", "show this help")(
      "scenario", po::value(&request.scenario_path)->required(), "scenario file (INI)")(
      "plan", po::value(&request.plan_path)->required(), "sweep plan (INI, see docs/sweeps.md)")(
      "output,o", po::value(&output)->required(), "sweep file to write (HDF5)")(
      "threads", po::value(&threads),
      "worker threads (default: the cores available, or SLURM_CPUS_PER_TASK)")(
      "shard", po::value<std::string>(),
      "run only shard I of N (0-based), e.g. 3/10; default: from SLURM_ARRAY_TASK_ID and "
      "SLURM_ARRAY_TASK_COUNT when set, else the whole plan")(
      "set", po::value(&request.base_overrides)->composing(),
      "override a scenario key for every run (repeatable), as `migdip run --set`")(
      "resume", "continue an interrupted sweep (OUT.partial): only missing runs are run")(
      "force", "replace an existing sweep file or interrupted sweep")(
      "mpi", "distribute runs over MPI ranks: mpirun -n N migdip sweep ... --mpi")(
      "quiet,q", "print nothing but errors");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  po::variables_map values;
  if (!parse_options(args,
                     "usage: migdip sweep SCENARIO --plan PLAN.ini -o SWEEP.h5 [--threads N]\n"
                     "                    [--shard I/N] [--resume] [--set k=v ...] [--mpi]\n\n"
                     "Runs every point of a sweep plan, with replicates, and writes the summary\n"
                     "metrics (and any series the plan keeps) of every run to one HDF5 file.\n"
                     "Results are flushed as runs finish; an interrupted sweep continues with\n"
                     "--resume. See docs/sweeps.md.\n\n"
                     "examples:\n"
                     "  migdip sweep scenarios/eastern-mediterranean-2015-2017.ini \\\n"
                     "      --plan scenarios/sweeps/turkish-enforcement-grid.ini -o grid.h5\n"
                     "  migdip sweep scenarios/eastern-mediterranean-2015-2017.ini \\\n"
                     "      --plan scenarios/sweeps/turkish-enforcement-grid.ini -o grid.h5 \\\n"
                     "      --set scenario.mode=stochastic --threads 2 --force\n",
                     options, positional, values)) {
    return kSuccess;
  }
  if (values.count("threads") != 0 && threads == 0) {
    throw InputError({"", 0, "", "--threads"}, "must be at least 1");
  }
  if (threads == 0) {
    threads = available_cores();
  }
  require_hdf5_extension(output, "--output");
  const bool resume = values.count("resume") != 0;
  const bool force = values.count("force") != 0;
  const bool quiet = values.count("quiet") != 0;
  if (resume && force) {
    throw InputError({"", 0, "", "--resume"}, "give either --resume or --force, not both");
  }
  request.shard = shard_from(values);
  request.command_line = command_line;

  if (values.count("mpi") != 0) {
    return run_sweep_with_mpi(request, output, resume, force, quiet);
  }

  // Until the sweep file exists, a stop signal ends migdip at once (removing a half-built
  // file); from then on, it lets the runs in progress finish (catch_stop_signals).
  stop_after_removing_temporaries();
  const SweepSetup setup = prepare_sweep(request);
  require_sweep_memory(setup, threads, fmt::format("--threads {}", threads));
  std::unique_ptr<SweepFileWriter> writer =
      resume ? SweepFileWriter::resume(output, setup.header)
             : SweepFileWriter::create(output, setup.header, force);
  catch_stop_signals();
  try {
    return run_locally(setup, *writer, threads, quiet, output);
  } catch (...) {
    // A sweep started here and failing leaves nothing behind; a resumed one keeps what it had.
    if (!resume) {
      writer->abandon();
    }
    throw;
  }
}

}  // namespace migdip::cli
