#pragma once
// What moved during the current tick. Reset at the start of the migration phase; read by the
// accounting phase, the next tick's observation phase and the recorders.

#include <Eigen/Core>

namespace migdip {

struct Flows {
  // nationality x state
  Eigen::ArrayXXd emigrated;       ///< left their own country's resident population (irregular)
  Eigen::ArrayXXd settled;         ///< chose to stay: became hosted or lodged an asylum claim
  Eigen::ArrayXXd granted;         ///< asylum decisions granting protection
  Eigen::ArrayXXd refused;         ///< asylum decisions refusing protection
  Eigen::ArrayXXd returned;        ///< returned to their own country by this state
  Eigen::ArrayXXd released;        ///< released from detention into the pool of this state
  Eigen::ArrayXXd legal_arrivals;  ///< arrived through a legal pathway
  Eigen::ArrayXXd evicted;         ///< pushed out of hosting by a fall in capacity
  Eigen::ArrayXXd deported;        ///< already inside: removed by this state to their own country
  Eigen::ArrayXXd transferred;     ///< arrivals this state moved to its third country (offshore)
  Eigen::ArrayXXd went_home;  ///< went back to their own country's residents of their own accord

  // nationality x state: a fall in labour demand (docs/model.md 7.6.9a)
  Eigen::ArrayXXd labour_displaced;  ///< migrant workers who lost their place
  Eigen::ArrayXXd labour_returned;   ///< of labour_displaced: gone home to their own country

  // nationality x corridor
  Eigen::ArrayXXd departures;         ///< set out (before exit interception)
  Eigen::ArrayXXd exit_intercepted;   ///< stopped on leaving by the state of departure
  Eigen::ArrayXXd deaths;             ///< died or went missing on the way
  Eigen::ArrayXXd entry_intercepted;  ///< stopped on entry by the state of arrival
  Eigen::ArrayXXd pushed_back;        ///< of entry_intercepted: expelled across the border
  Eigen::ArrayXXd arrivals;           ///< reached the state of arrival (incl. later readmitted)
  Eigen::ArrayXXd readmitted;         ///< of arrivals: sent back to the state of departure
  Eigen::ArrayXXd stock_readmitted;   ///< already inside `to`: readmitted to the state of departure
  Eigen::ArrayXXd expelled;           ///< already inside `to`: expelled across into `from`

  // pathway
  Eigen::ArrayXd pathway_moved;  ///< people moved on each legal pathway

  void resize(int nationalities, int states, int corridors, int pathways);
  void set_zero();
};

}  // namespace migdip
