#include "io_ini/value_parsing.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <system_error>

#include <fmt/format.h>

#include "migdip/core/calendar.h"
#include "migdip/core/quote.h"

namespace migdip::ini {
namespace {

bool lower_equals(std::string_view text, std::string_view word) {
  return std::equal(text.begin(), text.end(), word.begin(), word.end(), [](char a, char b) {
    return (a >= 'A' && a <= 'Z' ? static_cast<char>(a - 'A' + 'a') : a) == b;
  });
}

// from_chars takes no leading '+', but people write "+0.5" and mean 0.5.
std::string_view without_plus(std::string_view text) {
  if (text.size() > 1 && text.front() == '+' && text[1] != '-' && text[1] != '+') {
    text.remove_prefix(1);
  }
  return text;
}

}  // namespace

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) {
    return {};
  }
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

double parse_number(std::string_view text) {
  if (text.empty()) {
    throw ValueError("expected a number, got an empty value");
  }
  const std::string_view digits = without_plus(text);
  double value = 0;
  const char* end = digits.data() + digits.size();
  const auto [stop, error] = std::from_chars(digits.data(), end, value);
  if (error == std::errc::result_out_of_range) {
    throw ValueError("number out of range: " + quote(text));
  }
  if (error != std::errc{}) {
    throw ValueError("expected a number, got " + quote(text));
  }
  if (stop != end) {
    throw ValueError("expected a number, got " + quote(text) + " (unexpected " +
                     quote(std::string_view(stop, static_cast<std::size_t>(end - stop))) +
                     " after the number)");
  }
  // from_chars accepts "nan" and "inf", which would poison every sum they enter.
  if (!std::isfinite(value)) {
    throw ValueError("expected a finite number, got " + quote(text));
  }
  return value;
}

std::uint64_t parse_unsigned(std::string_view text) {
  if (text.empty()) {
    throw ValueError("expected an integer, got an empty value");
  }
  const std::string_view digits = without_plus(text);
  std::uint64_t value = 0;
  const char* end = digits.data() + digits.size();
  const auto [stop, error] = std::from_chars(digits.data(), end, value);
  if (error == std::errc::result_out_of_range) {
    throw ValueError("integer out of range: " + quote(text));
  }
  if (error != std::errc{} || stop != end) {
    throw ValueError("expected an integer, got " + quote(text));
  }
  return value;
}

bool parse_bool(std::string_view text) {
  for (std::string_view word : {"true", "yes", "on", "1"}) {
    if (lower_equals(text, word)) {
      return true;
    }
  }
  for (std::string_view word : {"false", "no", "off", "0"}) {
    if (lower_equals(text, word)) {
      return false;
    }
  }
  throw ValueError("expected true or false (or yes/no, on/off, 1/0), got " + quote(text));
}

std::chrono::sys_days parse_date_value(std::string_view text) {
  const auto date = parse_date(text);
  if (!date) {
    throw ValueError("expected a date YYYY-MM-DD, got " + quote(text));
  }
  return *date;
}

std::vector<std::string> parse_list(std::string_view text) {
  std::vector<std::string> items;
  if (trim(text).empty()) {
    return items;
  }
  std::size_t begin = 0;
  while (true) {
    const std::size_t comma = text.find(',', begin);
    const std::string_view item =
        trim(text.substr(begin, comma == std::string_view::npos ? text.npos : comma - begin));
    if (item.empty()) {
      throw ValueError("empty item in the list " + quote(text));
    }
    if (std::find(items.begin(), items.end(), item) != items.end()) {
      throw ValueError(quote(item) + " is listed twice");
    }
    items.emplace_back(item);
    if (comma == std::string_view::npos) {
      break;
    }
    begin = comma + 1;
  }
  return items;
}

std::string format_number(double value) {
  // fmt's default format is the shortest text that round-trips to the same double.
  return fmt::format("{}", value);
}

}  // namespace migdip::ini
