#pragma once
// The names the results layout reserves (docs/results-format.md), shared by writer and reader so
// the two cannot drift apart.

namespace migdip::results_layout {

// Root attributes.
inline constexpr const char* kFormatVersion = "format_version";
/// Major version this build reads; a file with another major version is refused.
inline constexpr int kSupportedMajorVersion = 1;

// Root datasets.
inline constexpr const char* kScenarioText = "scenario_text";
inline constexpr const char* kResolvedScenarioText = "resolved_scenario_text";
inline constexpr const char* kEvents = "events";
/// Dimension scale of the events table: netCDF readers (xarray via h5netcdf) refuse a dataset
/// whose axes have no dimension scale, so the table gets one, holding the row numbers.
inline constexpr const char* kEventRow = "event_row";

// Group attributes.
inline constexpr const char* kDescription = "description";
/// On a group: every auxiliary coordinate of the group, space-separated (xarray's own
/// convention for coordinates no variable names). On a variable: those along its dimensions.
inline constexpr const char* kCoordinates = "coordinates";

// Variable and coordinate attributes.
inline constexpr const char* kUnits = "units";
inline constexpr const char* kLongName = "long_name";

// Fields of the events table, in order.
inline constexpr const char* kTickField = "tick";
inline constexpr const char* kDateField = "date";
inline constexpr const char* kEventField = "event";
inline constexpr const char* kTypeField = "type";
inline constexpr const char* kTargetField = "target";
inline constexpr const char* kParameterField = "parameter";
inline constexpr const char* kValueField = "value";

}  // namespace migdip::results_layout
