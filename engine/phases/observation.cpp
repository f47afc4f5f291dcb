#include "phases/observation.h"

namespace migdip {

void observe_arrivals(const Network& network, const Flows& last_tick, Politics& politics) {
  politics.observed_arrivals.setZero();
  // Arrivals net of readmissions: those sent straight back are not seen as having come.
  for (Eigen::Index c = 0; c < last_tick.arrivals.cols(); ++c) {
    politics.observed_arrivals(network.corridor_to(static_cast<int>(c))) +=
        last_tick.arrivals.col(c).sum() - last_tick.readmitted.col(c).sum();
  }
}

}  // namespace migdip
