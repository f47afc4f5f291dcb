// Typed values: what parses, what does not, and that formatting round-trips.

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <random>

#include "io_ini/value_parsing.h"

namespace migdip::ini {
namespace {

std::string problem_of(auto&& parse) {
  try {
    parse();
  } catch (const ValueError& error) {
    return error.what();
  }
  return "(parsed)";
}

TEST(ValueParsing, Numbers) {
  EXPECT_EQ(parse_number("12"), 12);
  EXPECT_EQ(parse_number("-0.5"), -0.5);
  EXPECT_EQ(parse_number("+0.5"), 0.5);
  EXPECT_EQ(parse_number("2e6"), 2e6);
  EXPECT_EQ(parse_number("1.5E-3"), 1.5e-3);
  EXPECT_EQ(parse_number(".25"), 0.25);
}

TEST(ValueParsing, BadNumbers) {
  EXPECT_EQ(problem_of([] { parse_number("abc"); }), "expected a number, got 'abc'");
  EXPECT_NE(problem_of([] { parse_number("12abc"); }).find("expected a number, got '12abc'"),
            std::string::npos);
  EXPECT_NE(problem_of([] { parse_number("1,5"); }).find("got '1,5'"), std::string::npos);
  EXPECT_NE(problem_of([] { parse_number(""); }).find("empty"), std::string::npos);
  EXPECT_NE(problem_of([] { parse_number("0x10"); }).find("expected a number"), std::string::npos);
  EXPECT_NE(problem_of([] { parse_number("1e999"); }).find("out of range"), std::string::npos);
  EXPECT_NE(problem_of([] { parse_number("++1"); }).find("expected a number"), std::string::npos);
}

TEST(ValueParsing, NonFiniteNumbersAreRejected) {
  for (const char* text : {"nan", "NaN", "inf", "-inf", "infinity", "+inf", "-nan"}) {
    EXPECT_NE(problem_of([&] { parse_number(text); }).find("finite"), std::string::npos) << text;
  }
}

TEST(ValueParsing, Integers) {
  EXPECT_EQ(parse_unsigned("0"), 0u);
  EXPECT_EQ(parse_unsigned("18446744073709551615"), std::numeric_limits<std::uint64_t>::max());
  EXPECT_NE(problem_of([] { parse_unsigned("18446744073709551616"); }).find("out of range"),
            std::string::npos);
  EXPECT_EQ(problem_of([] { parse_unsigned("3.5"); }), "expected an integer, got '3.5'");
  EXPECT_EQ(problem_of([] { parse_unsigned("1e3"); }), "expected an integer, got '1e3'");
  EXPECT_EQ(problem_of([] { parse_unsigned("twelve"); }), "expected an integer, got 'twelve'");
}

TEST(ValueParsing, Booleans) {
  for (const char* text : {"true", "yes", "on", "1", "TRUE", "Yes"}) {
    EXPECT_TRUE(parse_bool(text)) << text;
  }
  for (const char* text : {"false", "no", "off", "0", "False"}) {
    EXPECT_FALSE(parse_bool(text)) << text;
  }
  EXPECT_NE(problem_of([] { parse_bool("maybe"); }).find("got 'maybe'"), std::string::npos);
}

TEST(ValueParsing, Dates) {
  using namespace std::chrono;
  EXPECT_EQ(parse_date_value("2016-02-29"), sys_days{year{2016} / 2 / 29});
  for (const char* text : {"2015-02-29", "2016-13-01", "2016-1-1", "01/02/2016", "2016-01-01x"}) {
    EXPECT_NE(problem_of([&] { parse_date_value(text); }).find("expected a date YYYY-MM-DD"),
              std::string::npos)
        << text;
  }
}

TEST(ValueParsing, Lists) {
  EXPECT_EQ(parse_list("a, b,c "), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(parse_list("  ").empty());
  EXPECT_NE(problem_of([] { parse_list("a,,b"); }).find("empty item"), std::string::npos);
  EXPECT_NE(problem_of([] { parse_list("a,"); }).find("empty item"), std::string::npos);
  EXPECT_NE(problem_of([] { parse_list("a, b, a"); }).find("'a' is listed twice"),
            std::string::npos);
}

TEST(ValueParsing, FormattedNumbersParseBackExactly) {
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> mantissa(-1, 1);
  std::uniform_int_distribution<int> exponent(-300, 300);
  for (int i = 0; i < 2000; ++i) {
    const double value = std::ldexp(mantissa(random), exponent(random));
    EXPECT_EQ(parse_number(format_number(value)), value) << format_number(value);
  }
  EXPECT_EQ(format_number(0.1), "0.1");
  EXPECT_EQ(format_number(2e6), "2000000");
  EXPECT_EQ(parse_number(format_number(std::numeric_limits<double>::max())),
            std::numeric_limits<double>::max());
  EXPECT_EQ(parse_number(format_number(std::numeric_limits<double>::denorm_min())),
            std::numeric_limits<double>::denorm_min());
}

TEST(ValueParsing, Trim) {
  EXPECT_EQ(trim(" \t a b \t"), "a b");
  EXPECT_EQ(trim("   "), "");
}

}  // namespace
}  // namespace migdip::ini
