#include "migdip/recording/interval_sink.h"

#include <algorithm>
#include <chrono>
#include <string>
#include <utility>

#include "migdip/core/error.h"

namespace migdip {
namespace {

constexpr const char* kTime = "time";

// The interval's name in units: a flow in people/tick becomes people/month.
std::string per_interval(OutputInterval interval) {
  switch (interval) {
    case OutputInterval::tick:
      return "/tick";
    case OutputInterval::month:
      return "/month";
    case OutputInterval::year:
      return "/year";
    case OutputInterval::run:
      return "";  // the run's total
  }
  return "";
}

std::string cell_methods(TimeAggregation aggregation) {
  switch (aggregation) {
    case TimeAggregation::sum:
      return "time: sum";
    case TimeAggregation::end:
      return "time: point";  // CF: the value at one instant (the end of the interval)
    case TimeAggregation::mean:
      return "time: mean";
  }
  return "";
}

}  // namespace

std::vector<std::size_t> interval_of_ticks(const Calendar& calendar, OutputInterval interval) {
  using namespace std::chrono;
  std::vector<std::size_t> intervals;
  std::size_t current = 0;
  year_month previous{};
  for (int t = 0; t < calendar.ticks(); ++t) {
    const year_month_day day(calendar.tick_start(t));
    const year_month month(day.year(), interval == OutputInterval::year ? January : day.month());
    bool starts = false;
    switch (interval) {
      case OutputInterval::tick:
        starts = true;
        break;
      case OutputInterval::month:
      case OutputInterval::year:
        starts = month != previous;
        break;
      case OutputInterval::run:
        break;
    }
    if (starts && t > 0) {
      ++current;
    }
    previous = month;
    intervals.push_back(current);
  }
  return intervals;
}

IntervalSink::IntervalSink(RecordSink& next, const Calendar& calendar, OutputInterval interval)
    : next_(next),
      calendar_(calendar),
      interval_(interval),
      interval_of_tick_(interval_of_ticks(calendar, interval)) {
  for (std::size_t t = 0; t < interval_of_tick_.size(); ++t) {
    if (t == 0 || interval_of_tick_[t] != interval_of_tick_[t - 1]) {
      first_tick_.push_back(t);
    }
  }
  first_tick_.push_back(interval_of_tick_.size());
}

void IntervalSink::begin(const RecordLayout& layout) {
  if (layout.ticks() != interval_of_tick_.size()) {
    throw InternalError("interval sink: the layout's ticks are not the calendar's");
  }
  const std::size_t intervals = first_tick_.size() - 1;
  Coordinate time;
  AuxiliaryCoordinate first{"first_tick", kTime, "first tick of the interval", "1", {}, {}};
  AuxiliaryCoordinate ticks{"ticks", kTime, "ticks in the interval", "1", {}, {}};
  AuxiliaryCoordinate days{"interval_days", kTime, "length of the interval", "days", {}, {}};
  for (std::size_t k = 0; k < intervals; ++k) {
    const int start = static_cast<int>(first_tick_[k]);
    const int end = static_cast<int>(first_tick_[k + 1]);
    time.values.push_back(calendar_.days_since_start(start));
    first.values.push_back(start);
    ticks.values.push_back(end - start);
    days.values.push_back(calendar_.days_since_start(end) - calendar_.days_since_start(start));
  }

  RecordLayout aggregated = layout;
  runs_.clear();
  std::size_t offset = 0;
  for (RecordGroup& group : aggregated.groups) {
    for (Coordinate& coordinate : group.coordinates) {
      if (coordinate.name == kTime) {
        coordinate.long_name = "start of the interval (of its first tick)";
        coordinate.values = time.values;
      }
    }
    // The per-tick auxiliary coordinates along time give way to the interval's.
    std::erase_if(group.auxiliary, [](const AuxiliaryCoordinate& auxiliary) {
      return auxiliary.dimension == kTime;
    });
    group.auxiliary.insert(group.auxiliary.begin(), {first, ticks, days});
    for (Variable& variable : group.variables) {
      const std::size_t size = RecordLayout::slice_size(group, variable);
      runs_.push_back(Run{offset, size, variable.aggregation});
      offset += size;
      variable.cell_methods = cell_methods(variable.aggregation);
      const std::string per_tick = "/tick";
      if (variable.aggregation == TimeAggregation::sum && variable.units.ends_with(per_tick)) {
        variable.units.replace(variable.units.size() - per_tick.size(), per_tick.size(),
                               per_interval(interval_));
      }
    }
  }
  values_per_tick_ = offset;
  accumulated_.assign(offset, 0.0);
  next_.begin(aggregated);
}

void IntervalSink::write_tick(std::size_t tick, std::span<const double> values) {
  if (tick >= interval_of_tick_.size() || values.size() != values_per_tick_) {
    throw InternalError("interval sink: a tick out of range or of the wrong size");
  }
  const std::size_t interval = interval_of_tick_[tick];
  const std::size_t first = first_tick_[interval];
  const std::size_t count = first_tick_[interval + 1] - first;
  // The first tick is copied, not added to zero: a single tick's values pass unchanged (-0 too).
  if (tick == first) {
    std::copy(values.begin(), values.end(), accumulated_.begin());
  } else {
    for (const Run& run : runs_) {
      double* into = accumulated_.data() + run.offset;
      const double* from = values.data() + run.offset;
      switch (run.aggregation) {
        case TimeAggregation::sum:
        case TimeAggregation::mean:
          for (std::size_t i = 0; i < run.size; ++i) {
            into[i] += from[i];
          }
          break;
        case TimeAggregation::end:
          std::copy_n(from, run.size, into);
          break;
      }
    }
  }
  if (tick + 1 == first + count) {
    if (count > 1) {
      const double ticks = static_cast<double>(count);
      for (const Run& run : runs_) {
        if (run.aggregation == TimeAggregation::mean) {
          double* into = accumulated_.data() + run.offset;
          for (std::size_t i = 0; i < run.size; ++i) {
            into[i] /= ticks;
          }
        }
      }
    }
    next_.write_tick(interval, accumulated_);
  }
}

void IntervalSink::end_series(RecordTables tables) {
  next_.end_series(std::move(tables));
}

void IntervalSink::finish(RecordDescription description) {
  next_.finish(std::move(description));
}

}  // namespace migdip
