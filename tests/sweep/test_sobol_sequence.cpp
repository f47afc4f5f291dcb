// SobolSequence: the Joe-Kuo Sobol' points in Gray-code order (against scipy.stats.qmc.Sobol with
// scramble=False) and the balance that scrambling must keep.

#include "migdip/sweep/sobol_sequence.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

namespace migdip {
namespace {

// scipy.stats.qmc.Sobol(1024, scramble=False).random(2**14)[index, dimension], SciPy 1.10.1
// (the same direction numbers, new-joe-kuo-6.21201).
struct KnownPoint {
  std::uint64_t index;
  std::array<double, 8> coordinates;  // dimensions 0, 1, 2, 3, 9, 99, 500, 1023
};
constexpr std::array<std::size_t, 8> kDimensions = {0, 1, 2, 3, 9, 99, 500, 1023};
constexpr std::array<KnownPoint, 6> kKnown = {{
    {5, {0.875, 0.875, 0.125, 0.375, 0.125, 0.375, 0.875, 0.375}},
    {6, {0.625, 0.125, 0.875, 0.625, 0.375, 0.125, 0.125, 0.125}},
    {7, {0.125, 0.625, 0.375, 0.125, 0.875, 0.625, 0.625, 0.625}},
    {100, {0.4140625, 0.2578125, 0.7734375, 0.7265625, 0.6953125, 0.8828125, 0.1796875, 0.9453125}},
    {1000,
     {0.2197265625, 0.0966796875, 0.5185546875, 0.6767578125, 0.0693359375, 0.1865234375,
      0.7255859375, 0.7138671875}},
    {12345,
     {0.64093017578125, 0.81341552734375, 0.16033935546875, 0.52679443359375, 0.42962646484375,
      0.53887939453125, 0.30255126953125, 0.57708740234375}},
}};

TEST(SobolSequence, FirstPointsAreThoseOfJoeAndKuo) {
  const SobolSequence sequence(4);
  const std::array<std::array<double, 4>, 5> first = {{{0, 0, 0, 0},
                                                       {0.5, 0.5, 0.5, 0.5},
                                                       {0.75, 0.25, 0.25, 0.25},
                                                       {0.25, 0.75, 0.75, 0.75},
                                                       {0.375, 0.375, 0.625, 0.875}}};
  for (std::size_t i = 0; i < first.size(); ++i) {
    std::array<double, 4> point{};
    sequence.point(i, point);
    EXPECT_EQ(point, first[i]) << "point " << i;
  }
}

TEST(SobolSequence, MatchesScipyFarIntoTheSequenceAndTheTable) {
  const SobolSequence sequence(SobolSequence::kMaxDimensions);
  for (const KnownPoint& known : kKnown) {
    for (std::size_t k = 0; k < kDimensions.size(); ++k) {
      EXPECT_EQ(sequence.coordinate(known.index, kDimensions[k]), known.coordinates[k])
          << "point " << known.index << ", dimension " << kDimensions[k];
    }
  }
}

// The first 2^m points of a Sobol' sequence are a (0, m, 2)-net in dimensions 1 and 2: every
// box [a/2^p, (a+1)/2^p) x [b/2^q, (b+1)/2^q) with p + q = m holds exactly one point. Matousek's
// scramble and a digital shift keep this, so a wrong scramble (not lower triangular, or mixing
// dimensions) fails here.
void expect_net(const SobolSequence& sequence, int m) {
  const std::uint64_t n = std::uint64_t{1} << m;
  for (int p = 0; p <= m; ++p) {
    const int q = m - p;
    std::vector<int> hits(n, 0);
    for (std::uint64_t i = 0; i < n; ++i) {
      const auto a = static_cast<std::uint64_t>(std::ldexp(sequence.coordinate(i, 0), p));
      const auto b = static_cast<std::uint64_t>(std::ldexp(sequence.coordinate(i, 1), q));
      ++hits[(a << q) | b];
    }
    for (std::uint64_t box = 0; box < n; ++box) {
      ASSERT_EQ(hits[box], 1) << "m = " << m << ", p = " << p << ", box " << box;
    }
  }
}

TEST(SobolSequence, PlainAndScrambledPointsFormNets) {
  for (const int m : {1, 4, 8}) {
    expect_net(SobolSequence(2), m);
    expect_net(SobolSequence(2, 7), m);
    expect_net(SobolSequence(2, 123456789), m);
  }
}

TEST(SobolSequence, ScramblingIsKeyedByTheSeed) {
  const SobolSequence plain(6);
  const SobolSequence scrambled(6, 1);
  const SobolSequence again(6, 1);
  const SobolSequence other(6, 2);
  std::size_t same_as_plain = 0;
  std::size_t same_as_other = 0;
  for (std::uint64_t i = 0; i < 64; ++i) {
    for (std::size_t d = 0; d < 6; ++d) {
      const double x = scrambled.coordinate(i, d);
      EXPECT_EQ(x, again.coordinate(i, d));
      EXPECT_GE(x, 0.0);
      EXPECT_LT(x, 1.0);
      same_as_plain += x == plain.coordinate(i, d) ? 1 : 0;
      same_as_other += x == other.coordinate(i, d) ? 1 : 0;
    }
  }
  EXPECT_LT(same_as_plain, 4u);
  EXPECT_LT(same_as_other, 4u);
  EXPECT_NE(scrambled.coordinate(0, 0), 0.0);  // the shift moves the first point off the corner
}

TEST(SobolSequence, RefusesDimensionsBeyondTheTable) {
  EXPECT_ANY_THROW(SobolSequence(0));
  EXPECT_ANY_THROW(SobolSequence(SobolSequence::kMaxDimensions + 1));
}

}  // namespace
}  // namespace migdip
