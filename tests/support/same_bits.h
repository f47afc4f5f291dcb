#pragma once
// Bit-for-bit equality of two arrays of doubles, which is what "the same results" means in the
// tests of reproducibility (threads, sweeps, patched scenarios, sinks). Empty arrays are equal
// without touching their (possibly null) data.

#include <cstring>
#include <vector>

namespace migdip::testing {

inline bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

}  // namespace migdip::testing
