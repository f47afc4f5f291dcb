#pragma once
// Shared by the INI loader tests: a small valid scenario to build broken variants from, and
// helpers that load text and check the error message.

#include <gtest/gtest.h>

#include <algorithm>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "migdip/core/error.h"
#include "migdip/io/scenario_file.h"

namespace migdip::testing {

/// Three states and a corridor; 25 lines, so sections appended to it start on line 26.
inline std::string base_scenario() {
  return "[scenario]\n"
         "name = test\n"
         "start_date = 2016-01-01\n"
         "ticks = 12\n"
         "\n"
         "[state SYR]\n"
         "roles = origin\n"
         "population = 18e6\n"
         "income_per_head = 2000\n"
         "\n"
         "[state TUR]\n"
         "roles = transit, destination\n"
         "population = 80e6\n"
         "income_per_head = 9000\n"
         "\n"
         "[state GRC]\n"
         "roles = transit, destination\n"
         "population = 10.7e6\n"
         "income_per_head = 17000\n"
         "\n"
         "[corridor SYR-TUR]\n"
         "from = SYR\n"
         "to = TUR\n"
         "# the file name in messages is test.ini\n"
         "\n";
}

inline constexpr int kBaseLines = 25;

/// The InputError message of loading `text` as "test.ini", or "" (and a test failure) when it
/// loads.
inline std::string load_error(std::string_view text, std::vector<std::string> overrides = {}) {
  try {
    load_scenario_text(text, "test.ini", overrides);
  } catch (const InputError& error) {
    return error.what();
  }
  ADD_FAILURE() << "expected an InputError, but the scenario loaded:\n" << text;
  return "";
}

/// Loading fails with a one-line message that holds every phrase.
inline void expect_error(std::string_view text, std::initializer_list<std::string_view> phrases,
                         std::vector<std::string> overrides = {}) {
  const std::string message = load_error(text, std::move(overrides));
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  for (std::string_view phrase : phrases) {
    EXPECT_NE(message.find(phrase), std::string::npos)
        << "missing '" << phrase << "' in: " << message;
  }
}

/// The base scenario with `extra` appended, loading as expected.
inline std::shared_ptr<const Scenario> load_with(std::string_view extra,
                                                 std::vector<std::string> overrides = {}) {
  return load_scenario_text(base_scenario() + std::string(extra), "test.ini", overrides).scenario;
}

}  // namespace migdip::testing
