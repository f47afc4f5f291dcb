#pragma once
// The summary metrics of a run, computed while it runs: a RecordSink that keeps, of all the
// recorder's series, only a running sum per metric and the last tick of the two stocks. It gives
// exactly the numbers compute_summary_metrics gives for the whole record, bit for bit: every sum
// adds the same values in the same order (time step by time step, each in the record's row-major
// order). Its memory does not grow with ticks, so a sweep keeps no whole-run record.

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "migdip/recording/record_sink.h"

namespace migdip {

class SummarySink final : public RecordSink {
 public:
  void begin(const RecordLayout& layout) override;
  void write_tick(std::size_t tick, std::span<const double> values) override;
  void end_series(RecordTables tables) override;
  /// Nothing to complete: the metrics are known once end_series() has been called.
  void finish(RecordDescription /*description*/) override {}

  /// One value per summary_metric_specs(), as compute_summary_metrics of the same run's record.
  /// Valid after end_series().
  const std::vector<double>& metrics() const { return metrics_; }

  /// The number of series the metrics sum over the whole run (departures, arrivals, ...).
  static constexpr std::size_t kTotals = 11;
  /// The number of stocks the metrics read at the end of the run (hosted, protected).
  static constexpr std::size_t kStocksAtEnd = 2;
  /// The series the metrics read, as "group/variable": a recorder that feeds this sink alone
  /// need compute no other.
  static std::vector<std::string> series_read();

 private:
  struct Slice {
    std::size_t offset = 0;  // in a tick's values
    std::size_t size = 0;
  };
  std::array<Slice, kTotals> totals_slices_{};
  std::array<double, kTotals> totals_{};
  std::array<Slice, kStocksAtEnd> stock_slices_{};
  std::array<double, kStocksAtEnd> stocks_at_end_{};
  std::size_t ticks_ = 0;  // of the layout
  std::size_t ticks_written_ = 0;
  std::vector<double> metrics_;
};

}  // namespace migdip
