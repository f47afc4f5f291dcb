#pragma once
// HDF5 sweep files: the points of a sweep, the summary metrics of every run (point x replicate x
// metric), optional series (point x replicate x the variable's own axes) and the provenance
// needed to re-run any of them, laid out as docs/sweeps.md describes and readable by h5py and
// xarray (engine="h5netcdf") without custom code.
//
// A sweep in progress lives at PATH.partial. Results are flushed as runs finish, so a killed
// sweep loses at most the runs since the last flush; `resume` continues it. The file takes its
// final name only when every run is in.

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "migdip/io/header_fields.h"
#include "migdip/recording/run_record.h"

namespace migdip {

/// 1.1 added the per-run `checksum`; 1.0 files (without it) are from an earlier migdip, which
/// resume and merge refuse anyway.
inline constexpr const char* kSweepFormatVersion = "1.1";

/// A series kept for every run: a variable of the results file and its own axes.
struct SweepSeries {
  std::string group;     ///< results-file group, e.g. "states"
  std::string variable;  ///< e.g. "arrivals"
  std::string long_name;
  std::string units;
  std::vector<Coordinate> axes;                ///< the variable's dimensions, in order
  std::vector<AuxiliaryCoordinate> auxiliary;  ///< the group's, along those axes
  std::size_t elements() const;                ///< values per run
};

/// Everything in a sweep file but the results. Fixed when the file is created; compared when a
/// sweep is resumed or shards are merged. Its scalar fields are described by
/// sweep_header_fields(); the design (parameters, values, seeds) and the series are datasets of
/// their own.
struct SweepHeader {
  std::string scenario_file;
  std::string scenario_name;
  std::string scenario_text;
  /// --set overrides applied to the scenario before the plan's values, in order.
  std::vector<std::string> base_overrides;
  std::string plan_file;
  std::string plan_name;
  std::string plan_text;
  std::string sampler;
  std::uint64_t plan_seed = 0;
  std::uint64_t replicates = 1;
  std::uint64_t points_total = 0;  ///< in the whole sweep
  std::uint64_t shard_index = 0;
  std::uint64_t shard_count = 1;
  std::uint64_t first_point = 0;  ///< the file holds points [first_point, first_point + points)
  std::uint64_t points = 0;
  std::vector<std::string> parameters;   ///< scenario keys, in plan order
  std::vector<std::string> value_texts;  ///< points x parameters, as passed to the scenario
  std::vector<double> values;            ///< the same as numbers (NaN for words)
  std::vector<std::uint64_t> seeds;      ///< points x replicates
  std::vector<SweepSeries> series;
  std::string engine_version;
  std::string source_commit;
  std::string created_utc;
  std::string command_line;
  /// `migdip run` of one run, with {seed} and {KEY} placeholders for the run's values.
  std::string rerun_command;
};

/// The header fields of a sweep file: the scenario and plan texts (datasets), then the root
/// attributes in the file's order. Two files are parts of one sweep only if they agree on every
/// field with a `difference`; a refusal names the first that differs, in this order, so the
/// texts that define a sweep, and explain any other difference, come first.
std::span<const HeaderField<SweepHeader>> sweep_header_fields();

/// The file a sweep writes while it runs: PATH.partial.
std::string partial_path(const std::string& path);

class SweepFileWriter {
 public:
  /// Starts PATH.partial and locks it until the writer is destroyed. Throws InputError when
  /// PATH exists and `overwrite` is false, when an interrupted sweep is at PATH.partial (resume
  /// it, or replace it with `overwrite`), when another migdip is writing it (named with its
  /// pid), or when the directory cannot be written.
  static std::unique_ptr<SweepFileWriter> create(const std::string& path, const SweepHeader& header,
                                                 bool overwrite);
  /// Reopens and locks PATH.partial to continue it. Throws InputError when it is missing,
  /// being written by another migdip, damaged (a dataset of the wrong shape, a run whose numbers
  /// fail their checksum), not a sweep file, of another format version, or of another sweep
  /// than `expected` (scenario, plan, shard or engine), naming what differs.
  static std::unique_ptr<SweepFileWriter> resume(const std::string& path,
                                                 const SweepHeader& expected);
  ~SweepFileWriter();
  SweepFileWriter(const SweepFileWriter&) = delete;
  SweepFileWriter& operator=(const SweepFileWriter&) = delete;

  /// Whether the run (a point of the whole sweep) is already in the file.
  bool is_done(std::uint64_t point, std::uint64_t replicate) const;
  std::uint64_t runs_done() const;

  /// Writes one run's metrics (one per summary metric) and series (one per header series).
  /// It counts as done once flushed.
  void write_run(std::uint64_t point, std::uint64_t replicate, std::span<const double> metrics,
                 std::span<const std::vector<double>> series);
  /// Makes the runs written so far durable: their data reaches the disk before they are marked
  /// done, so a crash at any moment leaves only whole runs marked. Returns false when there was
  /// nothing to flush.
  bool flush();
  /// Flushes, marks the file complete and gives it its final name. Throws InternalError when a
  /// run is missing, InputError when the final name cannot be taken (the complete file is
  /// then kept at PATH.partial).
  void finish();
  /// After a failure of a sweep started here: removes PATH.partial, still holding its lock so
  /// that no other writer's file can be removed instead. Keeps a complete file that could not
  /// take its final name.
  void abandon() noexcept;

 private:
  struct State;
  explicit SweepFileWriter(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

/// A whole sweep file in memory (for merging, `migdip info` and tests).
struct SweepContents {
  SweepHeader header;
  bool complete = false;
  std::vector<std::string> metric_names;
  std::vector<std::string> metric_units;
  std::vector<double> metrics;              ///< points x replicates x metrics
  std::vector<std::uint8_t> done;           ///< points x replicates
  std::vector<std::vector<double>> series;  ///< per header series: points x replicates x elements
};

/// Reads a sweep file (complete or partial). Throws InputError for a missing, damaged (runs
/// failing their checksums included), foreign or unknown-version file.
SweepContents read_sweep_file(const std::string& path);

/// Whether `path` is a sweep file (an HDF5 file saying so); false for results files.
bool is_sweep_file(const std::string& path);

/// Combines the shard files of one sweep into one sweep file at `output`, written atomically.
/// Throws InputError naming the files when a shard is missing, given twice, incomplete, or from
/// another sweep (scenario, plan, shard count or engine).
void merge_sweep_files(std::span<const std::string> inputs, const std::string& output,
                       bool overwrite, const std::string& command_line,
                       const std::string& created_utc);

}  // namespace migdip
