#pragma once
// A negotiation: a standing bargaining table between a demander and a partner (each a state or
// a bloc), with the agenda each side may put on it. The diplomacy phase bargains at every
// table whose agenda could still gain something and turns agreements into deals.

#include <string>
#include <string_view>
#include <vector>

#include "migdip/scenario/event_spec.h"
#include "migdip/scenario/strategic_inputs.h"

namespace migdip {

/// How a deal's payments respond to the partner's compliance.
enum class Conditionality {
  none,      ///< paid whatever the partner does
  positive,  ///< "more for more": each payment is scaled by the compliance observed
  negative,  ///< "less for less": no new money; the demander's aid cut is the stick
  reverse,   ///< the partner sets the terms: it proposes, and is paid before it delivers
};

std::string_view to_string(Conditionality conditionality);

/// What the demander judges the partner's compliance on.
enum class ComplianceBasis {
  lever,    ///< the delivered share of each committed lever
  outcome,  ///< the delivered share of the reduction in arrivals the deal was expected to bring
};

std::string_view to_string(ComplianceBasis basis);

/// Which protocol turns the parties' disagreement points into terms.
enum class BargainingProtocol {
  nash,        ///< generalised Nash bargaining with each party's bargaining_power
  rubinstein,  ///< alternating offers: power from patience and time to the next election
};

std::string_view to_string(BargainingProtocol protocol);

struct NegotiationSpec {
  std::string id;
  Party demander;  ///< wants the partner's commitments: a state or a bloc
  Party partner;   ///< gives the commitments: a state or a bloc
  /// Instruments the partner (or, for a bloc, a member) may commit to (flow controls, lifting a
  /// ban, ...). Issue linkage: any subset may make up a deal.
  std::vector<int> asks;
  /// Non-money instruments the demander (or, for a bloc, a member) may offer (pathways, visas,
  /// trade, protections).
  std::vector<int> offers;
  /// The demander's transfer instrument that prices the deal (-1: no money changes hands).
  int payment = -1;
  /// Threats either side may announce and carry out (each instrument's user says whose: a
  /// side's own, or for a bloc side, a member's).
  std::vector<int> threats;
  Conditionality conditionality = Conditionality::positive;
  int start_tick = 0;                ///< first tick at which this table bargains
  double duration_months = 24;       ///< how long a deal runs before it expires
  double monitoring_lag_months = 1;  ///< compliance is judged on what was observed this long ago
  double implementation_lag_months = 0;  ///< commitments take effect this long after signing
  double breach_threshold = 0.5;         ///< compliance below which the demander declares a breach
  double cooldown_months = 3;            ///< after a deal ends, the table waits this long
  /// A standing deal is reopened when the payment the partner could now obtain exceeds the
  /// current one by this share (renegotiation through threats).
  double renegotiation_margin = 0.25;
  /// A self-opened table (> 0): dormant until the demander's salience reaches this value while
  /// the partner is the state most of the demander's arrivals come through (table_opening.h).
  /// 0: the table is fixed by hand and opens at start_tick.
  double opens_at_salience = 0;
  /// What compliance is judged on: the levers, or the arrivals they were meant to reduce.
  ComplianceBasis compliance_basis = ComplianceBasis::lever;
  /// A deal in force when the run starts (none by default).
  DealAtStart at_start;
};

/// Settings shared by every negotiation of a scenario ([diplomacy]).
struct DiplomacySettings {
  BargainingProtocol protocol = BargainingProtocol::nash;
  double horizon_months = 12;    ///< how far ahead states weigh a deal's or threat's effects
  double reputation_step = 0.2;  ///< how far carrying out or abandoning a threat moves reputation
  double round_months = 1;       ///< length of one round of offers (rubinstein)
  /// Inputs must move by more than this share since a table's last evaluation for it to be
  /// bargained again (tables whose agenda cannot gain are not re-evaluated every tick).
  double reevaluation_tolerance = 0.05;
  /// An announced threat, or one carried out, stands at least this long: it is neither withdrawn
  /// nor called off before (0: it may be dropped at the next failed bargain).
  double threat_minimum_months = 0;
  /// A threat carried out bites this long before its table bargains again, and its user counts
  /// its cost over that time when deciding to carry it out (0: the table bargains again at the
  /// next tick, and the user counts none of the threat's cost if a deal is expected to follow).
  double threat_bite_months = 0;
  /// Memory (months) with which beliefs about what flow controls do move toward what is
  /// observed (learning.cpp); 0: no learning, every instrument does what the linear response
  /// says.
  double learning_memory_months = 0;
  /// Months of arrivals before an instrument or a deal takes effect whose mean stands for what
  /// would have happened without it (the counterfactual of learning and outcome compliance).
  double counterfactual_months = 3;
  /// Whether an exit control's expected effect also counts the arrivals it removes that would
  /// have moved on from its corridors' destinations (docs/model.md 7.4, "Expected effects"):
  /// false, the effect ends at the destination.
  bool value_onward_moves = false;
};

}  // namespace migdip
