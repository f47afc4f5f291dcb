#pragma once
// What governments perceive and how the public feels about it.

#include <Eigen/Core>

namespace migdip {

struct Politics {
  /// Irregular arrivals per state as governments see them: last tick's, one tick late.
  Eigen::ArrayXd observed_arrivals;
  /// Public salience of migration: rises with observed arrivals per 100k residents, decays.
  Eigen::ArrayXd salience;
};

}  // namespace migdip
