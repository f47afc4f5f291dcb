// `migdip sweep --mpi` over MPI_COMM_WORLD: rank 0 owns the file, the others run.

#include "mpi_sweep.h"

#include <mpi.h>

#include <fmt/format.h>

#include <chrono>
#include <deque>
#include <exception>
#include <optional>

#include "commands.h"
#include "migdip/core/error.h"
#include "migdip/recording/summary_metrics.h"
#include "progress.h"
#include "stop_signals.h"

namespace migdip::cli {
namespace {

// Messages. A worker sends kReady once, then one kResult per run (or kFailed with the error's
// text); rank 0 answers each with kRun (point, replicate) or kStop.
enum Tag : int { kReady = 1, kResult = 2, kFailed = 3, kRun = 4, kStop = 5 };

constexpr std::chrono::seconds kFlushInterval{1};

void check(int status, const char* what) {
  if (status != MPI_SUCCESS) {
    throw InternalError(std::string("MPI: ") + what + " failed");
  }
}

// MPI_Init and MPI_Finalize around the sweep, whatever happens in between.
class MpiSession {
 public:
  MpiSession() {
    int initialised = 0;
    MPI_Initialized(&initialised);
    if (initialised == 0) {
      check(MPI_Init(nullptr, nullptr), "MPI_Init");
    }
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
  }
  ~MpiSession() { MPI_Finalize(); }
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;
  int rank() const { return rank_; }
  int size() const { return size_; }

 private:
  int rank_ = 0;
  int size_ = 1;
};

std::size_t message_size(const SweepSetup& setup) {
  std::size_t size = 2 + summary_metric_specs().size();
  for (const SweepSeries& series : setup.header.series) {
    size += series.elements();
  }
  return size;
}

void work(const SweepSetup& setup) {
  std::vector<double> message(message_size(setup));
  RunSimulator simulator(setup.series);
  check(MPI_Send(nullptr, 0, MPI_DOUBLE, 0, kReady, MPI_COMM_WORLD), "MPI_Send");
  while (true) {
    std::uint64_t task[2] = {0, 0};
    MPI_Status status;
    check(MPI_Recv(task, 2, MPI_UINT64_T, 0, MPI_ANY_TAG, MPI_COMM_WORLD, &status), "MPI_Recv");
    if (status.MPI_TAG == kStop) {
      return;
    }
    const SweepRun run{task[0], task[1]};
    try {
      const RunOutputs outputs = simulator.run(setup.scenario->build(setup.run_overrides(run)));
      std::size_t at = 0;
      message[at++] = static_cast<double>(run.point);
      message[at++] = static_cast<double>(run.replicate);
      for (double value : outputs.metrics) {
        message[at++] = value;
      }
      for (const std::vector<double>& series : outputs.series) {
        if (at + series.size() > message.size()) {
          throw InputError({}, fmt::format("run (point {}, replicate {}) changes the shape of "
                                           "its series: a swept key changes the scenario's "
                                           "dimensions",
                                           run.point, run.replicate));
        }
        std::copy(series.begin(), series.end(), message.begin() + static_cast<std::ptrdiff_t>(at));
        at += series.size();
      }
      check(MPI_Send(message.data(), static_cast<int>(at), MPI_DOUBLE, 0, kResult, MPI_COMM_WORLD),
            "MPI_Send");
    } catch (const std::exception& error) {
      const std::string text = error.what();
      check(MPI_Send(text.data(), static_cast<int>(text.size()), MPI_CHAR, 0, kFailed,
                     MPI_COMM_WORLD),
            "MPI_Send");
    }
  }
}

int coordinate(const SweepSetup& setup, SweepFileWriter& writer, int ranks, bool quiet,
               const std::string& output) {
  const std::vector<SweepRun> missing = missing_runs(setup, writer);
  std::deque<SweepRun> todo(missing.begin(), missing.end());
  Progress progress(Progress::style_for_stderr(quiet), "runs", todo.size(), writer.runs_done());
  const std::size_t metric_count = summary_metric_specs().size();
  std::vector<double> message(message_size(setup));
  std::vector<std::vector<double>> series(setup.header.series.size());
  std::string failure;
  std::uint64_t delivered = 0;
  int working = ranks - 1;  // workers not yet stopped
  // The first results are flushed as soon as they arrive, then at most every interval.
  std::chrono::steady_clock::time_point last_flush{};
  // A failure to write stops the handing out of runs like a failed run does, so that every
  // worker is told to stop before the error is reported.
  auto record = [&](auto&& write) {
    try {
      write();
    } catch (const std::exception& error) {
      if (failure.empty()) {
        failure = error.what();
      }
    }
  };
  while (working > 0) {
    MPI_Status status;
    check(MPI_Probe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &status), "MPI_Probe");
    int count = 0;
    if (status.MPI_TAG == kFailed) {
      MPI_Get_count(&status, MPI_CHAR, &count);
      std::string text(static_cast<std::size_t>(count), '\0');
      check(MPI_Recv(text.data(), count, MPI_CHAR, status.MPI_SOURCE, kFailed, MPI_COMM_WORLD,
                     MPI_STATUS_IGNORE),
            "MPI_Recv");
      if (failure.empty()) {
        failure = text;
      }
    } else {
      check(MPI_Recv(message.data(), static_cast<int>(message.size()), MPI_DOUBLE,
                     status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE),
            "MPI_Recv");
      if (status.MPI_TAG == kResult) {
        const std::span<const double> values(message);
        std::size_t at = 2 + metric_count;
        for (std::size_t i = 0; i < series.size(); ++i) {
          const std::size_t width = setup.header.series[i].elements();
          series[i].assign(values.begin() + static_cast<std::ptrdiff_t>(at),
                           values.begin() + static_cast<std::ptrdiff_t>(at + width));
          at += width;
        }
        record([&] {
          writer.write_run(static_cast<std::uint64_t>(message[0]),
                           static_cast<std::uint64_t>(message[1]), values.subspan(2, metric_count),
                           series);
        });
        progress.update(++delivered);
      }
    }
    const auto now = std::chrono::steady_clock::now();
    if (now - last_flush >= kFlushInterval) {
      record([&] {
        if (writer.flush()) {
          last_flush = now;
        }
      });
    }
    if (todo.empty() || stop_signal_received() != 0 || !failure.empty()) {
      check(MPI_Send(nullptr, 0, MPI_UINT64_T, status.MPI_SOURCE, kStop, MPI_COMM_WORLD),
            "MPI_Send");
      --working;
    } else {
      const std::uint64_t task[2] = {todo.front().point, todo.front().replicate};
      todo.pop_front();
      check(MPI_Send(task, 2, MPI_UINT64_T, status.MPI_SOURCE, kRun, MPI_COMM_WORLD), "MPI_Send");
    }
  }
  progress.finish();
  if (!failure.empty()) {
    throw InputError({}, "the MPI sweep stopped: " + failure);
  }
  return end_sweep(setup, writer, output, delivered, progress.rate(),
                   fmt::format("{} MPI ranks", ranks), quiet);
}

}  // namespace

bool built_with_mpi() {
  return true;
}

int run_sweep_with_mpi(const SweepRequest& request, const std::string& output, bool resume,
                       bool force, bool quiet) {
  MpiSession mpi;
  if (mpi.size() < 2) {
    throw InputError({"", 0, "", "--mpi"},
                     "needs at least 2 MPI ranks (rank 0 writes, the others run): mpirun -n 3 "
                     "migdip sweep ... --mpi; without mpirun, use --threads");
  }
  // Every rank checks the inputs and finds the same problems: rank 0 alone reports them.
  std::optional<SweepSetup> setup;
  try {
    setup.emplace(prepare_sweep(request));
    require_sweep_memory(*setup, 1, "one per rank");
  } catch (const InputError&) {
    if (mpi.rank() != 0) {
      return kBadInput;
    }
    throw;
  }
  if (mpi.rank() != 0) {
    work(*setup);
    return kSuccess;
  }
  std::unique_ptr<SweepFileWriter> writer;
  try {
    writer = resume ? SweepFileWriter::resume(output, setup->header)
                    : SweepFileWriter::create(output, setup->header, force);
  } catch (...) {
    for (int rank = 1; rank < mpi.size(); ++rank) {
      MPI_Send(nullptr, 0, MPI_UINT64_T, rank, kStop, MPI_COMM_WORLD);
    }
    throw;
  }
  catch_stop_signals();
  try {
    return coordinate(*setup, *writer, mpi.size(), quiet, output);
  } catch (const InputError&) {
    throw;  // every worker has already been stopped
  } catch (const std::exception& error) {
    // An MPI failure with workers mid-run: only an abort stops them all.
    fmt::print(stderr, "migdip: error: {}\n", error.what());
    MPI_Abort(MPI_COMM_WORLD, kBadInput);
    return kBadInput;
  }
}

}  // namespace migdip::cli
