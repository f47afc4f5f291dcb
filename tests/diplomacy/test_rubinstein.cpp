#include "migdip/diplomacy/rubinstein.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "migdip/core/error.h"

namespace migdip {
namespace {

// The example in the header.
TEST(Rubinstein, HeaderExample) {
  EXPECT_NEAR(rubinstein_proposer_share(0.9, 0.9), 0.526316, 1e-6);
  const RubinsteinOutcome deal = rubinstein_split(
      {.proposer_discount = 0.9, .responder_discount = 0.9, .responder_outside_option = 0.6});
  EXPECT_TRUE(deal.agreement);
  EXPECT_NEAR(deal.proposer_share, 0.4, 1e-12);
  EXPECT_NEAR(deal.responder_share, 0.6, 1e-12);
}

TEST(Rubinstein, ProposerShareMatchesTheClosedForm) {
  EXPECT_NEAR(rubinstein_proposer_share(0.9, 0.9), 0.526316, 1e-6);
  EXPECT_NEAR(rubinstein_proposer_share(0.9, 0.8), 0.714286, 1e-6);
  EXPECT_NEAR(rubinstein_proposer_share(0.8, 0.9), 0.357143, 1e-6);  // (0.1) / (0.28)
  EXPECT_DOUBLE_EQ(rubinstein_proposer_share(0, 0), 1);  // a responder who cannot wait gets 0
  EXPECT_DOUBLE_EQ(rubinstein_proposer_share(0, 0.5), 0.5);
  EXPECT_DOUBLE_EQ(rubinstein_proposer_share(0.5, 0), 1);
  // Equal patience tends to an equal split, with the proposer's edge shrinking.
  EXPECT_NEAR(rubinstein_proposer_share(0.999, 0.999), 1 / 1.999, 1e-12);
}

TEST(Rubinstein, SplitWithoutOutsideOptionsIsRubinsteins) {
  for (const double d1 : {0.0, 0.3, 0.8, 0.95}) {
    for (const double d2 : {0.0, 0.3, 0.8, 0.95}) {
      const RubinsteinOutcome deal =
          rubinstein_split({.proposer_discount = d1, .responder_discount = d2});
      EXPECT_TRUE(deal.agreement);
      EXPECT_NEAR(deal.proposer_share, (1 - d2) / (1 - d1 * d2), 1e-12);
      EXPECT_NEAR(deal.responder_share, d2 * (1 - d1) / (1 - d1 * d2), 1e-12);
      EXPECT_FALSE(deal.proposer_option_binds);
      EXPECT_FALSE(deal.responder_option_binds);
    }
  }
}

TEST(Rubinstein, ResponderOutsideOptionBindsOnlyAboveItsInsideShare) {
  // At d1 = d2 = 0.9 the responder's inside share is 0.9 * 0.1 / 0.19 = 0.473684.
  const RubinsteinOutcome below = rubinstein_split(
      {.proposer_discount = 0.9, .responder_discount = 0.9, .responder_outside_option = 0.3});
  EXPECT_TRUE(below.agreement);
  EXPECT_NEAR(below.proposer_share, 0.526316, 1e-6);
  EXPECT_NEAR(below.responder_share, 0.473684, 1e-6);
  EXPECT_FALSE(below.responder_option_binds);

  const RubinsteinOutcome above = rubinstein_split(
      {.proposer_discount = 0.9, .responder_discount = 0.9, .responder_outside_option = 0.6});
  EXPECT_TRUE(above.agreement);
  EXPECT_NEAR(above.responder_share, 0.6, 1e-12);
  EXPECT_NEAR(above.proposer_share, 0.4, 1e-12);
  EXPECT_TRUE(above.responder_option_binds);
  EXPECT_FALSE(above.proposer_option_binds);

  // Either side of the threshold.
  EXPECT_NEAR(
      rubinstein_split(
          {.proposer_discount = 0.9, .responder_discount = 0.9, .responder_outside_option = 0.47})
          .responder_share,
      0.473684, 1e-6);
  EXPECT_NEAR(
      rubinstein_split(
          {.proposer_discount = 0.9, .responder_discount = 0.9, .responder_outside_option = 0.48})
          .responder_share,
      0.48, 1e-12);
  // The whole pie as an outside option: the responder gets everything.
  EXPECT_NEAR(
      rubinstein_split(
          {.proposer_discount = 0.9, .responder_discount = 0.8, .responder_outside_option = 1})
          .responder_share,
      1, 1e-12);
}

TEST(Rubinstein, ProposerOutsideOptionBindsAboveItsShareAsResponder) {
  // Party 1 only walks away when responding to party 2's offer, where its inside share is
  // d1 x = 0.9 * 0.526316 = 0.473684. Below that the option changes nothing.
  const RubinsteinOutcome below = rubinstein_split(
      {.proposer_discount = 0.9, .responder_discount = 0.9, .proposer_outside_option = 0.4});
  EXPECT_NEAR(below.proposer_share, 0.526316, 1e-6);
  EXPECT_FALSE(below.proposer_option_binds);
  // Above it, party 2 must offer o1 in its rounds, and party 1's own offer rises to
  // 1 - d2 (1 - o1): 1 - 0.9 * 0.5 = 0.55, even though 0.5 is below its inside share 0.526.
  const RubinsteinOutcome above = rubinstein_split(
      {.proposer_discount = 0.9, .responder_discount = 0.9, .proposer_outside_option = 0.5});
  EXPECT_NEAR(above.proposer_share, 0.55, 1e-12);
  EXPECT_NEAR(above.responder_share, 0.45, 1e-12);
  EXPECT_TRUE(above.proposer_option_binds);
  EXPECT_FALSE(above.responder_option_binds);
  EXPECT_NEAR(
      rubinstein_split(
          {.proposer_discount = 0.9, .responder_discount = 0.9, .proposer_outside_option = 0.6})
          .proposer_share,
      0.64, 1e-12);
}

TEST(Rubinstein, BothOutsideOptionsBind) {
  const RubinsteinOutcome deal = rubinstein_split({.proposer_discount = 0.9,
                                                   .responder_discount = 0.9,
                                                   .proposer_outside_option = 0.5,
                                                   .responder_outside_option = 0.48});
  EXPECT_TRUE(deal.agreement);
  EXPECT_NEAR(deal.proposer_share, 0.52, 1e-12);
  EXPECT_NEAR(deal.responder_share, 0.48, 1e-12);
  EXPECT_TRUE(deal.proposer_option_binds);
  EXPECT_TRUE(deal.responder_option_binds);
}

TEST(Rubinstein, NoAgreementWhenTheOptionsExceedThePie) {
  const RubinsteinOutcome none = rubinstein_split({.proposer_discount = 0.9,
                                                   .responder_discount = 0.9,
                                                   .proposer_outside_option = 0.5,
                                                   .responder_outside_option = 0.6});
  EXPECT_FALSE(none.agreement);
  EXPECT_EQ(none.proposer_share, 0.5);
  EXPECT_EQ(none.responder_share, 0.6);
  EXPECT_FALSE(
      rubinstein_split(
          {.proposer_discount = 0.5, .responder_discount = 0.5, .responder_outside_option = 1.2})
          .agreement);
  // Options that exactly exhaust the pie still leave a deal: each gets its option.
  const RubinsteinOutcome exact = rubinstein_split({.proposer_discount = 0.9,
                                                    .responder_discount = 0.9,
                                                    .proposer_outside_option = 0.5,
                                                    .responder_outside_option = 0.5});
  EXPECT_TRUE(exact.agreement);
  EXPECT_NEAR(exact.proposer_share, 0.5, 1e-12);
}

// The closed form against the fixed point of the stationary equations, found by iteration
// (backward induction over a long horizon): x = 1 - max(d2 (1 - max(d1 x, o1)), o2).
TEST(Rubinstein, AgreesWithTheStationaryEquations) {
  for (const double d1 : {0.0, 0.3, 0.8, 0.95}) {
    for (const double d2 : {0.0, 0.3, 0.8, 0.95}) {
      for (const double o1 : {0.0, 0.2, 0.45, 0.7}) {
        for (const double o2 : {0.0, 0.2, 0.45, 0.7}) {
          if (o1 + o2 > 1) {
            continue;
          }
          double x = 0;
          for (int round = 0; round < 2000; ++round) {
            x = 1 - std::max(d2 * (1 - std::max(d1 * x, o1)), o2);
          }
          const RubinsteinOutcome deal = rubinstein_split({.proposer_discount = d1,
                                                           .responder_discount = d2,
                                                           .proposer_outside_option = o1,
                                                           .responder_outside_option = o2});
          ASSERT_TRUE(deal.agreement);
          EXPECT_NEAR(deal.proposer_share, x, 1e-12)
              << "d1 " << d1 << " d2 " << d2 << " o1 " << o1 << " o2 " << o2;
          EXPECT_NEAR(deal.proposer_share + deal.responder_share, 1, 1e-15);
        }
      }
    }
  }
}

TEST(Rubinstein, RejectsInvalidArguments) {
  const double nan = std::nan("");
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_THROW(rubinstein_proposer_share(1, 0.5), InternalError);
  EXPECT_THROW(rubinstein_proposer_share(0.5, 1), InternalError);
  EXPECT_THROW(rubinstein_proposer_share(-0.1, 0.5), InternalError);
  EXPECT_THROW(rubinstein_proposer_share(0.5, 1.5), InternalError);
  EXPECT_THROW(rubinstein_proposer_share(nan, 0.5), InternalError);
  EXPECT_THROW(rubinstein_split({.proposer_discount = 1, .responder_discount = 0.5}),
               InternalError);
  // A discount factor left unset is NaN.
  EXPECT_THROW(rubinstein_split({.proposer_discount = 0.9}), InternalError);
  EXPECT_THROW(
      rubinstein_split(
          {.proposer_discount = 0.9, .responder_discount = 0.9, .proposer_outside_option = -0.1}),
      InternalError);
  EXPECT_THROW(
      rubinstein_split(
          {.proposer_discount = 0.9, .responder_discount = 0.9, .responder_outside_option = nan}),
      InternalError);
  EXPECT_THROW(
      rubinstein_split(
          {.proposer_discount = 0.9, .responder_discount = 0.9, .responder_outside_option = inf}),
      InternalError);
}

TEST(DiscountFactor, FromPatience) {
  EXPECT_DOUBLE_EQ(discount_factor(0.01, 3), std::exp(-0.03));
  EXPECT_DOUBLE_EQ(discount_factor(0.05, 1), std::exp(-0.05));
  // Longer rounds or a higher rate: less patient.
  EXPECT_LT(discount_factor(0.01, 6), discount_factor(0.01, 3));
  EXPECT_LT(discount_factor(0.02, 3), discount_factor(0.01, 3));
}

TEST(DiscountFactor, FromTimeToTheNextElection) {
  EXPECT_DOUBLE_EQ(election_discount(24, 1), std::exp(-1.0 / 24));
  EXPECT_DOUBLE_EQ(election_discount(3, 1), std::exp(-1.0 / 3));
  // A government facing an election sooner is less patient and so gets less as proposer.
  const double soon = election_discount(3, 1);
  const double late = election_discount(36, 1);
  EXPECT_LT(soon, late);
  EXPECT_LT(rubinstein_proposer_share(soon, 0.9), rubinstein_proposer_share(late, 0.9));
  // Combined with ordinary patience by multiplication.
  EXPECT_NEAR(discount_factor(0.01, 1) * election_discount(24, 1), std::exp(-0.01 - 1.0 / 24),
              1e-15);
}

TEST(DiscountFactor, RejectsInvalidArguments) {
  const double nan = std::nan("");
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_THROW(discount_factor(0, 1), InternalError);
  EXPECT_THROW(discount_factor(-0.1, 1), InternalError);
  EXPECT_THROW(discount_factor(0.1, 0), InternalError);
  EXPECT_THROW(discount_factor(nan, 1), InternalError);
  EXPECT_THROW(discount_factor(0.1, inf), InternalError);
  EXPECT_THROW(election_discount(0, 1), InternalError);
  EXPECT_THROW(election_discount(-12, 1), InternalError);
  EXPECT_THROW(election_discount(12, -1), InternalError);
  EXPECT_THROW(election_discount(inf, 1), InternalError);
  EXPECT_THROW(election_discount(12, nan), InternalError);
}

}  // namespace
}  // namespace migdip
