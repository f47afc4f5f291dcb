// ResultsStream: a run's results file, written one chunk of ticks at a time as the run goes.

#include <algorithm>

#include "io_hdf5/results_file_writer.h"
#include "migdip/core/error.h"
#include "migdip/core/saturating.h"
#include "migdip/io/results_file.h"
#include "migdip/recording/series_recorder.h"

namespace migdip {

namespace {

// Besides the buffers: HDF5's own (metadata cache, a chunk in the filter pipeline), and the
// layout's coordinates and labels.
constexpr std::uint64_t kStreamFixedBytes = 16ULL * 1024 * 1024;

// Ticks of a variable buffered before a whole chunk is written: its chunk's extent along time.
std::size_t chunk_ticks(std::size_t ticks, std::size_t slice) {
  const std::size_t fitting = slice >= hdf5::kChunkElements ? 1 : hdf5::kChunkElements / slice;
  return std::min({ticks, kMaxChunkTicks, fitting});
}

}  // namespace

struct ResultsStream::State {
  State(const std::string& path, bool overwrite, SeriesStorage storage)
      : writer(path, overwrite, storage) {}

  // One variable's rows waiting to be written.
  struct Pending {
    std::size_t slice = 0;      // values per tick
    std::size_t capacity = 0;   // ticks per chunk; 0 when nothing is stored (an empty array)
    std::size_t first_row = 0;  // tick of the buffer's first row
    std::size_t rows = 0;       // rows buffered
    std::vector<double> values;
  };

  ResultsFileWriter writer;
  std::vector<Pending> pending;
  std::size_t ticks = 0;
  std::size_t values_per_tick = 0;
  std::size_t next_tick = 0;
  bool begun = false;
  RecordTables tables;
};

ResultsStream::ResultsStream(std::unique_ptr<State> state) : state_(std::move(state)) {}
ResultsStream::~ResultsStream() = default;

std::unique_ptr<ResultsStream> open_results_stream(const std::string& path, bool overwrite,
                                                   SeriesStorage storage) {
  return std::unique_ptr<ResultsStream>(
      new ResultsStream(std::make_unique<ResultsStream::State>(path, overwrite, storage)));
}

SeriesStorage series_storage(const OutputSettings& outputs) {
  return SeriesStorage{outputs.precision, outputs.compression};
}

void ResultsStream::begin(const RecordLayout& layout) {
  State& s = *state_;
  if (s.begun) {
    throw InternalError("results stream: begun twice");
  }
  s.begun = true;
  s.ticks = layout.ticks();
  s.values_per_tick = layout.values_per_tick();
  s.writer.create_groups(layout.groups);
  const std::vector<ResultsFileWriter::Series>& series = s.writer.series();
  std::size_t index = 0;
  for (const RecordGroup& group : layout.groups) {
    for (const Variable& variable : group.variables) {
      const ResultsFileWriter::Series& stored = series[index++];
      if (!stored.by_time) {
        throw InternalError("results stream: variable " + group.name + "." + variable.name +
                            " has no time dimension first");
      }
      State::Pending pending;
      pending.slice = RecordLayout::slice_size(group, variable);
      if (!stored.chunk.empty()) {
        pending.capacity = chunk_ticks(s.ticks, pending.slice);
        pending.values.assign(pending.capacity * pending.slice, 0.0);
      }
      s.pending.push_back(std::move(pending));
    }
  }
}

void ResultsStream::write_tick(std::size_t tick, std::span<const double> values) {
  State& s = *state_;
  if (!s.begun || tick != s.next_tick || tick >= s.ticks || values.size() != s.values_per_tick) {
    throw InternalError("results stream: ticks out of order or of the wrong size");
  }
  ++s.next_tick;
  std::size_t offset = 0;
  for (std::size_t v = 0; v < s.pending.size(); ++v) {
    State::Pending& pending = s.pending[v];
    if (pending.capacity > 0) {
      std::copy_n(
          values.begin() + static_cast<std::ptrdiff_t>(offset), pending.slice,
          pending.values.begin() + static_cast<std::ptrdiff_t>(pending.rows * pending.slice));
      ++pending.rows;
      if (pending.rows == pending.capacity || tick + 1 == s.ticks) {
        s.writer.write_rows(v, pending.first_row, pending.rows, pending.values.data());
        pending.first_row += pending.rows;
        pending.rows = 0;
      }
    }
    offset += pending.slice;
  }
}

void ResultsStream::end_series(RecordTables tables) {
  State& s = *state_;
  if (!s.begun || s.next_tick != s.ticks) {
    throw InternalError("results stream: the series ended before their last tick");
  }
  s.tables = std::move(tables);
}

void ResultsStream::finish(RecordDescription description) {
  State& s = *state_;
  if (!s.begun || s.next_tick != s.ticks) {
    throw InternalError("results stream: finished before its last tick");
  }
  s.pending.clear();
  s.writer.finish(description, s.tables);
}

std::uint64_t ResultsStream::buffered_bytes() const {
  std::uint64_t bytes = 0;
  for (const State::Pending& pending : state_->pending) {
    bytes += pending.values.capacity() * sizeof(double);
  }
  return bytes;
}

std::uint64_t run_with_results_stream_memory(const RunMemory& run, const Scenario& scenario) {
  const auto ticks = static_cast<std::size_t>(std::max(scenario.settings.ticks, 0));
  // The recorder's buffer of one tick, and the stream's of one chunk per variable.
  std::uint64_t buffered = saturating_sum(kStreamFixedBytes, run.time_axes);
  for (std::uint64_t slice :
       recorded_slice_sizes(scenario, RecordSelection::declared(scenario.outputs))) {
    const auto values = static_cast<std::size_t>(slice);
    if (values > 0) {
      buffered = saturating_sum(
          buffered, saturating_product(sizeof(double) * (1 + chunk_ticks(ticks, values)), slice));
    }
  }
  return saturating_sum(run.simulation, buffered);
}

}  // namespace migdip
