#include "migdip/sweep/run_outputs.h"

#include "migdip/core/error.h"
#include "migdip/recording/series_recorder.h"
#include "migdip/recording/summary_metrics.h"
#include "migdip/simulation/simulation.h"

namespace migdip {

RunRecord simulate_record(CheckedScenario scenario) {
  Simulation simulation(std::move(scenario));
  SeriesRecorder recorder;
  Observer* observers[] = {&recorder};
  simulation.run(observers);
  return recorder.take_record();
}

const Variable* find_series(const RunRecord& record, const SeriesSelection& selection) {
  return record.find_variable(selection.group, selection.variable);
}

RunOutputs simulate_run(CheckedScenario scenario, std::span<const SeriesSelection> series) {
  RunRecord record = simulate_record(std::move(scenario));
  RunOutputs outputs;
  outputs.metrics = compute_summary_metrics(record);
  for (const SeriesSelection& selection : series) {
    const Variable* variable = find_series(record, selection);
    if (variable == nullptr) {
      throw InternalError("sweep series " + selection.group + "." + selection.variable +
                          " is not in the run's record");
    }
    outputs.series.push_back(variable->data);
  }
  return outputs;
}

}  // namespace migdip
