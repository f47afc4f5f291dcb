#pragma once
// Maps ticks to calendar dates. Monthly ticks follow calendar months (a February tick is 28 or
// 29 days long), so results line up with monthly statistics such as UNHCR arrivals.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migdip {

enum class TickLength { day, week, month };

/// "day", "week" or "month".
std::string_view to_string(TickLength length);

/// Parses an ISO date "YYYY-MM-DD"; nullopt when malformed or not a real date.
std::optional<std::chrono::sys_days> parse_date(std::string_view text);

/// Formats a date as "YYYY-MM-DD".
std::string format_date(std::chrono::sys_days date);

/// The days covered by each tick of a run. Tick t covers [start(t), start(t+1)).
class Calendar {
 public:
  Calendar(std::chrono::sys_days start, TickLength length, int ticks);

  int ticks() const { return static_cast<int>(tick_start_.size()) - 1; }
  TickLength tick_length() const { return length_; }
  std::chrono::sys_days start_date() const { return tick_start_.front(); }
  std::chrono::sys_days tick_start(int tick) const;
  /// Length of the tick in days.
  double tick_days(int tick) const;
  /// Days from the start of the run to the start of the tick.
  double days_since_start(int tick) const;
  /// The tick whose span contains the date, or nullopt when the date lies outside the run.
  std::optional<int> tick_of(std::chrono::sys_days date) const;

 private:
  TickLength length_;
  std::vector<std::chrono::sys_days> tick_start_;
};

/// The nominal month used to convert monthly rates: 365.25 / 12 days.
inline constexpr double kDaysPerMonth = 30.4375;

/// Nominal length of a tick in days (a month tick: kDaysPerMonth), for converting durations
/// given in days or months into whole ticks.
double nominal_tick_days(TickLength length);

/// Whole ticks in a duration of `months` nominal months, rounded to the nearest tick.
int ticks_in_months(double months, TickLength length);

}  // namespace migdip
