#pragma once
// A RecordSink that keeps a few of the recorder's series whole and drops the rest: what a sweep
// keeps of each run when its plan asks for series. Its memory is the kept series, not the run's.

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "migdip/recording/record_sink.h"

namespace migdip {

/// A series of the results file, "group.variable" ("states.arrivals").
struct SeriesSelection {
  std::string group;
  std::string variable;
};

class SelectedSeriesSink final : public RecordSink {
 public:
  /// Keeps the selected series, which must outlive the sink.
  explicit SelectedSeriesSink(std::span<const SeriesSelection> selections)
      : selections_(selections) {}

  /// Throws InternalError when a selection names no variable of the layout.
  void begin(const RecordLayout& layout) override;
  void write_tick(std::size_t tick, std::span<const double> values) override;
  void end_series(RecordTables /*tables*/) override {}
  void finish(RecordDescription /*description*/) override {}

  /// The selected series, one per selection, row-major as in the record (time first); the
  /// vectors are moved out, and begin() makes new ones.
  std::vector<std::vector<double>> take_series();

 private:
  struct Slice {
    std::size_t offset = 0;  // in a tick's values
    std::size_t size = 0;
  };
  std::span<const SeriesSelection> selections_;
  std::vector<Slice> slices_;
  std::vector<std::vector<double>> series_;
};

}  // namespace migdip
