#include "migdip/core/calendar.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "migdip/core/error.h"

namespace migdip {

using std::chrono::days;
using std::chrono::sys_days;

std::string_view to_string(TickLength length) {
  switch (length) {
    case TickLength::day:
      return "day";
    case TickLength::week:
      return "week";
    case TickLength::month:
      return "month";
  }
  return "?";
}

std::optional<sys_days> parse_date(std::string_view text) {
  // Exactly YYYY-MM-DD: anything looser would let typos through as other dates.
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  // Digits only: from_chars would take "-001" as a year, or "-1" as a month.
  auto number = [&](std::size_t at, std::size_t length) -> std::optional<int> {
    for (char c : text.substr(at, length)) {
      if (c < '0' || c > '9') {
        return std::nullopt;
      }
    }
    int value = 0;
    const char* first = text.data() + at;
    auto [end, error] = std::from_chars(first, first + length, value);
    if (error != std::errc{} || end != first + length) {
      return std::nullopt;
    }
    return value;
  };
  auto year = number(0, 4);
  auto month = number(5, 2);
  auto day = number(8, 2);
  if (!year || !month || !day) {
    return std::nullopt;
  }
  std::chrono::year_month_day date{std::chrono::year{*year},
                                   std::chrono::month{static_cast<unsigned>(*month)},
                                   std::chrono::day{static_cast<unsigned>(*day)}};
  if (!date.ok()) {
    return std::nullopt;
  }
  return sys_days{date};
}

std::string format_date(sys_days date) {
  std::chrono::year_month_day ymd{date};
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return text;
}

Calendar::Calendar(sys_days start, TickLength length, int ticks) : length_(length) {
  if (ticks < 0) {
    throw InternalError("a calendar needs a non-negative number of ticks");
  }
  tick_start_.reserve(static_cast<std::size_t>(ticks) + 1);
  const std::chrono::year_month_day first{start};
  for (int tick = 0; tick <= ticks; ++tick) {
    switch (length) {
      case TickLength::day:
        tick_start_.push_back(start + days{tick});
        break;
      case TickLength::week:
        tick_start_.push_back(start + days{7 * tick});
        break;
      case TickLength::month: {
        // Calendar months from the start day; a start on the 31st clamps to each month's end.
        auto ym = first.year() / first.month() + std::chrono::months{tick};
        auto last =
            std::chrono::year_month_day_last{ym.year(), std::chrono::month_day_last{ym.month()}};
        auto day = std::min(first.day(), last.day());
        tick_start_.push_back(sys_days{ym.year() / ym.month() / day});
        break;
      }
    }
  }
}

sys_days Calendar::tick_start(int tick) const {
  return tick_start_.at(static_cast<std::size_t>(tick));
}

double Calendar::tick_days(int tick) const {
  return static_cast<double>((tick_start(tick + 1) - tick_start(tick)).count());
}

double Calendar::days_since_start(int tick) const {
  return static_cast<double>((tick_start(tick) - tick_start_.front()).count());
}

std::optional<int> Calendar::tick_of(sys_days date) const {
  if (date < tick_start_.front() || date >= tick_start_.back()) {
    return std::nullopt;
  }
  auto after = std::upper_bound(tick_start_.begin(), tick_start_.end(), date);
  return static_cast<int>(after - tick_start_.begin()) - 1;
}

double nominal_tick_days(TickLength length) {
  switch (length) {
    case TickLength::day:
      return 1.0;
    case TickLength::week:
      return 7.0;
    case TickLength::month:
      return kDaysPerMonth;
  }
  return 1.0;
}

int ticks_in_months(double months, TickLength length) {
  return static_cast<int>(std::lround(months * kDaysPerMonth / nominal_tick_days(length)));
}

}  // namespace migdip
