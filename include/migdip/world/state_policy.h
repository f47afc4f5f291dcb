#pragma once
// The levers each state holds at this tick. Events and instruments decide values; the policy
// phase moves the phased levers in force (enforcement) toward their targets.

#include <Eigen/Core>

#include "migdip/world/lever_arrays.h"

namespace migdip {

struct StatePolicy {
  LeverArrays<LeverOwner::state> lever;   ///< in force
  LeverArrays<LeverOwner::state> target;  ///< decided, for phased levers (others stay empty)
  Eigen::ArrayXi facilitation_end_tick;   ///< -1: no scheduled end
  Eigen::ArrayXi government;              ///< incremented at every coup
  /// Push intensity taken off by root-causes aid (0 without it): see effective_push.
  Eigen::ArrayXd push_relief;

  /// What events and instruments set: a phased lever's target, any other lever in force.
  Eigen::ArrayXd& decided(Lever state_lever) {
    return traits_of(state_lever).phased ? target(state_lever) : lever(state_lever);
  }
  const Eigen::ArrayXd& decided(Lever state_lever) const {
    return traits_of(state_lever).phased ? target(state_lever) : lever(state_lever);
  }
};

/// The push intensity emigration and going home feel: the lever less what aid relieves, never
/// below 0.
inline double effective_push(const StatePolicy& policy, int state) {
  const double push = policy.lever(Lever::push_intensity)(state) - policy.push_relief(state);
  return push > 0 ? push : 0.0;
}

}  // namespace migdip
