#pragma once
// HDF5 results files: one per run, laid out as docs/results-format.md describes, readable by
// h5py and by xarray (engine="h5netcdf") without custom code.

#include <cstdint>
#include <span>
#include <string>

#include "migdip/io/header_fields.h"
#include "migdip/recording/run_record.h"
#include "migdip/simulation/run_memory.h"

namespace migdip {

/// Version of the results layout, stored as the root attribute `format_version`.
inline constexpr const char* kResultsFormatVersion = "1.1";

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

/// Writes the record to `path` atomically: to a temporary file in the same directory, renamed
/// over `path` only once complete. Refuses (InputError) to replace an existing file unless
/// `overwrite`. No temporary file survives a failure.
void write_results_file(const RunRecord& record, const std::string& path, bool overwrite);

/// Memory a run that writes its results file needs at its peak: the run, and the file, which is
/// built in memory before it is written (about one more copy of the record: the compressed
/// series, twice while the image is taken).
std::uint64_t run_with_results_file_memory(const RunMemory& run);

/// Reads a results file back into a RunRecord. Throws InputError for a missing, non-HDF5 or
/// foreign file, or an unknown format version. Any 1.x file is read; one of format 1.0
/// predates the deals table and negotiation log and gives them empty.
RunRecord read_results_file(const std::string& path);

}  // namespace migdip
