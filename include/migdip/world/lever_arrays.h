#pragma once
// The values of one owner's levers during a run: an Eigen array per lever, by state, corridor
// or pathway, so that a phase reads a lever as fast as a named member.

#include <array>

#include <Eigen/Core>

#include "migdip/world/levers.h"

namespace migdip {

template <LeverOwner Owner>
class LeverArrays {
 public:
  Eigen::ArrayXd& operator()(Lever lever) { return arrays_[slot_in<Owner>(lever)]; }
  const Eigen::ArrayXd& operator()(Lever lever) const { return arrays_[slot_in<Owner>(lever)]; }

 private:
  std::array<Eigen::ArrayXd, lever_count(Owner)> arrays_;
};

}  // namespace migdip
