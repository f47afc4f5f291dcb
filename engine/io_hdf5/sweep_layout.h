#pragma once
// The names the sweep-file layout reserves (docs/sweeps.md), shared by writer, reader and merge.
// The header's attributes and texts are named in its field table (sweep_header_fields()).

#include "io_hdf5/results_layout.h"

namespace migdip::sweep_layout {

inline constexpr const char* kFileKind = "file_kind";
inline constexpr const char* kFileKindValue = "migdip sweep";
inline constexpr const char* kFormatVersion = "format_version";
inline constexpr int kSupportedMajorVersion = 1;
inline constexpr const char* kComplete = "complete";

// Root dimension scales and datasets.
inline constexpr const char* kPoint = "point";
inline constexpr const char* kReplicate = "replicate";
inline constexpr const char* kParameter = "parameter";
inline constexpr const char* kMetric = "metric";
inline constexpr const char* kMetricUnits = "metric_units";
inline constexpr const char* kMetricLongName = "metric_long_name";
inline constexpr const char* kValue = "value";
inline constexpr const char* kValueText = "value_text";
inline constexpr const char* kSeed = "seed";
inline constexpr const char* kMetrics = "metrics";
inline constexpr const char* kDone = "done";
/// CRC-32 of each run as stored (seed, values, metrics, series): see run_checksum.
inline constexpr const char* kChecksum = "checksum";
/// Group of the kept series: one subgroup per results-file group.
inline constexpr const char* kSeries = "series";

// The netCDF attributes (units, long_name, coordinates, description) are those of results files.
using results_layout::kCoordinates;
using results_layout::kDescription;
using results_layout::kLongName;
using results_layout::kUnits;

}  // namespace migdip::sweep_layout
