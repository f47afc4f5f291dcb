#pragma once
// Slicing a sweep for a cluster: shard I of N takes a contiguous block of points, so shard files
// concatenate in order into the whole sweep.

#include <cstdint>
#include <string>
#include <string_view>

namespace migdip {

struct Shard {
  std::uint64_t index = 0;  ///< 0-based
  std::uint64_t count = 1;
};

/// Points [first, first + size) of a sweep.
struct PointRange {
  std::uint64_t first = 0;
  std::uint64_t size = 0;
};

/// The block of `points` that `shard` runs: sizes differ by at most one, larger blocks first.
PointRange shard_points(std::uint64_t points, Shard shard);

/// Parses "I/N" (0 <= I < N); nullopt-like failure is reported by throwing InputError naming
/// `option`.
Shard parse_shard(std::string_view text, const std::string& option);

}  // namespace migdip
