#pragma once
// What a sweep keeps of one run: its summary metrics and, when the plan asks, some of its time
// series, recorded by the same recorder `migdip run` uses. Only those are kept while the run
// goes on (SummarySink, SelectedSeriesSink): a run's memory in a sweep does not grow with its
// ticks beyond the series the plan keeps.

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "migdip/recording/record_sink.h"
#include "migdip/recording/run_record.h"
#include "migdip/recording/selected_series_sink.h"
#include "migdip/scenario/scenario.h"

namespace migdip {

struct RunOutputs {
  std::vector<double> metrics;              ///< one per summary_metric_specs()
  std::vector<std::vector<double>> series;  ///< one per selection, row-major as in the record
};

/// Simulates the scenario to its end with the standard recorder and returns its record, without
/// provenance.
RunRecord simulate_record(CheckedScenario scenario);

/// The groups and variables (without data) the standard recorder records for the scenario,
/// known before its first tick: the scenario's world is built, but not simulated.
RecordLayout record_layout(const CheckedScenario& scenario);

/// Simulates runs one after another and keeps what a sweep keeps of each: the summary metrics
/// and the selected series. One per worker thread.
class RunSimulator {
 public:
  /// The selections must outlive the simulator.
  explicit RunSimulator(std::span<const SeriesSelection> series);
  ~RunSimulator();
  RunSimulator(const RunSimulator&) = delete;
  RunSimulator& operator=(const RunSimulator&) = delete;

  /// Throws InternalError when a selection names no variable of the run's record: selections
  /// are checked against the scenario's layout before a sweep starts (find_series).
  RunOutputs run(CheckedScenario scenario);

 private:
  struct Sinks;
  std::unique_ptr<Sinks> sinks_;
};

/// Bytes one run of a sweep holds at its peak, known before any of it is allocated: the
/// simulation and the recorder's time axes (estimate_run_memory), and the `kept_series` series
/// the plan keeps, each bounded by the largest series of the record. Not the whole record: a
/// sweep's run keeps only its metrics' running sums and the kept series.
std::uint64_t estimate_sweep_run_memory(const Scenario& scenario, std::size_t kept_series);

/// RunSimulator(series).run(scenario).
RunOutputs simulate_run(CheckedScenario scenario, std::span<const SeriesSelection> series);

/// The variable a selection names, or nullptr.
const Variable* find_series(const RunRecord& record, const SeriesSelection& selection);
/// The same in a layout: the first group of the name, its first variable of the name.
const Variable* find_series(const RecordLayout& layout, const SeriesSelection& selection);
/// The first group of the name in a layout, or nullptr.
const RecordGroup* find_group(const RecordLayout& layout, const std::string& name);

}  // namespace migdip
