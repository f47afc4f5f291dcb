#pragma once
// One bargain at one table: the value of every agenda item and threat to both parties, the
// threat game that fixes the disagreement point (Nash 1953, on the table's own frontier), and
// the bundle and price the protocol selects (generalised Nash bargaining, or Rubinstein's
// proposer share as the demander's power).
// Pure with respect to the world: it reads the diplomacy record, never writes.

#include <cstddef>
#include <cstdint>
#include <vector>

#include <Eigen/Core>

#include "migdip/diplomacy/nash_bargaining.h"
#include "migdip/scenario/scenario.h"
#include "migdip/world/diplomacy.h"
#include "phases/diplomacy/negotiation_table.h"
#include "phases/diplomacy/valuation.h"
#include "phases/tick_context.h"

namespace migdip {

struct BargainOutcome {
  bool agreement = false;
  std::uint32_t items = 0;   ///< the bundle: bit k is agenda item k (asks, then offers)
  double payment = 0;        ///< EUR per month from demander to partner
  PartyValues gains;         ///< the bundle's value per month, before the payment
  PartyValues payoff;        ///< per month relative to the status quo, payment included
  PartyValues disagreement;  ///< per month, with the threats the threat game selects
  double surplus = 0;        ///< the best bundle's joint gain per month
  double power = 0.5;        ///< the demander's bargaining power
  int demander_threat = -1;  ///< instrument chosen in the threat game, -1 for none
  int partner_threat = -1;
  double demander_credibility = 0;
  double partner_credibility = 0;
};

/// A threat that is an option in the threat game: its value if carried out, and credibility.
struct ThreatOption {
  int instrument = -1;
  bool demanders = false;  ///< used by the demander (else by the partner)
  PartyValues effect;
  double credibility = 0;
};

class Bargainer {
 public:
  explicit Bargainer(const Scenario& scenario);

  /// Bargains at table `negotiation`. `assumed` is a threat the caller wants to see carried out
  /// first (-1: none): it is treated as in force, so any deal must revert it.
  BargainOutcome evaluate(int negotiation, const TickContext& tick, const Valuation& valuation,
                          const Diplomacy& diplomacy, int assumed = -1);

  /// Credibility of a threat: 1 when carrying it out pays by itself; otherwise the user's
  /// reputation, reduced when carrying it out would cost more than backing down.
  double credibility(int instrument, const PartyValues& effect, int user_actor,
                     bool user_is_demander, const Diplomacy& diplomacy) const;

  /// The demander's bargaining power at the table under the scenario's protocol.
  double demander_power(int negotiation, const TickContext& tick) const;

 private:
  /// The bundle the Nash product selects at one disagreement point, and its price.
  struct Settlement {
    bool agreement = false;
    std::size_t index = 0;
    double payment = 0;
    PartyValues payoff;  ///< the agreement's payoffs, or the disagreement point
  };
  Settlement settle(double d_demander, double d_partner, double power, double ceiling,
                    std::size_t bundles);

  const Scenario& scenario_;
  // Scratch space sized once for the largest table, so that bargaining never allocates.
  std::vector<PartyValues> item_values_;
  std::vector<ThreatOption> threat_options_;
  std::vector<PartyValues> bundle_gains_;  ///< per bundle, before any payment
  std::vector<PayoffPair> candidates_;
  std::vector<std::uint32_t> candidate_items_;
  std::vector<double> candidate_payments_;
  std::vector<Eigen::MatrixXd> demander_payoffs_;  ///< per table, the threat game's matrices
  std::vector<Eigen::MatrixXd> partner_payoffs_;
  std::vector<Eigen::MatrixXd> game_demander_;  ///< per table, payoffs of the threat game
  std::vector<Eigen::MatrixXd> game_partner_;
};

}  // namespace migdip
