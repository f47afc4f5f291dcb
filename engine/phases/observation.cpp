#include "phases/observation.h"

namespace migdip {

void observe_arrivals(const Network& network, const Flows& last_tick, Politics& politics) {
  politics.observed_arrivals.setZero();
  politics.observed_deaths.setZero();
  // Arrivals net of readmissions: those sent straight back are not seen as having come.
  for (Eigen::Index c = 0; c < last_tick.arrivals.cols(); ++c) {
    const int to = network.corridor_to(static_cast<int>(c));
    politics.observed_arrivals(to) +=
        last_tick.arrivals.col(c).sum() - last_tick.readmitted.col(c).sum();
    // Deaths on the way to a state are news there (they raise salience with salience_death_gain).
    politics.observed_deaths(to) += last_tick.deaths.col(c).sum();
  }
}

}  // namespace migdip
