#pragma once
// The state of each corridor at this tick: what the scenario set, and the crossing odds the
// migration phase derived from both sides' enforcement.

#include <Eigen/Core>

#include "migdip/world/border_controls.h"
#include "migdip/world/lever_arrays.h"

namespace migdip {

struct CorridorConditions {
  Eigen::ArrayXd open;  ///< 1 open, 0 closed
  /// Mortality here is the base mortality, with no enforcement; cost is before facilitation.
  LeverArrays<LeverOwner::corridor> lever;
  /// Its own border controls, where it overrides its states' (see border_controls.h).
  BorderControls border;

  // Derived every tick by the migration phase
  Eigen::ArrayXd mortality;           ///< effective probability of death per crossing
  Eigen::ArrayXd exit_interception;   ///< probability of being stopped on leaving
  Eigen::ArrayXd entry_interception;  ///< probability of being stopped on entry
  Eigen::ArrayXd effective_cost;      ///< EUR, after any facilitation
  /// People per month who chose the corridor, smoothed over about a month (the smuggling
  /// market's demand); updated when they depart.
  Eigen::ArrayXd recent_demand;
};

}  // namespace migdip
