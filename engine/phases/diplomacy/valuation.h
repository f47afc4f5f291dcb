#pragma once
// How strategic states expect an instrument to change their utility. Expectations are linear
// responses to what governments observed last tick (flows, stocks, salience): the engine's own
// crossing equations with departures held fixed, over the horizon of [diplomacy]. They are
// beliefs that drive decisions; the migration phase then produces what actually happens.
// docs/model.md, "Submodel: diplomacy", gives every formula.

#include <span>

#include "migdip/scenario/scenario.h"
#include "phases/diplomacy/diplomacy_parts.h"
#include "phases/diplomacy/month_window.h"
#include "phases/network.h"
#include "phases/tick_context.h"

namespace migdip {

/// People who would get through an exit control of `after` relative to one of `before`, with
/// the state's facilitation cutting both (corridor_risk.cpp).
double pass_through_ratio(double before, double after, double facilitation);

/// What governments saw, summed once per tick for every table to read. Flows are the mean per
/// tick over the last month (MonthWindow): last tick's flows under monthly ticks.
struct ObservedFlows {
  Eigen::ArrayXd arrivals;           ///< per corridor, people per tick
  Eigen::ArrayXd departures;         ///< per corridor, people per tick
  Eigen::ArrayXd entry_intercepted;  ///< per corridor, people per tick
  Eigen::ArrayXXd returned;          ///< nationality x state returning them, people per tick
  Eigen::ArrayXd hosted;             ///< per state, people hosted
  Eigen::ArrayXd pool;               ///< per state, people hosted or in transit
  /// Per state, the share of last tick's arrivals that did not move on (1 - departures out over
  /// arrivals in, clipped to [0, 1]; 1 when nobody arrived or every corridor out is closed now):
  /// how much of an arrival stays.
  Eigen::ArrayXd stay_share;

  explicit ObservedFlows(const Scenario& scenario);
  /// Refreshes every sum from the world (last month's flows, this tick's stocks). Called once a
  /// tick.
  void observe(const DiplomacyView& view, const Network& network);

 private:
  MonthWindow arrivals_window_;
  MonthWindow departures_window_;
  MonthWindow intercepted_window_;
  MonthWindow returned_window_;
  Eigen::ArrayXd corridor_sums_;  ///< scratch: this tick's flows per corridor
};

/// Utility changes per month (EUR) for the two parties at a table.
struct PartyValues {
  double demander = 0;
  double partner = 0;

  PartyValues& operator+=(const PartyValues& other) {
    demander += other.demander;
    partner += other.partner;
    return *this;
  }
  PartyValues operator-() const { return {-demander, -partner}; }
  PartyValues scaled(double factor) const { return {demander * factor, partner * factor}; }
  double sum() const { return demander + partner; }
};

class Valuation {
 public:
  Valuation(const Scenario& scenario, const Network& network, const TickContext& tick,
            const DiplomacyView& view, const ObservedFlows& observed);

  /// The expected effect per month on the table's demander and partner of putting the
  /// instrument in force at `level` (its own level for most uses) from where things stand.
  /// An instrument already in force is valued by what ending it would undo, negated.
  PartyValues use(int instrument, int demander_actor, int partner_actor) const;

  /// Whether a state belongs to an actor (is it, or is a member of the bloc).
  bool contains(int actor, int state) const;
  /// EUR an irregular arrival in `state` costs the actor now (0 when the state is not its own).
  double arrival_price(int actor, int state) const;
  /// arrival_price plus, for the share of arrivals that stay, their hosting over the horizon.
  double arrival_value(int actor, int state) const;
  /// The money the world holds: budget lines bound what a demander can offer.
  const Treasury& treasury() const { return view_.treasury; }
  /// The money instrument `instrument` moves now (its `amount`, as events have set it).
  double amount(int instrument) const { return view_.stances.amount(instrument); }

 private:
  /// Effect of moving the instrument's lever from `from` to `to`.
  PartyValues lever_change(int instrument, double from, double to, int demander, int partner) const;
  /// Effect of people leaving `state` at `people` per month along its corridors.
  PartyValues release(int state, double people, int demander, int partner) const;
  /// Effect on the destinations of `people` per month leaving state `from` along those of
  /// `corridors` that start there and are open, in proportion to last tick's departures
  /// (evenly when nobody moved), each arriving past the destination's entry enforcement.
  PartyValues onward(std::span<const int> corridors, int from, double people, int demander,
                     int partner) const;
  /// Adds to `values` the effect of moving exit enforcement on `corridor` from `from` to `to`
  /// under facilitation `facilitation`: arrivals at its destination, with [diplomacy]
  /// value_onward_moves those that would have moved on from there, and the people its user
  /// stops (7.4, "Expected effects"). In place, so that sums keep their order.
  void add_exit_change(PartyValues& values, int corridor, double from, double to,
                       double facilitation, int demander, int partner) const;
  /// An exit_enforcement or departure_ban instrument aimed at `corridors` (7.4).
  PartyValues exit_on_corridors(int instrument, int demander, int partner) const;
  /// An open_gates or engineered_surge instrument aimed at `corridors` (7.4).
  PartyValues surge_on_corridors(int instrument, int demander, int partner) const;
  /// People getting through a corridor with facilitation `to` of its own relative to `from`:
  /// departures in proportion to 1 + surge_cost_cut * f, past the origin's exit control.
  double inbound_ratio(int corridor, double from, double to) const;
  /// Money per month from one actor to another.
  PartyValues money(int payer_actor, int payee_actor, double amount, int demander,
                    int partner) const;
  /// A per-month value accruing to the actors containing `state`.
  PartyValues at_state(int state, double value, int demander, int partner) const;
  PartyValues at_actor(int actor, double value, int demander, int partner) const;
  /// A value accruing to an actor: a state's also to the bloc holding it at the table.
  PartyValues at_party(int actor, double value, int demander, int partner) const;
  /// The weight of migration's costs in the state's government's decisions (7.3; 1 when off).
  double pressure(int state) const { return view_.politics.pressure(state); }
  /// EUR a person hosted or held in `state` costs its government per month, weighed by pressure.
  double hosting_cost(int state) const;
  /// What a state wants now (events may have changed it since the start): Stances.
  const StatePreferences& preferences(const Scenario& scenario, int state) const;
  double per_month(double per_tick) const { return per_tick / months_; }
  double retained_months() const { return 0.5 * horizon_; }

  const Scenario& scenario_;
  const Network& network_;
  const DiplomacyView view_;
  const ObservedFlows& observed_;
  double months_;
  double horizon_;
};

}  // namespace migdip
