#include "migdip/diplomacy/fearon_range.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "migdip/core/error.h"

namespace migdip {
namespace {

// The example in the header.
TEST(FearonRange, HeaderExample) {
  const BargainingRange range = fearon_range(0.6, 0.1, 0.2);
  EXPECT_DOUBLE_EQ(range.lower, 0.5);
  EXPECT_DOUBLE_EQ(range.upper, 0.8);
  EXPECT_TRUE(prefers_deal(0.7, 0.6, 0.1, 0.2));
  EXPECT_FALSE(prefers_deal(0.4, 0.6, 0.1, 0.2));
}

TEST(FearonRange, IsFromPMinusCostAToPPlusCostB) {
  for (const double p : {0.3, 0.5, 0.7}) {
    for (const double cost_a : {0.0, 0.05, 0.25}) {
      for (const double cost_b : {0.0, 0.1, 0.2}) {
        const BargainingRange range = fearon_range(p, cost_a, cost_b);
        EXPECT_DOUBLE_EQ(range.lower, p - cost_a) << p << " " << cost_a << " " << cost_b;
        EXPECT_DOUBLE_EQ(range.upper, p + cost_b) << p << " " << cost_a << " " << cost_b;
      }
    }
  }
}

TEST(FearonRange, IsClippedToThePie) {
  const BargainingRange strong_a = fearon_range(0.9, 0.1, 0.3);
  EXPECT_DOUBLE_EQ(strong_a.lower, 0.8);
  EXPECT_EQ(strong_a.upper, 1);
  const BargainingRange weak_a = fearon_range(0.05, 0.2, 0.1);
  EXPECT_EQ(weak_a.lower, 0);
  EXPECT_DOUBLE_EQ(weak_a.upper, 0.15);
  const BargainingRange costly = fearon_range(0.5, 2, 3);
  EXPECT_EQ(costly.lower, 0);
  EXPECT_EQ(costly.upper, 1);
}

TEST(FearonRange, IsNeverEmptyAndAlwaysHoldsP) {
  for (const double p : {0.0, 0.01, 0.5, 0.99, 1.0}) {
    for (const double cost_a : {0.0, 0.3, 1.5}) {
      for (const double cost_b : {0.0, 0.3, 1.5}) {
        const BargainingRange range = fearon_range(p, cost_a, cost_b);
        EXPECT_LE(range.lower, p);
        EXPECT_GE(range.upper, p);
        EXPECT_GE(range.lower, 0);
        EXPECT_LE(range.upper, 1);
        EXPECT_TRUE(prefers_deal(p, p, cost_a, cost_b));
      }
    }
  }
  // Costless conflict: the range shrinks to the point p.
  const BargainingRange point = fearon_range(0.4, 0, 0);
  EXPECT_EQ(point.lower, 0.4);
  EXPECT_EQ(point.upper, 0.4);
}

TEST(PrefersDeal, HoldsInsideTheRangeWithItsEndsIncluded) {
  // p = 0.5, cA = 0.25, cB = 0.125: the range [0.25, 0.625], exact in binary.
  EXPECT_TRUE(prefers_deal(0.25, 0.5, 0.25, 0.125));   // A indifferent
  EXPECT_TRUE(prefers_deal(0.625, 0.5, 0.25, 0.125));  // B indifferent
  EXPECT_TRUE(prefers_deal(0.4, 0.5, 0.25, 0.125));
  EXPECT_FALSE(prefers_deal(0.2, 0.5, 0.25, 0.125));  // A would rather fight
  EXPECT_FALSE(prefers_deal(0.7, 0.5, 0.25, 0.125));  // B would rather fight
  EXPECT_FALSE(prefers_deal(0, 0.5, 0.25, 0.125));
  EXPECT_FALSE(prefers_deal(1, 0.5, 0.25, 0.125));
}

TEST(FearonRange, RejectsInvalidArguments) {
  const double nan = std::nan("");
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_THROW(fearon_range(-0.1, 0.1, 0.1), InternalError);
  EXPECT_THROW(fearon_range(1.1, 0.1, 0.1), InternalError);
  EXPECT_THROW(fearon_range(nan, 0.1, 0.1), InternalError);
  EXPECT_THROW(fearon_range(0.5, -0.1, 0.1), InternalError);
  EXPECT_THROW(fearon_range(0.5, 0.1, -0.1), InternalError);
  EXPECT_THROW(fearon_range(0.5, nan, 0.1), InternalError);
  EXPECT_THROW(fearon_range(0.5, 0.1, inf), InternalError);
  EXPECT_THROW(prefers_deal(1.5, 0.5, 0.1, 0.1), InternalError);
  EXPECT_THROW(prefers_deal(-0.5, 0.5, 0.1, 0.1), InternalError);
  EXPECT_THROW(prefers_deal(nan, 0.5, 0.1, 0.1), InternalError);
  EXPECT_THROW(prefers_deal(0.5, 0.5, -1, 0.1), InternalError);
}

}  // namespace
}  // namespace migdip
