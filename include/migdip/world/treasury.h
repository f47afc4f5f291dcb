#pragma once
// Money moving between states: transfers started by events, paid evenly over their term.

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
};

struct Treasury {
  std::vector<Transfer> transfers;  ///< one slot per transfer event, allocated at the start
  std::vector<int> slot_of_event;   ///< transfer slot of each scenario event, -1 if none
  Eigen::ArrayXd transfer_paid;     ///< EUR paid this tick, by transfer slot
  Eigen::ArrayXd received;          ///< EUR received this tick, by state
  Eigen::ArrayXd paid;              ///< EUR paid this tick, by state
};

}  // namespace migdip
