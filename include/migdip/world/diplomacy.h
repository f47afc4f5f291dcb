#pragma once
// The strategic layer's state: deals signed, the negotiation log, reputations, and the
// instruments in force. Written only by the diplomacy phase; read by the policy phase (deal
// payments) and the recorders.

#include <cstdint>
#include <string_view>
#include <vector>

#include <Eigen/Core>

namespace migdip {

enum class DealStatus { active, expired, breached, voided, renegotiated };

std::string_view to_string(DealStatus status);

/// A bundle of commitments between a demander and a partner, in force from `signed_tick`.
struct Deal {
  int negotiation = -1;
  int signed_tick = 0;
  int implement_tick = 0;  ///< tick at which the partner's commitments take effect
  bool implemented = false;
  int end_tick = 0;      ///< tick at which it expires unless it ends earlier
  int closed_tick = -1;  ///< tick at which it stopped being active (-1: still active)
  /// Bit k set: the k-th item of the negotiation's agenda is part of the deal, where the agenda
  /// is its asks followed by its offers.
  std::uint32_t items = 0;
  double payment_per_month = 0;  ///< EUR, before conditionality
  double demander_gain = 0;      ///< EUR per month the demander expected at signing
  double partner_gain = 0;       ///< EUR per month the partner expected at signing
  int partner_government = 0;    ///< the partner's government counter at signing
  int demander_government = 0;   ///< the demander's (summed over a bloc's members)
  DealStatus status = DealStatus::active;
  double compliance = 1;  ///< the partner's delivered share of its commitments, last observed
  double paid = 0;        ///< EUR paid so far
};

enum class NegotiationAction {
  proposed,            ///< a party put terms on the table
  accepted,            ///< the other party accepted them: a deal is signed
  no_agreement,        ///< no terms leave both better off than disagreeing
  threat_announced,    ///< a threat entered the bargain (it moved the disagreement point)
  threat_conceded,     ///< the threatened party agreed to terms that reflect it
  threat_resisted,     ///< the threatened party refused terms that would reflect it
  threat_carried_out,  ///< the threatener used the instrument
  threat_abandoned,    ///< the threatener backed down, or stopped using it
  deal_expired,
  deal_breached,      ///< the demander judged compliance below the threshold
  deal_voided,        ///< a change of government in a party voided it
  deal_renegotiated,  ///< replaced by a new deal on better terms for the partner
  table_opened,       ///< the demander opened a self-opened table (pressure crossed its threshold)
};

std::string_view to_string(NegotiationAction action);

/// One line of the negotiation log.
struct NegotiationEntry {
  int tick = 0;
  int negotiation = -1;
  int deal = -1;  ///< the deal concerned, -1 for none
  NegotiationAction action = NegotiationAction::proposed;
  int actor = -1;       ///< who acted: a state, or a bloc as state_count() + bloc index
  int instrument = -1;  ///< the threat concerned, -1 for none
  double value = 0;     ///< payment (EUR/month) for proposals and deals; credibility for threats
};

struct Diplomacy {
  std::vector<Deal> deals;             ///< every deal signed, in order of signature
  std::vector<NegotiationEntry> log;   ///< in tick order
  Eigen::ArrayXi active_deal;          ///< per negotiation: index into deals, -1 for none
  Eigen::ArrayXi next_bargain_tick;    ///< per negotiation: no bargaining before this tick
  Eigen::ArrayXXd last_inputs;         ///< per negotiation: what its last evaluation saw
  Eigen::ArrayXd surplus;              ///< per negotiation: EUR/month, last evaluation
  Eigen::ArrayXd deal_payment;         ///< per negotiation: EUR due this tick under its deal
  Eigen::ArrayXXd compliance_history;  ///< negotiation x monitoring slot (a ring over ticks)
  Eigen::ArrayXi evaluations;          ///< per negotiation: bargains evaluated so far
  Eigen::ArrayXi agreed_last;          ///< per negotiation: 1 if its last bargain agreed
  Eigen::ArrayXi changed;              ///< per negotiation: 1 when its table changed this tick
  Eigen::ArrayXi opened;  ///< per negotiation: 1 once a self-opened table is open (fixed: 1)

  Eigen::ArrayXd reputation;     ///< per actor, in [0, 1]
  Eigen::ArrayXd credibility;    ///< per instrument: credibility of its threat, last evaluated
  Eigen::ArrayXi in_force;       ///< per instrument: 1 while it is being used
  Eigen::ArrayXd baseline;       ///< per instrument: the lever value it replaced
  Eigen::ArrayXd applied_value;  ///< per instrument: the lever value it set
  Eigen::ArrayXi announced;      ///< per instrument: 1 while an announced threat is pending
  /// Per instrument: the negotiation whose deal or threat put it in force (-1: none). Its state
  /// is the instrument's, one for all tables: only the table holding it can end it, and at any
  /// other table it is part of the world as it stands (docs/model.md 7.4, "One instrument, one
  /// state").
  Eigen::ArrayXi holder;

  /// Whether another table than `negotiation` holds the instrument in force.
  bool held_elsewhere(int instrument, int negotiation) const {
    return in_force(instrument) != 0 && holder(instrument) >= 0 &&
           holder(instrument) != negotiation;
  }
  /// Per instrument: tick at which its threat was last announced or carried out (-1: never);
  /// it stands for [diplomacy] threat_minimum_months from then.
  Eigen::ArrayXi threat_tick;
  /// Per instrument: what states believe it does, as a multiple of the linear response of
  /// valuation.cpp (1 until learning moves it; learning.cpp).
  Eigen::ArrayXd learned_effect;

  Eigen::ArrayXd audience_costs;  ///< per actor: EUR of backing down paid this tick
  Eigen::ArrayXd utility;         ///< per state: realised utility this tick (EUR)
  Eigen::ArrayXd leaked;  ///< per state: EUR of deal payments received that leaked this tick
};

}  // namespace migdip
