#pragma once
// Fearon's (1995) bargaining range: the divisions of a unit pie that two risk-neutral states
// both prefer to fighting over it. For analysis; the diplomacy phase does not call it in this
// version. Formulas and references: docs/bargaining.md.
//
// Example (mirrored by the first test in tests/diplomacy/test_fearon_range.cpp):
//
//   // A wins a conflict with probability 0.6; fighting costs A 0.1 and B 0.2 of the pie.
//   const migdip::BargainingRange range = migdip::fearon_range(0.6, 0.1, 0.2);
//   // range.lower == 0.5, range.upper == 0.8
//   // migdip::prefers_deal(0.7, 0.6, 0.1, 0.2) == true; prefers_deal(0.4, ...) == false

namespace migdip {

/// A closed interval of A's shares of the pie, [lower, upper], within [0, 1].
struct BargainingRange {
  double lower = 0;  ///< the smallest share A accepts rather than fight: max(0, p - cA)
  double upper = 1;  ///< the largest share B concedes rather than fight: min(1, p + cB)
};

/// The deals x (A's share; B gets 1 - x) that both prefer, at least weakly, to a conflict A wins
/// with probability p at costs cA and cB (in units of the pie): A's expected payoff from fighting
/// is p - cA and B's is 1 - p - cB, so the range is [p - cA, p + cB] clipped to [0, 1]. It is
/// never empty, since it always contains p. p must lie in [0, 1] and the costs must be finite and
/// >= 0; throws InternalError otherwise (NaN included).
BargainingRange fearon_range(double win_probability, double cost_a, double cost_b);

/// Whether both states prefer, at least weakly, giving A the share `share_a` in [0, 1] to
/// fighting: whether share_a lies in fearon_range(win_probability, cost_a, cost_b). Throws
/// InternalError on the conditions of fearon_range or when share_a is outside [0, 1].
bool prefers_deal(double share_a, double win_probability, double cost_a, double cost_b);

}  // namespace migdip
