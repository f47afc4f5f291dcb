#pragma once
// Everything a run produced, as named, dimensioned, unit-carrying arrays. Writers (HDF5 today)
// turn it into a file without knowing anything about the model.

#include <cstdint>
#include <string>
#include <vector>

namespace migdip {

/// A dimension and its coordinate values: numbers (with units) or labels.
struct Coordinate {
  std::string name;  ///< dimension name, e.g. "time", "state"
  std::string long_name;
  std::string units;                ///< CF-style units; "days since YYYY-MM-DD" for time
  std::vector<double> values;       ///< numeric coordinate (when labels is empty)
  std::vector<std::string> labels;  ///< label coordinate
  std::size_t size() const { return labels.empty() ? values.size() : labels.size(); }
};

/// A non-dimension coordinate: one label or number per element of one dimension (e.g. the
/// origin state of each corridor, the tick number of each time step).
struct AuxiliaryCoordinate {
  std::string name;
  std::string dimension;
  std::string long_name;
  std::string units;
  std::vector<double> values;
  std::vector<std::string> labels;
};

struct Variable {
  std::string name;
  std::vector<std::string> dimensions;  ///< outermost first; data is row-major in this order
  std::string long_name;
  std::string units;
  std::vector<double> data;
};

/// A group of variables that share dimensions (one HDF5 group, one xarray Dataset).
struct RecordGroup {
  std::string name;
  std::string description;
  std::vector<Coordinate> coordinates;
  std::vector<AuxiliaryCoordinate> auxiliary;
  std::vector<Variable> variables;
};

/// One row of the events table: something that happened at a tick.
struct EventRow {
  std::int32_t tick = 0;
  std::string date;       ///< start of the tick, YYYY-MM-DD
  std::string event;      ///< scenario event id
  std::string type;       ///< event type
  std::string target;     ///< what it applied to
  std::string parameter;  ///< for `set`: the parameter changed
  double value = 0;       ///< new value, amount (EUR) or facilitation
};

struct RunRecord {
  std::vector<std::pair<std::string, std::string>> text_attributes;
  std::vector<std::pair<std::string, double>> number_attributes;
  std::string scenario_text;           ///< the scenario file as the user wrote it
  std::string resolved_scenario_text;  ///< every key after defaults and overrides
  std::vector<RecordGroup> groups;
  std::vector<EventRow> events;

  const RecordGroup* find_group(const std::string& name) const;
  const Variable* find_variable(const std::string& group, const std::string& name) const;
};

}  // namespace migdip
