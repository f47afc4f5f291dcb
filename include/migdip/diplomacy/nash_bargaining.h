#pragma once
// Generalised (asymmetric) Nash bargaining between two parties: on a linear frontier, over a finite
// set of candidate deals, and with variable threats (Nash 1953). Building blocks of the strategic
// layer (docs/model.md, section 7.4). Formulas and references: docs/bargaining.md.
//
// Example (mirrored by the first test in tests/diplomacy/test_nash_bargaining.cpp):
//
//   // A surplus of 10 over disagreement payoffs 2 and 3; party 1 has bargaining power 0.8.
//   const migdip::NashOutcome deal = migdip::nash_split(10, 2, 3, 0.8);
//   // deal.agreement == true, deal.payoff1 == 2 + 0.8 * 5 == 6, deal.payoff2 == 3 + 0.2 * 5 == 4

#include <Eigen/Core>

#include <cstddef>
#include <span>

namespace migdip {

/// The outcome of a bargain between two parties.
struct NashOutcome {
  /// True when the parties agree: some deal gives both more than disagreement (see each
  /// function for the exact rule). When false the payoffs are the disagreement payoffs.
  bool agreement = false;
  double payoff1 = 0;  ///< party 1's payoff, in the units of the frontier
  double payoff2 = 0;  ///< party 2's payoff
};

/// Generalised Nash bargaining on the linear frontier u1 + u2 = surplus, where party 1 has
/// bargaining power `power1` in [0, 1] and the disagreement payoffs are d1 and d2:
///   u1 = d1 + a (S - d1 - d2),  u2 = d2 + (1 - a) (S - d1 - d2).
/// There is agreement only when the gain S - d1 - d2 is strictly positive; at or below zero the
/// result is the disagreement point (at exactly zero the payoffs would be the same either way, and
/// no deal is worth signing). All arguments must be finite; throws InternalError otherwise or
/// when power1 is outside [0, 1].
NashOutcome nash_split(double surplus, double disagreement1, double disagreement2, double power1);

/// One feasible pair of payoffs, e.g. what each party gets from one candidate deal.
struct PayoffPair {
  double payoff1 = 0;
  double payoff2 = 0;
};

/// The candidate deal a generalised Nash bargain selects from a finite set.
struct NashChoice {
  bool agreement = false;  ///< false when no candidate is acceptable (see nash_choice)
  /// Position of the chosen candidate in the span; the span's size when there is no agreement.
  std::size_t index = 0;
  /// The chosen candidate's payoffs, or the disagreement payoffs when there is no agreement.
  NashOutcome outcome;
};

/// Generalised Nash bargaining over a finite set of feasible payoff pairs: chooses the candidate
/// maximising the Nash product (u1 - d1)^a (u2 - d2)^(1 - a), a = power1 in [0, 1].
/// A candidate is acceptable only when it leaves neither party below its disagreement payoff
/// and gives a strictly positive gain to every party whose exponent is positive (a zero gain there
/// makes the product zero, no better than not agreeing); a party with exponent zero (party 2 at
/// a = 1, party 1 at a = 0) only needs u >= d. Products are compared as sums of logarithms, so
/// tiny gains do not underflow. Ties go to the first candidate in the span. Throws InternalError
/// when power1 is outside [0, 1] or a payoff is not finite.
NashChoice nash_choice(std::span<const PayoffPair> candidates, double disagreement1,
                       double disagreement2, double power1);

/// A pure-strategy equilibrium of Nash's (1953) threat game on a linear frontier.
struct ThreatEquilibrium {
  /// True when the threat game has at least one pure-strategy equilibrium. When false the other
  /// fields are meaningless (threats -1, outcome default).
  bool found = false;
  Eigen::Index threat1 = -1;  ///< party 1's threat: a row of the threat matrices
  Eigen::Index threat2 = -1;  ///< party 2's threat: a column of the threat matrices
  /// The Nash split at the disagreement point the two chosen threats produce.
  NashOutcome outcome;
  /// How many pure equilibria the threat game has; when more than one, the reported one is the
  /// first in row-major order (smallest threat1, then smallest threat2).
  int equilibria = 0;
};

/// Variable threats (Nash 1953), kept simple: party 1 chooses a threat i (a row), party 2 a
/// threat j (a column); if they fail to agree, both threats are carried out and the disagreement
/// payoffs are disagreement1(i, j) and disagreement2(i, j). For each pair of threats the parties
/// split the surplus by nash_split on the linear frontier u1 + u2 = surplus with power power1.
/// Each party then chooses its threat to maximise its own payoff from that split (its
/// disagreement payoff when there is no agreement), and the function returns a pure-strategy
/// equilibrium of this threat game: a pair where neither party gains by changing its threat
/// alone. Payoffs are compared exactly (a tie counts as a best response). Nash proves an
/// equilibrium in mixed threats always exists; this function looks only at pure threats and
/// reports found == false when there is none. Throws InternalError when the matrices are empty
/// or of different shapes, or on the conditions of nash_split.
ThreatEquilibrium variable_threat_equilibrium(double surplus, const Eigen::MatrixXd& disagreement1,
                                              const Eigen::MatrixXd& disagreement2, double power1);

}  // namespace migdip
