#include "migdip/core/sampling.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "migdip/core/error.h"

namespace migdip {
namespace {

struct Moments {
  double mean;
  double variance;
};

Moments binomial_moments(double n, double p, int draws) {
  double sum = 0;
  double sum_squares = 0;
  for (int i = 0; i < draws; ++i) {
    RandomStream stream(StreamKey{.seed = 7, .entity = static_cast<std::uint32_t>(i)});
    const double x = sample_binomial(stream, n, p);
    EXPECT_GE(x, 0);
    EXPECT_LE(x, n);
    EXPECT_EQ(x, std::floor(x));
    sum += x;
    sum_squares += x * x;
  }
  const double mean = sum / draws;
  return {mean, sum_squares / draws - mean * mean};
}

class BinomialMoments : public ::testing::TestWithParam<std::pair<double, double>> {};

// Both samplers (inversion for small means, BTRS above) must reproduce the binomial mean
// n p and variance n p (1 - p); tolerances are several standard errors at 20,000 draws.
TEST_P(BinomialMoments, MatchTheory) {
  const auto [n, p] = GetParam();
  const int draws = 20000;
  const Moments m = binomial_moments(n, p, draws);
  const double mean = n * p;
  const double variance = n * p * (1 - p);
  EXPECT_NEAR(m.mean, mean, 6 * std::sqrt(variance / draws) + 1e-12);
  EXPECT_NEAR(m.variance, variance, 0.06 * variance + 1e-12);
}

INSTANTIATE_TEST_SUITE_P(SmallAndLargeMeans, BinomialMoments,
                         ::testing::Values(std::pair{10.0, 0.3}, std::pair{1000.0, 0.002},
                                           std::pair{1000.0, 0.3}, std::pair{1e6, 0.01},
                                           std::pair{1e8, 0.25}, std::pair{50.0, 0.9}));

TEST(SampleBinomial, EdgeCasesAreExact) {
  RandomStream stream(StreamKey{.seed = 1});
  EXPECT_EQ(sample_binomial(stream, 0, 0.5), 0);
  EXPECT_EQ(sample_binomial(stream, 100, 0), 0);
  EXPECT_EQ(sample_binomial(stream, 100, 1), 100);
}

TEST(SampleBinomial, RejectsInvalidArguments) {
  RandomStream stream(StreamKey{.seed = 1});
  EXPECT_THROW(sample_binomial(stream, -1, 0.5), InternalError);
  EXPECT_THROW(sample_binomial(stream, 2.5, 0.5), InternalError);
  EXPECT_THROW(sample_binomial(stream, 10, 1.5), InternalError);
  EXPECT_THROW(sample_binomial(stream, 10, std::nan("")), InternalError);
}

TEST(SampleMultinomial, AssignsEveryoneOnceAndFollowsTheShares) {
  const std::vector<double> shares{0.5, 0.3, 0.15};
  std::vector<double> totals(3, 0.0);
  double unassigned_total = 0;
  for (std::uint32_t i = 0; i < 2000; ++i) {
    RandomStream stream(StreamKey{.seed = 3, .entity = i});
    std::vector<double> out(3);
    const double unassigned = sample_multinomial(stream, 1000, shares, out);
    EXPECT_EQ(out[0] + out[1] + out[2] + unassigned, 1000);
    for (int k = 0; k < 3; ++k)
      totals[static_cast<std::size_t>(k)] += out[static_cast<std::size_t>(k)];
    unassigned_total += unassigned;
  }
  EXPECT_NEAR(totals[0] / 2e6, 0.5, 0.002);
  EXPECT_NEAR(totals[1] / 2e6, 0.3, 0.002);
  EXPECT_NEAR(totals[2] / 2e6, 0.15, 0.002);
  EXPECT_NEAR(unassigned_total / 2e6, 0.05, 0.002);
}

}  // namespace
}  // namespace migdip
