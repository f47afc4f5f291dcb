#pragma once
// A sink between the recorder and another sink that writes one value per calendar month, year or
// the whole run instead of one per tick ([outputs] interval; docs/results-format.md "Declared
// outputs"). Each variable aggregates as its probe declares (Variable::aggregation): flows during
// the tick are summed over the interval, stocks at the end of the tick are taken at the end of
// the interval, levels, shares and rates are averaged over its ticks. The time coordinate becomes
// the start of each interval, with the number of ticks and days each covers beside it.
//
// Its buffers are sized by begin(): nothing is allocated per tick.

#include <cstddef>
#include <span>
#include <vector>

#include "migdip/core/calendar.h"
#include "migdip/recording/record_sink.h"
#include "migdip/scenario/scenario.h"

namespace migdip {

/// The interval of each tick of `calendar`: tick t is in interval result[t], intervals counted
/// from 0 in order. A tick belongs to the month (year) of its first day.
std::vector<std::size_t> interval_of_ticks(const Calendar& calendar, OutputInterval interval);

class IntervalSink final : public RecordSink {
 public:
  /// Passes the aggregated series on to `next`, which must outlive this sink.
  IntervalSink(RecordSink& next, const Calendar& calendar, OutputInterval interval);

  void begin(const RecordLayout& layout) override;
  void write_tick(std::size_t tick, std::span<const double> values) override;
  void end_series(RecordTables tables) override;
  void finish(RecordDescription description) override;

 private:
  // The values of one tick that aggregate the same way: one variable.
  struct Run {
    std::size_t offset = 0;
    std::size_t size = 0;
    TimeAggregation aggregation = TimeAggregation::end;
  };

  RecordSink& next_;
  Calendar calendar_;
  OutputInterval interval_;
  std::vector<std::size_t> interval_of_tick_;
  std::vector<std::size_t> first_tick_;  // of each interval, and the number of ticks last
  std::vector<Run> runs_;
  std::vector<double> accumulated_;  // the interval so far, in the layout's order
  std::size_t values_per_tick_ = 0;
};

}  // namespace migdip
