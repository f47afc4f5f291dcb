#pragma once
// The levers each state holds at this tick. Events (and, later, the strategic layer) set
// targets; the policy phase moves the enforcement actually in force toward them.

#include <Eigen/Core>

namespace migdip {

struct StatePolicy {
  Eigen::ArrayXd push_intensity;
  Eigen::ArrayXd stay_utility;
  Eigen::ArrayXd exit_enforcement;         ///< in force
  Eigen::ArrayXd exit_enforcement_target;  ///< decided
  Eigen::ArrayXd entry_enforcement;
  Eigen::ArrayXd entry_enforcement_target;
  Eigen::ArrayXd pushback_rate;
  Eigen::ArrayXd readmission_acceptance;
  Eigen::ArrayXd return_rate;
  Eigen::ArrayXd hosting_capacity;
  Eigen::ArrayXd recognition_rate;
  Eigen::ArrayXd asylum_processing_rate;
  Eigen::ArrayXd facilitation;           ///< engineered-surge intensity in [0, 1]
  Eigen::ArrayXi facilitation_end_tick;  ///< -1: no scheduled end
  Eigen::ArrayXi government;             ///< incremented at every coup
};

}  // namespace migdip
