#pragma once
// What strategic states want now: their preferences and the valuations of instruments, as the
// scenario gives them at the start and `set` events change them during the run (a killing abroad
// raises the value an origin puts on worker protections; sanctions change what they cost). The
// diplomacy phase values and books utility by these, never by the scenario's.

#include <vector>

#include <Eigen/Core>

#include "migdip/scenario/preferences.h"

namespace migdip {

struct Stances {
  std::vector<StatePreferences> preferences;  ///< per state
  Eigen::ArrayXd value_to_target;             ///< per instrument, EUR per month
  Eigen::ArrayXd cost_to_user;                ///< per instrument, EUR per month
  Eigen::ArrayXd amount;                      ///< per instrument, EUR per month (money types)
};

}  // namespace migdip
