#include "migdip/world/flows.h"

namespace migdip {

void Flows::resize(int nationalities, int states, int corridors, int pathways) {
  for (Eigen::ArrayXXd* by_state : {&emigrated, &settled, &granted, &refused, &returned, &released,
                                    &legal_arrivals, &evicted, &deported, &transferred}) {
    by_state->setZero(nationalities, states);
  }
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
        &departures, &exit_intercepted, &deaths, &entry_intercepted, &pushed_back, &arrivals,
        &readmitted, &deported, &stock_readmitted, &expelled, &transferred}) {
    flow->setZero();
  }
  pathway_moved.setZero();
}

}  // namespace migdip
