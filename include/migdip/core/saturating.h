#pragma once
// Arithmetic on counts and sizes from user input (points, replicates, bytes), which can exceed
// 64 bits: results stop at UINT64_MAX instead of wrapping to small, plausible numbers.

#include <cstdint>
#include <limits>

namespace migdip {

inline constexpr std::uint64_t kSaturated = std::numeric_limits<std::uint64_t>::max();

/// a x b, or UINT64_MAX when that does not fit in 64 bits.
constexpr std::uint64_t saturating_product(std::uint64_t a, std::uint64_t b) {
  return a != 0 && b > kSaturated / a ? kSaturated : a * b;
}

/// a + b, or UINT64_MAX when that does not fit in 64 bits.
constexpr std::uint64_t saturating_sum(std::uint64_t a, std::uint64_t b) {
  return b > kSaturated - a ? kSaturated : a + b;
}

}  // namespace migdip
