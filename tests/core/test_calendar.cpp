#include "migdip/core/calendar.h"

#include <gtest/gtest.h>

namespace migdip {
namespace {

using std::chrono::sys_days;

sys_days date(int y, unsigned m, unsigned d) {
  return sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

TEST(ParseDate, AcceptsIsoDatesOnly) {
  EXPECT_EQ(parse_date("2016-03-20"), date(2016, 3, 20));
  EXPECT_EQ(parse_date("2016-02-29"), date(2016, 2, 29));
  EXPECT_FALSE(parse_date("2015-02-29"));
  EXPECT_FALSE(parse_date("2016-13-01"));
  EXPECT_FALSE(parse_date("2016-3-20"));
  EXPECT_FALSE(parse_date("20/03/2016"));
  EXPECT_FALSE(parse_date("2016-03-20x"));
  EXPECT_FALSE(parse_date(""));
}

TEST(ParseDate, TakesDigitsOnlyInEveryField) {
  EXPECT_FALSE(parse_date("-001-01-01"));
  EXPECT_FALSE(parse_date("+001-01-01"));
  EXPECT_FALSE(parse_date("2016--1-01"));
  EXPECT_FALSE(parse_date("2016-01--1"));
  EXPECT_FALSE(parse_date("2016-+1-01"));
  EXPECT_FALSE(parse_date(" 016-01-01"));
  EXPECT_FALSE(parse_date("2016-0x-01"));
  EXPECT_EQ(parse_date("0001-01-01"), date(1, 1, 1));
}

TEST(FormatDate, RoundTrips) {
  EXPECT_EQ(format_date(date(2017, 7, 1)), "2017-07-01");
}

TEST(Calendar, MonthlyTicksFollowCalendarMonths) {
  const Calendar calendar(date(2016, 1, 1), TickLength::month, 12);
  EXPECT_EQ(calendar.tick_days(0), 31);
  EXPECT_EQ(calendar.tick_days(1), 29);  // leap year
  EXPECT_EQ(calendar.tick_start(2), date(2016, 3, 1));
  EXPECT_EQ(calendar.days_since_start(12), 366);
  EXPECT_EQ(calendar.tick_of(date(2016, 3, 20)), 2);
  EXPECT_EQ(calendar.tick_of(date(2016, 12, 31)), 11);
  EXPECT_FALSE(calendar.tick_of(date(2017, 1, 1)));
  EXPECT_FALSE(calendar.tick_of(date(2015, 12, 31)));
}

TEST(Calendar, DailyAndWeeklyTicks) {
  const Calendar days(date(2021, 8, 1), TickLength::day, 10);
  EXPECT_EQ(days.tick_days(3), 1);
  EXPECT_EQ(days.tick_of(date(2021, 8, 5)), 4);
  const Calendar weeks(date(2021, 8, 1), TickLength::week, 10);
  EXPECT_EQ(weeks.tick_days(9), 7);
  EXPECT_EQ(weeks.tick_of(date(2021, 8, 15)), 2);
}

TEST(Calendar, MonthEndStartClampsToShortMonths) {
  const Calendar calendar(date(2016, 1, 31), TickLength::month, 3);
  EXPECT_EQ(calendar.tick_start(1), date(2016, 2, 29));
  EXPECT_EQ(calendar.tick_start(2), date(2016, 3, 31));
}

}  // namespace
}  // namespace migdip
