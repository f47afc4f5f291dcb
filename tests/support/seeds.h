#pragma once
// Stylised facts are required in at least 18 of 20 stochastic runs (seeds 1-20), so that a fact
// that holds only by the luck of one draw fails.

#include <cstdint>
#include <functional>

namespace migdip::testing {

inline constexpr int kSeeds = 20;
inline constexpr int kRequired = 18;

/// How many of the 20 seeds satisfy the fact.
inline int seeds_where(const std::function<bool(std::uint64_t)>& fact) {
  int count = 0;
  for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
    count += fact(seed) ? 1 : 0;
  }
  return count;
}

}  // namespace migdip::testing
