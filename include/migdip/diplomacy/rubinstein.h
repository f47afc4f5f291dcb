#pragma once
// Rubinstein (1982) alternating offers over a unit pie, with outside options by the outside option
// principle, and the discount factors that feed it (patience, time to the next election). Building
// blocks of the strategic layer (docs/model.md, section 7.4). Formulas and references:
// docs/bargaining.md.
//
// Example (mirrored by the first test in tests/diplomacy/test_rubinstein.cpp):
//
//   // Equally patient parties: the first proposer gets (1 - 0.9) / (1 - 0.81) = 0.526316.
//   const double share = migdip::rubinstein_proposer_share(0.9, 0.9);
//   // The responder can walk away with 0.6, more than its inside share 0.473684: it gets 0.6.
//   const migdip::RubinsteinOutcome deal = migdip::rubinstein_split(
//       {.proposer_discount = 0.9, .responder_discount = 0.9, .responder_outside_option = 0.6});
//   // deal.agreement == true, deal.proposer_share == 0.4, deal.responder_share == 0.6

#include <limits>

namespace migdip {

/// The proposer's share of a unit pie in the subgame-perfect equilibrium of Rubinstein's
/// alternating-offers game, (1 - d2) / (1 - d1 d2), agreed at once. d1 is the per-round discount
/// factor of the party that proposes first, d2 that of the responder; both must lie in [0, 1)
/// (throws InternalError otherwise, NaN included). The responder gets the rest,
/// d2 (1 - d1) / (1 - d1 d2).
double rubinstein_proposer_share(double proposer_discount, double responder_discount);

/// An alternating-offers game over a unit pie: party 1 proposes first.
struct AlternatingOffers {
  /// Required: d1 in [0, 1), the proposer's discount factor per round. NaN by default, so that
  /// forgetting to set it throws.
  double proposer_discount = std::numeric_limits<double>::quiet_NaN();
  /// Required: d2 in [0, 1), the responder's discount factor per round. NaN by default.
  double responder_discount = std::numeric_limits<double>::quiet_NaN();
  /// o1 >= 0, the share of the pie party 1 gets by walking away; 0 when it has none.
  double proposer_outside_option = 0;
  /// o2 >= 0, the share of the pie party 2 gets by walking away; 0 when it has none.
  double responder_outside_option = 0;
};

/// The first-round agreement of an alternating-offers game, or its absence.
struct RubinsteinOutcome {
  /// False when o1 + o2 > 1: no split gives both what they get by walking away. The shares are
  /// then the outside options.
  bool agreement = false;
  double proposer_share = 0;   ///< party 1's share of the pie
  double responder_share = 0;  ///< party 2's share, 1 - proposer_share under agreement
  /// The proposer's outside option shapes the equilibrium: without it, it would get less.
  bool proposer_option_binds = false;
  /// The responder's outside option shapes the equilibrium; it then gets exactly o2.
  bool responder_option_binds = false;
};

/// The stationary subgame-perfect equilibrium of Rubinstein's game in which each party may walk
/// away and take its outside option (undiscounted, at once) when it rejects an offer (Shaked and
/// Sutton 1984; Binmore, Shaked and Sutton 1989; Osborne and Rubinstein 1990, ch. 3). The
/// outside option principle: an option worth less than what its holder gets as a responder in
/// the game without options changes nothing; one worth more raises its holder's responder payoff
/// to exactly the option. With x party 1's share in its own offers and y party 2's share in its
/// own offers, the stationary equilibrium solves
///   1 - x = max(d2 y, o2),   1 - y = max(d1 x, o1),
/// and party 1's first offer x is accepted at once. With o1 = 0 the responder gets
/// max(d2 (1 - d1) / (1 - d1 d2), o2): its option binds only above its inside share. A binding o1
/// raises the proposer's share to 1 - d2 (1 - o1), since party 2 must offer it at least o1.
/// When only one party holds an option this is the unique subgame-perfect equilibrium; when both
/// do, non-stationary equilibria (some with delay) exist as well (Ponsati and Sakovics 1998), and
/// this is the stationary one. No agreement when o1 + o2 > 1. Throws InternalError when a
/// discount factor is outside [0, 1) or an outside option is negative or not finite.
RubinsteinOutcome rubinstein_split(const AlternatingOffers& game);

/// The discount factor per bargaining round of a party that discounts time at `rate_per_month`
/// (continuous compounding) when a round takes `months_per_round`: exp(-rate * months).
/// Both must be finite and strictly positive, so that the factor lies in (0, 1) as
/// rubinstein_split needs (a product below about 1e-16 rounds to 1, which it rejects); throws
/// InternalError otherwise.
double discount_factor(double rate_per_month, double months_per_round);

/// The discount factor per round of a government facing an election in `months_to_election`
/// months: it treats losing office as a constant hazard of 1 / T per month (T the months to the
/// election), so a round of `months_per_round` months is worth exp(-months_per_round / T). An
/// election close at hand makes the government impatient. Both must be finite and strictly
/// positive; throws InternalError otherwise. Multiply by discount_factor to combine with
/// ordinary patience.
double election_discount(double months_to_election, double months_per_round);

}  // namespace migdip
