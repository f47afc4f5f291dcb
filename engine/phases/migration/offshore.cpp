#include "phases/migration/migration_steps.h"

#include <algorithm>

namespace migdip {

void transfer_to_third_countries(const MigrationInputs& in, MigrationScratch& scratch,
                                 Population& population, Flows& flows,
                                 Eigen::ArrayXd& removal_spending) {
  Eigen::ArrayXXd& in_transit = population[MigrantStatus::in_transit];
  for (int s = 0; s < in.scenario.state_count(); ++s) {
    const int third = in.scenario.states[static_cast<std::size_t>(s)].offshore_state;
    const double capacity = in.policy.lever(Lever::offshore_capacity)(s) * in.tick.months();
    scratch.transfer_share(s) = 0;
    if (third < 0 || capacity <= 0) {
      continue;
    }
    // This tick's arrivals, net of readmissions, as far as they are still in the pool (removals
    // may have taken some). Nationals of either state are not transferred.
    const auto transferable = [&](int n) {
      const int origin = in.network.origin_of(n);
      if (origin == s || origin == third) {
        return 0.0;
      }
      double arrived = 0;
      for (int c : in.network.incoming(s)) {
        arrived += flows.arrivals(n, c) - flows.readmitted(n, c);
      }
      return std::clamp(arrived, 0.0, std::max(0.0, in_transit(n, s)));
    };
    double arrivals = 0;
    for (int n = 0; n < in.scenario.nationality_count(); ++n) {
      arrivals += transferable(n);
    }
    // With no arrivals, the capacity would cover all of them.
    const double share = arrivals > 0 ? std::min(1.0, capacity / arrivals) : 1.0;
    scratch.transfer_share(s) = share;
    double moved = 0;
    for (int n = 0; n < in.scenario.nationality_count(); ++n) {
      const double transferred = in.tick.draw(transferable(n), share, cohort_entity(in, n, s),
                                              DrawPurpose::offshore_transfer);
      in_transit(n, s) -= transferred;
      // Their claims are lodged and decided in the third state (7.6.10); the refused are
      // returned from there (7.6.11).
      population[MigrantStatus::arrived](n, third) += transferred;
      flows.transferred(n, s) += transferred;
      moved += transferred;
    }
    removal_spending(s) += in.policy.lever(Lever::offshore_cost)(s) * moved;
  }
}

}  // namespace migdip
