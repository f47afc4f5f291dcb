#pragma once
// Money moving between states: transfers started by events, paid evenly over their term, and
// the payments of deals (whose amounts the diplomacy phase sets every tick).

#include <vector>

#include <Eigen/Core>

#include "migdip/scenario/event_spec.h"

namespace migdip {

struct Transfer {
  int event = -1;  ///< index of the event that started it
  Party payer;
  Party payee;
  double per_month = 0;  ///< EUR
  double remaining = 0;  ///< EUR still to pay
  bool active = false;
  bool suspended = false;  ///< an aid cut holds its payments back while it lasts
};

struct Treasury {
  std::vector<Transfer> transfers;  ///< one slot per transfer event, allocated at the start
  std::vector<int> slot_of_event;   ///< transfer slot of each scenario event, -1 if none
  Eigen::ArrayXd transfer_paid;     ///< EUR paid this tick, by transfer slot
  Eigen::ArrayXd received;          ///< EUR received this tick, by state
  Eigen::ArrayXd paid;              ///< EUR paid this tick, by state
  /// EUR spent this tick on removing people already inside (removals and expulsions) and on
  /// transferring arrivals to a third country, by state; booked by the migration phase, paid to
  /// nobody in the model.
  Eigen::ArrayXd removal_spending;
  /// EUR left on each actor's budget line (a bloc is state_count() + its index); +infinity for
  /// an unlimited line. Deal payments and transfers draw on it (budget_lines.h).
  Eigen::ArrayXd budget;
  /// EUR per month of aid each state feels: what it received, through the lag of its
  /// aid_push_lag_months (root-causes aid).
  Eigen::ArrayXd aid_felt;
};

}  // namespace migdip
