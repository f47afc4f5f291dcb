#pragma once
// How a harness reports a broken property that no sanitizer sees (a wrong answer rather than a
// crash): one line on stderr, then abort, which libFuzzer records as a crash with its input.

#include <cstdio>
#include <cstdlib>
#include <string>

namespace migdip::fuzz {

[[noreturn]] inline void report_finding(const std::string& what) {
  std::fprintf(stderr, "migdip fuzz finding: %s\n", what.c_str());
  std::abort();
}

}  // namespace migdip::fuzz
