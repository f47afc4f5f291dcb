#pragma once
// Typed values as written in a scenario file, in both directions: parsing with messages that
// quote what the user wrote, and formatting that parses back to the identical value.

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace migdip::ini {

/// A value that does not parse. Carries only the problem: the caller knows the file, line,
/// section and key, and rethrows it as an InputError.
class ValueError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The text without leading and trailing spaces and tabs.
std::string_view trim(std::string_view text);

/// A finite decimal number ("12", "-0.5", "2e6"); the whole text must be the number.
double parse_number(std::string_view text);

/// A non-negative integer that fits in 64 bits; "3.5" and "1e3" are not integers.
std::uint64_t parse_unsigned(std::string_view text);

/// true/false, yes/no, on/off, 1/0 (any case).
bool parse_bool(std::string_view text);

/// A real calendar date written YYYY-MM-DD.
std::chrono::sys_days parse_date_value(std::string_view text);

/// Comma-separated items, trimmed; empty items and repeated items are errors.
std::vector<std::string> parse_list(std::string_view text);

/// The shortest text that parses back to exactly `value` (finite values only).
std::string format_number(double value);

}  // namespace migdip::ini
