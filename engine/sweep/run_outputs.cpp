#include "migdip/sweep/run_outputs.h"

#include <algorithm>
#include <cstdint>
#include <limits>

#include "migdip/core/error.h"
#include "migdip/core/saturating.h"
#include "migdip/recording/record_selection.h"
#include "migdip/recording/series_recorder.h"
#include "migdip/recording/summary_sink.h"
#include "migdip/simulation/run_memory.h"
#include "migdip/simulation/simulation.h"

namespace migdip {
namespace {

// Keeps the layout the recorder announces, and nothing of the ticks.
class LayoutSink final : public RecordSink {
 public:
  void begin(const RecordLayout& layout) override { layout_ = layout; }
  void write_tick(std::size_t /*tick*/, std::span<const double> /*values*/) override {}
  void end_series(RecordTables /*tables*/) override {}
  void finish(RecordDescription /*description*/) override {}
  RecordLayout take_layout() { return std::move(layout_); }

 private:
  RecordLayout layout_;
};

}  // namespace

RunRecord simulate_record(CheckedScenario scenario) {
  Simulation simulation(std::move(scenario));
  SeriesRecorder recorder;
  Observer* observers[] = {&recorder};
  simulation.run(observers);
  return recorder.take_record();
}

RecordLayout record_layout(const CheckedScenario& scenario) {
  const Simulation simulation(scenario);
  LayoutSink sink;
  SeriesRecorder recorder(sink);
  recorder.on_start(RunView{simulation.scenario(), simulation.calendar(), simulation.world(), -1});
  return sink.take_layout();
}

const Variable* find_series(const RunRecord& record, const SeriesSelection& selection) {
  return record.find_variable(selection.group, selection.variable);
}

const RecordGroup* find_group(const RecordLayout& layout, const std::string& name) {
  for (const RecordGroup& group : layout.groups) {
    if (group.name == name) {
      return &group;
    }
  }
  return nullptr;
}

const Variable* find_series(const RecordLayout& layout, const SeriesSelection& selection) {
  const RecordGroup* group = find_group(layout, selection.group);
  if (group == nullptr) {
    return nullptr;
  }
  for (const Variable& variable : group->variables) {
    if (variable.name == selection.variable) {
      return &variable;
    }
  }
  return nullptr;
}

namespace {

// What a sweep's run records: the series its metrics read and those its plan keeps, whatever their
// size; the recorder computes no other.
RecordSelection sweep_selection(std::span<const SeriesSelection> series) {
  OutputSettings outputs;
  outputs.variables = SummarySink::series_read();
  for (const SeriesSelection& kept : series) {
    outputs.variables.push_back(kept.group + "/" + kept.variable);
  }
  outputs.large_series_limit = std::numeric_limits<std::uint64_t>::max();
  return RecordSelection::declared(outputs);
}

}  // namespace

struct RunSimulator::Sinks {
  explicit Sinks(std::span<const SeriesSelection> series)
      : selected(series), selection(sweep_selection(series)) {}
  SummarySink summary;
  SelectedSeriesSink selected;
  TeeSink both{{&summary, &selected}};
  RecordSelection selection;
  bool keeps_series = false;
};

RunSimulator::RunSimulator(std::span<const SeriesSelection> series)
    : sinks_(std::make_unique<Sinks>(series)) {
  sinks_->keeps_series = !series.empty();
}

RunSimulator::~RunSimulator() = default;

RunOutputs RunSimulator::run(CheckedScenario scenario) {
  Simulation simulation(std::move(scenario));
  // Without series, the summary alone: one sink call per tick instead of two.
  SeriesRecorder recorder(
      sinks_->keeps_series ? static_cast<RecordSink&>(sinks_->both) : sinks_->summary,
      sinks_->selection);
  Observer* observers[] = {&recorder};
  simulation.run(observers);
  RunOutputs outputs;
  outputs.metrics = sinks_->summary.metrics();
  if (sinks_->keeps_series) {
    outputs.series = sinks_->selected.take_series();
  }
  return outputs;
}

std::uint64_t estimate_sweep_run_memory(const Scenario& scenario, std::size_t kept_series) {
  const RunMemory run = estimate_run_memory(scenario);
  std::uint64_t largest_slice = 0;
  for (std::uint64_t slice : recorded_slice_sizes(scenario)) {
    largest_slice = std::max(largest_slice, slice);
  }
  const std::uint64_t series_bytes = saturating_product(
      saturating_product(static_cast<std::uint64_t>(kept_series), largest_slice),
      saturating_product(static_cast<std::uint64_t>(std::max(0, scenario.settings.ticks)),
                         sizeof(double)));
  return saturating_sum(saturating_sum(run.simulation, run.time_axes),
                        std::min(series_bytes, run.record));
}

RunOutputs simulate_run(CheckedScenario scenario, std::span<const SeriesSelection> series) {
  return RunSimulator(series).run(std::move(scenario));
}

}  // namespace migdip
