#pragma once
// The standard recorder: keeps, every tick, the series documented in docs/results-format.md
// (by state, by corridor, by nationality, by pathway and by transfer) in buffers sized once at
// the start, and hands them over as a RunRecord at the end.

#include <cstdint>
#include <memory>

#include "migdip/recording/run_record.h"
#include "migdip/simulation/observer.h"

namespace migdip {

/// The number of values the recorder keeps per tick of the scenario, over all its series.
std::uint64_t recorded_values_per_tick(const Scenario& scenario);

class SeriesRecorder final : public Observer {
 public:
  SeriesRecorder();
  ~SeriesRecorder() override;

  void on_start(const RunView& view) override;
  void on_tick(const RunView& view) override;
  void on_finish(const RunView& view) override;

  /// The record, complete once the run has finished. Provenance attributes and scenario texts
  /// are left for the caller to fill.
  RunRecord take_record();

 private:
  struct Buffers;
  std::unique_ptr<Buffers> buffers_;
  RunRecord record_;
};

}  // namespace migdip
