#pragma once
// HDF5 results files: one per run, laid out as docs/results-format.md describes, readable by
// h5py and by xarray (engine="h5netcdf") without custom code.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "migdip/io/header_fields.h"
#include "migdip/recording/record_sink.h"
#include "migdip/recording/run_record.h"
#include "migdip/scenario/scenario.h"
#include "migdip/simulation/run_memory.h"

namespace migdip {

/// Version of the results layout, stored as the root attribute `format_version`.
inline constexpr const char* kResultsFormatVersion = "1.2";

/// How a results file stores its series ([outputs] precision and compression): the values
/// written are the same whatever the deflate level; float32 rounds each to the nearest float.
struct SeriesStorage {
  OutputPrecision precision = OutputPrecision::float64;
  /// Deflate level 0-9, or kAutomaticCompression: none for a series of fewer than
  /// kSmallSeriesValues values (tiny arrays cost more to compress than they save), 4 otherwise.
  int compression = kAutomaticCompression;
};

/// Values below which a series is not deflated under automatic compression.
inline constexpr std::size_t kSmallSeriesValues = 65536;

/// The storage `outputs` declares.
SeriesStorage series_storage(const OutputSettings& outputs);

/// Where a run came from and how to run it again: the root attributes of its results file,
/// after `format_version`.
struct RunProvenance {
  std::string engine_version;
  std::string source_commit;
  std::string created_utc;
  std::string command_line;
  std::string scenario_file;
  std::string scenario_name;
  std::string scenario_description;
  std::uint64_t seed = 0;
  std::uint64_t run = 0;
  std::string mode;
  std::string tick_length;
  std::string start_date;
  std::string end_date;  ///< the last simulated day
  std::uint64_t ticks = 0;
  double simulation_seconds = 0;  ///< wall time of the simulation alone
};

/// The provenance fields, in the order of the file's attributes.
std::span<const HeaderField<RunProvenance>> run_provenance_fields();

/// Replaces the record's root attributes by the provenance's fields.
void set_provenance(RunRecord& record, const RunProvenance& provenance);
/// Replaces the description's root attributes by the provenance's fields.
void set_provenance(RecordDescription& description, const RunProvenance& provenance);

/// A results file written while the run goes on: a RecordSink whose begin() creates every group
/// and dataset, whose write_tick() buffers each variable's rows up to one chunk of ticks and then
/// writes the whole chunk, and whose finish() writes the attributes, texts and tables and renames
/// the file into place. The file is written by HDF5 straight to a temporary file beside `path`;
/// memory holds one chunk per variable at most, never the whole run nor an image of the file.
/// Destroyed before finish(), it removes its temporary file: nothing appears under `path`.
/// A full disk (or quota, or file-size limit) is an InputError naming `path`, as for
/// write_results_file.
class ResultsStream final : public RecordSink {
 public:
  ~ResultsStream() override;
  void begin(const RecordLayout& layout) override;
  void write_tick(std::size_t tick, std::span<const double> values) override;
  void end_series(RecordTables tables) override;
  void finish(RecordDescription description) override;

  /// Bytes of series held in memory waiting for a whole chunk (allocated by begin()): one chunk
  /// per variable, so they do not grow with the run's length.
  std::uint64_t buffered_bytes() const;

 private:
  friend std::unique_ptr<ResultsStream> open_results_stream(const std::string& path, bool overwrite,
                                                            SeriesStorage storage);
  struct State;
  explicit ResultsStream(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

/// Claims `path` as write_results_file does (InputError when it exists and not `overwrite`, or
/// cannot be written) and opens a stream into it.
std::unique_ptr<ResultsStream> open_results_stream(const std::string& path, bool overwrite,
                                                   SeriesStorage storage = {});

/// Memory a run that streams its results file (migdip run) needs at its peak: the run, and one
/// chunk of each variable its [outputs] declaration records.
std::uint64_t run_with_results_stream_memory(const RunMemory& run, const Scenario& scenario);

/// Writes the record to `path` atomically: to a temporary file in the same directory, renamed
/// over `path` only once complete. Refuses (InputError) to replace an existing file unless
/// `overwrite`. No temporary file survives a failure.
void write_results_file(const RunRecord& record, const std::string& path, bool overwrite,
                        SeriesStorage storage = {});

/// Memory a run that keeps its whole record and then writes it with write_results_file needs at
/// its peak: the run, its record, and HDF5's copies while it writes (bounded by a copy).
std::uint64_t run_with_results_file_memory(const RunMemory& run);

/// Reads a results file back into a RunRecord. Throws InputError for a missing, non-HDF5 or
/// foreign file, or an unknown format version. Any 1.x file is read; one of format 1.0
/// predates the deals table and negotiation log and gives them empty.
RunRecord read_results_file(const std::string& path);

}  // namespace migdip
