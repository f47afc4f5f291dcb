#include "migdip/diplomacy/nash_bargaining.h"

#include <cmath>
#include <limits>
#include <string>

#include "migdip/core/error.h"

namespace migdip {
namespace {

void check_power(double power1) {
  // Written so that NaN fails too.
  if (!(power1 >= 0 && power1 <= 1)) {
    throw InternalError("Nash bargaining power " + std::to_string(power1) + " is outside [0, 1]");
  }
}

void check_finite(double value, const char* what) {
  if (!std::isfinite(value)) {
    throw InternalError(std::string("Nash bargaining with a non-finite ") + what);
  }
}

// The logarithm of one factor g^e of the Nash product, or -infinity when the
// candidate is unacceptable for this party. A zero exponent contributes g^0 = 1 (log 0) and only
// needs g >= 0; a positive one needs g > 0, since a zero factor makes the product zero.
double log_factor(double gain, double exponent) {
  if (exponent == 0) {
    return gain >= 0 ? 0.0 : -std::numeric_limits<double>::infinity();
  }
  return gain > 0 ? exponent * std::log(gain) : -std::numeric_limits<double>::infinity();
}

}  // namespace

NashOutcome nash_split(double surplus, double disagreement1, double disagreement2, double power1) {
  check_power(power1);
  check_finite(surplus, "surplus");
  check_finite(disagreement1, "disagreement payoff");
  check_finite(disagreement2, "disagreement payoff");
  const double gain = surplus - disagreement1 - disagreement2;
  if (!(gain > 0)) {
    return {.agreement = false, .payoff1 = disagreement1, .payoff2 = disagreement2};
  }
  // Party 2's payoff is computed as the remainder so that the two always sum to the surplus.
  const double payoff1 = disagreement1 + power1 * gain;
  return {.agreement = true, .payoff1 = payoff1, .payoff2 = surplus - payoff1};
}

NashChoice nash_choice(std::span<const PayoffPair> candidates, double disagreement1,
                       double disagreement2, double power1) {
  check_power(power1);
  check_finite(disagreement1, "disagreement payoff");
  check_finite(disagreement2, "disagreement payoff");
  NashChoice best{
      .agreement = false,
      .index = candidates.size(),
      .outcome = {.agreement = false, .payoff1 = disagreement1, .payoff2 = disagreement2}};
  double best_log_product = -std::numeric_limits<double>::infinity();
  for (std::size_t k = 0; k < candidates.size(); ++k) {
    const PayoffPair& candidate = candidates[k];
    check_finite(candidate.payoff1, "candidate payoff");
    check_finite(candidate.payoff2, "candidate payoff");
    const double log_product = log_factor(candidate.payoff1 - disagreement1, power1) +
                               log_factor(candidate.payoff2 - disagreement2, 1 - power1);
    // Strictly greater, so that ties keep the earlier candidate; -infinity never wins.
    if (log_product > best_log_product) {
      best_log_product = log_product;
      best = {.agreement = true,
              .index = k,
              .outcome = {
                  .agreement = true, .payoff1 = candidate.payoff1, .payoff2 = candidate.payoff2}};
    }
  }
  return best;
}

ThreatEquilibrium variable_threat_equilibrium(double surplus, const Eigen::MatrixXd& disagreement1,
                                              const Eigen::MatrixXd& disagreement2, double power1) {
  const Eigen::Index rows = disagreement1.rows();
  const Eigen::Index cols = disagreement1.cols();
  if (rows == 0 || cols == 0 || disagreement2.rows() != rows || disagreement2.cols() != cols) {
    throw InternalError("threat game with empty or mismatched threat matrices");
  }
  // Each side's payoff in the threat game is what the Nash split gives it at the disagreement
  // point the two threats produce.
  Eigen::MatrixXd payoff1(rows, cols);
  Eigen::MatrixXd payoff2(rows, cols);
  for (Eigen::Index i = 0; i < rows; ++i) {
    for (Eigen::Index j = 0; j < cols; ++j) {
      const NashOutcome split =
          nash_split(surplus, disagreement1(i, j), disagreement2(i, j), power1);
      payoff1(i, j) = split.payoff1;
      payoff2(i, j) = split.payoff2;
    }
  }
  // A pair is an equilibrium when party 1's threat is a best reply in its column and party 2's
  // is a best reply in its row.
  ThreatEquilibrium result;
  for (Eigen::Index i = 0; i < rows; ++i) {
    for (Eigen::Index j = 0; j < cols; ++j) {
      if (payoff1(i, j) < payoff1.col(j).maxCoeff() || payoff2(i, j) < payoff2.row(i).maxCoeff()) {
        continue;
      }
      if (!result.found) {
        result.found = true;
        result.threat1 = i;
        result.threat2 = j;
        result.outcome = nash_split(surplus, disagreement1(i, j), disagreement2(i, j), power1);
      }
      ++result.equilibria;
    }
  }
  return result;
}

}  // namespace migdip
