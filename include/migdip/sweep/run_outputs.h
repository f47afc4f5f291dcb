#pragma once
// What a sweep keeps of one run: its summary metrics and, when the plan asks, some of its time
// series, taken from the same record `migdip run` would write.

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "migdip/recording/run_record.h"
#include "migdip/scenario/scenario.h"

namespace migdip {

/// A series of the results file, "group.variable" ("states.arrivals").
struct SeriesSelection {
  std::string group;
  std::string variable;
};

struct RunOutputs {
  std::vector<double> metrics;              ///< one per summary_metric_specs()
  std::vector<std::vector<double>> series;  ///< one per selection, row-major as in the record
};

/// Simulates the scenario to its end with the standard recorder and returns its record, without
/// provenance.
RunRecord simulate_record(CheckedScenario scenario);

/// Simulates the scenario and keeps its metrics and the selected series. Throws InternalError
/// when a selection names no variable of the record: selections are checked against a record of
/// the same scenario before a sweep starts (find_series).
RunOutputs simulate_run(CheckedScenario scenario, std::span<const SeriesSelection> series);

/// The variable a selection names, or nullptr.
const Variable* find_series(const RunRecord& record, const SeriesSelection& selection);

}  // namespace migdip
