#pragma once
// The state of each corridor at this tick: what the scenario set, and the crossing odds the
// migration phase derived from both sides' enforcement.

#include <Eigen/Core>

namespace migdip {

struct CorridorConditions {
  Eigen::ArrayXd open;              ///< 1 open, 0 closed
  Eigen::ArrayXd base_mortality;    ///< probability of death with no enforcement
  Eigen::ArrayXd cost;              ///< EUR per person
  Eigen::ArrayXd capacity;          ///< departures per month (infinity: unlimited)
  Eigen::ArrayXd readmission_rate;  ///< share of arrivals readmitted to the state of departure

  // Derived every tick by the migration phase
  Eigen::ArrayXd mortality;           ///< effective probability of death per crossing
  Eigen::ArrayXd exit_interception;   ///< probability of being stopped on leaving
  Eigen::ArrayXd entry_interception;  ///< probability of being stopped on entry
  Eigen::ArrayXd effective_cost;      ///< EUR, after any facilitation
};

}  // namespace migdip
