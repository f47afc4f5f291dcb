#pragma once
// The Sobol' low-discrepancy sequence (Sobol' 1967) with the Joe-Kuo direction numbers
// (new-joe-kuo-6.21201), optionally scrambled by Matousek's linear matrix scramble and a random
// digital shift (LMS + shift, as scipy.stats.qmc.Sobol and SALib's sobol sampler scramble). The
// random bits of the scramble come from the counter-based streams keyed by a seed, so the same
// seed gives the same points on any machine.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace migdip {

class SobolSequence {
 public:
  /// Dimensions tabulated (engine/sweep/sobol_directions.cpp).
  static constexpr std::size_t kMaxDimensions = 1024;
  /// Bits of every coordinate: points 0 .. 2^32 - 1 are distinct.
  static constexpr int kBits = 32;

  /// The plain sequence, whose points are those of scipy.stats.qmc.Sobol(d, scramble=False)
  /// and of Joe and Kuo's own program, in the same (Gray-code) order: the first is 0.
  explicit SobolSequence(std::size_t dimensions);
  /// The sequence scrambled with random bits keyed by `seed`.
  SobolSequence(std::size_t dimensions, std::uint64_t seed);

  std::size_t dimensions() const { return dimensions_; }
  /// Coordinate `dimension` of point `index` (from 0, below 2^32), in [0, 1). A pure function of
  /// the index, so any shard computes any point without the ones before it.
  double coordinate(std::uint64_t index, std::size_t dimension) const;
  /// All coordinates of point `index` into `point` (of size dimensions()).
  void point(std::uint64_t index, std::span<double> point) const;

 private:
  std::size_t dimensions_;
  std::vector<std::uint32_t> directions_;  ///< kBits direction numbers per dimension
  std::vector<std::uint32_t> shift_;       ///< digital shift per dimension (0 when plain)
};

}  // namespace migdip
