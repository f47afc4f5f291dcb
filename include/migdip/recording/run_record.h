#pragma once
// Everything a run produced, as named, dimensioned, unit-carrying arrays. Writers (HDF5 today)
// turn it into a file without knowing anything about the model.

#include <cstdint>
#include <string>
#include <string_view>
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

/// How a variable's tick values combine into one value of a longer interval (a month, a year,
/// the run): flows during the tick add up; stocks at the end of the tick are taken at the end of
/// the interval; levels, shares and rates are averaged over its ticks.
enum class TimeAggregation { sum, end, mean };

/// "sum", "end" or "mean".
std::string_view to_string(TimeAggregation aggregation);

struct Variable {
  std::string name;
  std::vector<std::string> dimensions;  ///< outermost first; data is row-major in this order
  std::string long_name;
  std::string units;
  std::vector<double> data;
  /// How its ticks aggregate (declared by the recorder for each of its variables).
  TimeAggregation aggregation = TimeAggregation::end;
  /// CF cell_methods of an aggregated series ("time: sum"); empty for per-tick values, where
  /// the file holds no such attribute.
  std::string cell_methods{};
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

/// One row of the deals table: a deal and how it ended.
struct DealRow {
  std::int32_t deal = 0;         ///< position in the table
  std::string negotiation;       ///< negotiation id
  std::string demander;          ///< state or bloc id
  std::string partner;           ///< state id
  std::string terms;             ///< instrument ids of the bundle, joined by '+'
  std::string conditionality;    ///< none, positive, negative or reverse
  double payment_per_month = 0;  ///< EUR agreed, before conditionality
  std::int32_t signed_tick = 0;
  std::string signed_date;    ///< start of the tick it was signed, YYYY-MM-DD
  std::int32_t end_tick = 0;  ///< tick it ended, or would expire if still active
  std::string end_date;
  std::string status;        ///< active, expired, breached, voided or renegotiated
  double paid = 0;           ///< EUR paid under it
  double compliance = 0;     ///< partner's delivered share of commitments, last observed
  double demander_gain = 0;  ///< EUR/month the demander expected at signing
  double partner_gain = 0;   ///< EUR/month the partner expected at signing
};

/// One row of the negotiation log: an offer, an acceptance, a threat's fate, a deal's end.
struct NegotiationRow {
  std::int32_t tick = 0;
  std::string date;         ///< start of the tick, YYYY-MM-DD
  std::string negotiation;  ///< negotiation id
  std::int32_t deal = -1;   ///< row of the deals table concerned, -1 for none
  std::string action;       ///< see NegotiationAction in migdip/world/diplomacy.h
  std::string actor;        ///< state or bloc id of who acted
  std::string instrument;   ///< threat instrument id, empty for none
  double value = 0;         ///< EUR/month for proposals and deals; credibility for threats
};

struct RunRecord {
  std::vector<std::pair<std::string, std::string>> text_attributes;
  std::vector<std::pair<std::string, double>> number_attributes;
  std::string scenario_text;           ///< the scenario file as the user wrote it
  std::string resolved_scenario_text;  ///< every key after defaults and overrides
  std::vector<RecordGroup> groups;
  std::vector<EventRow> events;
  std::vector<DealRow> deals;
  std::vector<NegotiationRow> negotiation_log;

  const RecordGroup* find_group(const std::string& name) const;
  const Variable* find_variable(const std::string& group, const std::string& name) const;
};

}  // namespace migdip
