#include "migdip/world/flows.h"

namespace migdip {

void Flows::resize(int nationalities, int states, int corridors, int pathways) {
  for (Eigen::ArrayXXd* by_state : {&emigrated, &settled, &granted, &refused, &returned, &released,
                                    &legal_arrivals, &evicted, &went_home, &deported,
                                    &transferred}) {
    by_state->setZero(nationalities, states);
  }
  labour_displaced.setZero(nationalities, states);
  labour_returned.setZero(nationalities, states);
  for (Eigen::ArrayXXd* by_corridor :
       {&departures, &exit_intercepted, &deaths, &entry_intercepted, &pushed_back, &arrivals,
        &readmitted, &stock_readmitted, &expelled}) {
    by_corridor->setZero(nationalities, corridors);
  }
  pathway_moved.setZero(pathways);
}

void Flows::set_zero() {
  for (Eigen::ArrayXXd* flow :
       {&emigrated, &settled, &granted, &refused, &returned, &released, &legal_arrivals, &evicted,
        &went_home, &departures, &exit_intercepted, &deaths, &entry_intercepted, &pushed_back,
        &arrivals, &readmitted, &deported, &stock_readmitted, &expelled, &transferred}) {
    flow->setZero();
  }
  labour_displaced.setZero();
  labour_returned.setZero();
  pathway_moved.setZero();
}

}  // namespace migdip
