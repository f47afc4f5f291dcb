#pragma once
// The standard recorder: reads, every tick, the series documented in docs/results-format.md
// (by state, by corridor, by nationality, by pathway and by transfer) into one tick's buffer,
// sized once at the start, and hands it to a RecordSink: into memory (a RunRecord, by default)
// or straight into a results file (open_results_stream), so that a run's memory need not grow
// with its ticks.

#include <cstdint>
#include <memory>
#include <vector>

#include "migdip/recording/record_selection.h"
#include "migdip/recording/record_sink.h"
#include "migdip/recording/run_record.h"
#include "migdip/simulation/observer.h"

namespace migdip {

/// The number of values the recorder keeps per tick of the scenario, over all its series.
std::uint64_t recorded_values_per_tick(const Scenario& scenario);
/// The number of values the recorder keeps per tick of each of the variables it records with
/// `selection` (default: all of them).
std::vector<std::uint64_t> recorded_slice_sizes(
    const Scenario& scenario, const RecordSelection& selection = RecordSelection::everything());

class SeriesRecorder final : public Observer {
 public:
  /// Records into memory: take_record() gives the record once the run has finished.
  SeriesRecorder();
  /// Records the series `selection` keeps into `sink`, which must outlive the run: the others
  /// are not computed. The recorder calls begin, write_tick and end_series; finish is the
  /// caller's, who knows the attributes and texts.
  explicit SeriesRecorder(RecordSink& sink,
                          RecordSelection selection = RecordSelection::everything());
  ~SeriesRecorder() override;

  void on_start(const RunView& view) override;
  void on_tick(const RunView& view) override;
  void on_finish(const RunView& view) override;

  /// The record, complete once the run has finished. Provenance attributes and scenario texts
  /// are left for the caller to fill. Only for a recorder that records into memory.
  RunRecord take_record();

 private:
  struct Buffers;
  std::unique_ptr<Buffers> buffers_;
  std::unique_ptr<MemorySink> memory_;  // the default sink
  RecordSink* sink_;
  RecordSelection selection_;
};

}  // namespace migdip
