#pragma once
// What governments perceive and how the public feels about it.

#include <Eigen/Core>

namespace migdip {

struct Politics {
  /// Irregular arrivals per state as governments see them: last tick's, one tick late.
  Eigen::ArrayXd observed_arrivals;
  /// Public salience of migration: rises with observed arrivals per 100k residents, decays.
  Eigen::ArrayXd salience;
  /// Last tick's deaths on the corridors into each state, as governments see them.
  Eigen::ArrayXd observed_deaths;
  /// Weight in [0, 1] of migration's costs in the government's decisions (1 when off).
  Eigen::ArrayXd pressure;
  /// Approval of the government, in [0, 1].
  Eigen::ArrayXd approval;
  /// Multiplier of arrival_cost chosen by the governments that replaced fallen ones (1 at start).
  Eigen::ArrayXd arrival_cost_factor;
  /// Tick of each state's next election (-1: none).
  Eigen::ArrayXi next_election_tick;
};

}  // namespace migdip
