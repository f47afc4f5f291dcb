#include "migdip/diplomacy/nash_bargaining.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <tuple>
#include <vector>

#include "migdip/core/error.h"

namespace migdip {
namespace {

// The example in the header.
TEST(NashSplit, HeaderExample) {
  const NashOutcome deal = nash_split(10, 2, 3, 0.8);
  EXPECT_TRUE(deal.agreement);
  EXPECT_DOUBLE_EQ(deal.payoff1, 6);
  EXPECT_DOUBLE_EQ(deal.payoff2, 4);
}

class NashSplitClosedForm
    : public ::testing::TestWithParam<std::tuple<double, double, double, double>> {};

// u1 = d1 + a (S - d1 - d2), u2 = d2 + (1 - a) (S - d1 - d2), on the frontier u1 + u2 = S.
TEST_P(NashSplitClosedForm, MatchesTheFormula) {
  const auto [surplus, d1, d2, a] = GetParam();
  const NashOutcome deal = nash_split(surplus, d1, d2, a);
  const double gain = surplus - d1 - d2;
  EXPECT_TRUE(deal.agreement);
  EXPECT_NEAR(deal.payoff1, d1 + a * gain, 1e-12);
  EXPECT_NEAR(deal.payoff2, d2 + (1 - a) * gain, 1e-12);
  EXPECT_NEAR(deal.payoff1 + deal.payoff2, surplus, 1e-12);
}

INSTANTIATE_TEST_SUITE_P(
    SeveralFrontiers, NashSplitClosedForm,
    ::testing::Values(std::tuple{10.0, 2.0, 3.0, 0.5}, std::tuple{10.0, 2.0, 3.0, 0.25},
                      std::tuple{1.0, 0.0, 0.0, 0.7}, std::tuple{6.0, -2.0, 1.0, 0.4},
                      std::tuple{-1.0, -3.0, -2.5, 0.9}, std::tuple{1e6, 2e5, 3e5, 0.1}));

TEST(NashSplit, SymmetricPowerSplitsTheGainEqually) {
  const NashOutcome deal = nash_split(10, 2, 4, 0.5);
  EXPECT_TRUE(deal.agreement);
  EXPECT_DOUBLE_EQ(deal.payoff1, 4);  // 2 + 4 / 2
  EXPECT_DOUBLE_EQ(deal.payoff2, 6);  // 4 + 4 / 2
}

TEST(NashSplit, FullPowerTakesTheWholeGain) {
  const NashOutcome to_party1 = nash_split(10, 2, 3, 1);
  EXPECT_TRUE(to_party1.agreement);
  EXPECT_DOUBLE_EQ(to_party1.payoff1, 7);
  EXPECT_DOUBLE_EQ(to_party1.payoff2, 3);

  const NashOutcome to_party2 = nash_split(10, 2, 3, 0);
  EXPECT_TRUE(to_party2.agreement);
  EXPECT_DOUBLE_EQ(to_party2.payoff1, 2);
  EXPECT_DOUBLE_EQ(to_party2.payoff2, 8);
}

TEST(NashSplit, NoAgreementWithoutAPositiveGain) {
  const NashOutcome short_of_it = nash_split(4, 2, 3, 0.5);
  EXPECT_FALSE(short_of_it.agreement);
  EXPECT_EQ(short_of_it.payoff1, 2);
  EXPECT_EQ(short_of_it.payoff2, 3);

  // At S = d1 + d2 there is nothing to gain: reported as no agreement, at the same payoffs.
  const NashOutcome exactly = nash_split(5, 2, 3, 0.5);
  EXPECT_FALSE(exactly.agreement);
  EXPECT_EQ(exactly.payoff1, 2);
  EXPECT_EQ(exactly.payoff2, 3);
}

TEST(NashSplit, RejectsInvalidArguments) {
  const double nan = std::nan("");
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_THROW(nash_split(10, 2, 3, -0.1), InternalError);
  EXPECT_THROW(nash_split(10, 2, 3, 1.1), InternalError);
  EXPECT_THROW(nash_split(10, 2, 3, nan), InternalError);
  EXPECT_THROW(nash_split(nan, 2, 3, 0.5), InternalError);
  EXPECT_THROW(nash_split(inf, 2, 3, 0.5), InternalError);
  EXPECT_THROW(nash_split(10, nan, 3, 0.5), InternalError);
  EXPECT_THROW(nash_split(10, 2, -inf, 0.5), InternalError);
}

TEST(NashChoice, PicksTheLargestNashProduct) {
  const std::vector<PayoffPair> deals{{5, 1}, {3, 3}, {1, 5}};
  // Symmetric: 3 * 3 beats 5 * 1.
  const NashChoice symmetric = nash_choice(deals, 0, 0, 0.5);
  EXPECT_TRUE(symmetric.agreement);
  EXPECT_EQ(symmetric.index, 1u);
  EXPECT_EQ(symmetric.outcome.payoff1, 3);
  EXPECT_EQ(symmetric.outcome.payoff2, 3);
  // Power 0.8: 5^0.8 = 3.62 beats 3^0.8 3^0.2 = 3 and 1^0.8 5^0.2 = 1.38.
  EXPECT_EQ(nash_choice(deals, 0, 0, 0.8).index, 0u);
  EXPECT_EQ(nash_choice(deals, 0, 0, 0.2).index, 2u);
  // Gains are measured from the disagreement point: from (0, 2), {3, 3} gives 3 * 1 and
  // {1, 5} gives 1 * 3, a tie the first wins, while {5, 1} leaves party 2 below 2.
  EXPECT_EQ(nash_choice(deals, 0, 2, 0.5).index, 1u);
  // From (2.5, 0), only {3, 3} and {5, 1} are acceptable: 0.5 * 3 = 1.5 < 2.5 * 1.
  EXPECT_EQ(nash_choice(deals, 2.5, 0, 0.5).index, 0u);
}

TEST(NashChoice, MatchesTheLinearFrontierOnAFineGrid) {
  // Candidates spread along u1 + u2 = 10: the choice must sit next to nash_split's point.
  std::vector<PayoffPair> frontier;
  for (int k = 0; k <= 1000; ++k) {
    const double u1 = -2 + 14 * k / 1000.0;
    frontier.push_back({u1, 10 - u1});
  }
  for (const double a : {0.0, 0.2, 0.5, 0.75, 1.0}) {
    const NashOutcome exact = nash_split(10, 1.5, 2.5, a);
    const NashChoice chosen = nash_choice(frontier, 1.5, 2.5, a);
    ASSERT_TRUE(chosen.agreement) << "a = " << a;
    EXPECT_NEAR(chosen.outcome.payoff1, exact.payoff1, 0.014) << "a = " << a;
    EXPECT_NEAR(chosen.outcome.payoff2, exact.payoff2, 0.014) << "a = " << a;
  }
}

TEST(NashChoice, ZeroGainsOnlyCountForAPartyWithoutPower) {
  const std::vector<PayoffPair> deals{{4, 1}, {3, 2}};
  // a = 1: party 2 has exponent 0 and accepts u2 = d2 = 1; party 1's best is {4, 1}.
  EXPECT_EQ(nash_choice(deals, 0, 1, 1).index, 0u);
  // a = 0.5: {4, 1} gives party 2 no gain, a product of zero, so {3, 2} is chosen.
  EXPECT_EQ(nash_choice(deals, 0, 1, 0.5).index, 1u);
  // Only the disagreement point itself on offer: nothing to gain, no agreement.
  const std::vector<PayoffPair> status_quo{{0, 1}};
  EXPECT_FALSE(nash_choice(status_quo, 0, 1, 0.5).agreement);
}

TEST(NashChoice, NoAgreementWhenNothingIsAcceptable) {
  const std::vector<PayoffPair> deals{{5, 1}, {1, 5}};
  const NashChoice none = nash_choice(deals, 2, 2, 0.5);
  EXPECT_FALSE(none.agreement);
  EXPECT_EQ(none.index, deals.size());
  EXPECT_EQ(none.outcome.payoff1, 2);
  EXPECT_EQ(none.outcome.payoff2, 2);
  EXPECT_FALSE(nash_choice({}, 0, 0, 0.5).agreement);
}

TEST(NashChoice, TiesGoToTheFirstCandidate) {
  const std::vector<PayoffPair> deals{{1, 1}, {3, 1}, {1, 3}};
  EXPECT_EQ(nash_choice(deals, 0, 0, 0.5).index, 1u);
  const std::vector<PayoffPair> reversed{{1, 3}, {3, 1}};
  EXPECT_EQ(nash_choice(reversed, 0, 0, 0.5).index, 0u);
}

TEST(NashChoice, RejectsInvalidArguments) {
  const std::vector<PayoffPair> deals{{1, 1}};
  const std::vector<PayoffPair> broken{{1, 1}, {std::nan(""), 1}};
  EXPECT_THROW(nash_choice(deals, 0, 0, -0.5), InternalError);
  EXPECT_THROW(nash_choice(deals, 0, 0, 2), InternalError);
  EXPECT_THROW(nash_choice(deals, 0, 0, std::nan("")), InternalError);
  EXPECT_THROW(nash_choice(deals, std::nan(""), 0, 0.5), InternalError);
  EXPECT_THROW(nash_choice(broken, 0, 0, 0.5), InternalError);
}

TEST(VariableThreats, FindsTheEquilibriumOfTheThreatGame) {
  // Party 1 (rows): do nothing, or open the gates, which costs it something but costs party 2
  // far more. Party 2 (columns): do nothing, cut aid, impose sanctions. Surplus 10, a = 0.5, so
  // each side's Nash share is 5 + (its disagreement payoff - the other's) / 2.
  Eigen::MatrixXd d1(2, 3);
  Eigen::MatrixXd d2(2, 3);
  d1 << 2.0, 1.0, 0.5,  //
      1.5, 0.5, -0.5;
  d2 << 3.0, 2.5, 2.0,  //
      0.0, -0.5, -1.0;
  const ThreatEquilibrium eq = variable_threat_equilibrium(10, d1, d2, 0.5);
  ASSERT_TRUE(eq.found);
  EXPECT_EQ(eq.equilibria, 1);
  // Opening the gates lowers party 1's own disagreement payoff, yet raises its Nash share.
  EXPECT_EQ(eq.threat1, 1);
  EXPECT_EQ(eq.threat2, 2);
  EXPECT_TRUE(eq.outcome.agreement);
  EXPECT_DOUBLE_EQ(eq.outcome.payoff1, 5.25);  // -0.5 + (10 + 0.5 + 1) / 2
  EXPECT_DOUBLE_EQ(eq.outcome.payoff2, 4.75);
}

TEST(VariableThreats, ReportsTheFirstOfSeveralEquilibria) {
  Eigen::MatrixXd d1(2, 3);
  Eigen::MatrixXd d2(2, 3);
  d1 << 2.0, 1.0, 0.5,  //
      1.5, 0.5, 0.0;
  d2 << 3.0, 2.5, 2.0,  //
      0.0, -0.5, -1.0;
  // In row 1 cutting aid and sanctions leave d1 - d2 = 1 alike: both are equilibria.
  const ThreatEquilibrium eq = variable_threat_equilibrium(10, d1, d2, 0.5);
  ASSERT_TRUE(eq.found);
  EXPECT_EQ(eq.equilibria, 2);
  EXPECT_EQ(eq.threat1, 1);
  EXPECT_EQ(eq.threat2, 1);
  EXPECT_DOUBLE_EQ(eq.outcome.payoff1, 5.5);
}

TEST(VariableThreats, ExecutedThreatsWhenNoSplitBeatsThem) {
  // With threat 1, party 2 gets 2.5 alone, more than its share 2 of the deal under threat 0;
  // the threats then are carried out and nobody agrees.
  Eigen::MatrixXd d1(1, 2);
  Eigen::MatrixXd d2(1, 2);
  d1 << 1.0, 3.0;
  d2 << 1.0, 2.5;
  const ThreatEquilibrium eq = variable_threat_equilibrium(4, d1, d2, 0.5);
  ASSERT_TRUE(eq.found);
  EXPECT_EQ(eq.threat2, 1);
  EXPECT_FALSE(eq.outcome.agreement);
  EXPECT_EQ(eq.outcome.payoff1, 3.0);
  EXPECT_EQ(eq.outcome.payoff2, 2.5);
}

TEST(VariableThreats, ReportsAGameWithoutAPureEquilibrium) {
  // Matching pennies in d1 - d2: each best reply invites the other's switch.
  Eigen::MatrixXd d1(2, 2);
  Eigen::MatrixXd d2(2, 2);
  d1 << 1.0, 0.0,  //
      0.0, 1.0;
  d2 << 0.0, 1.0,  //
      1.0, 0.0;
  const ThreatEquilibrium eq = variable_threat_equilibrium(10, d1, d2, 0.5);
  EXPECT_FALSE(eq.found);
  EXPECT_EQ(eq.equilibria, 0);
}

TEST(VariableThreats, RejectsInvalidArguments) {
  const Eigen::MatrixXd empty(0, 0);
  const Eigen::MatrixXd square = Eigen::MatrixXd::Zero(2, 2);
  const Eigen::MatrixXd wide = Eigen::MatrixXd::Zero(2, 3);
  EXPECT_THROW(variable_threat_equilibrium(10, empty, empty, 0.5), InternalError);
  EXPECT_THROW(variable_threat_equilibrium(10, square, wide, 0.5), InternalError);
  EXPECT_THROW(variable_threat_equilibrium(10, square, square, 1.5), InternalError);
  Eigen::MatrixXd with_nan = square;
  with_nan(1, 0) = std::nan("");
  EXPECT_THROW(variable_threat_equilibrium(10, with_nan, square, 0.5), InternalError);
}

}  // namespace
}  // namespace migdip
