#include "phases/migration/migration_steps.h"

namespace migdip {

void enforce_hosting_capacity(const MigrationInputs& in, Population& population, Flows& flows) {
  Eigen::ArrayXXd& hosted = population[MigrantStatus::hosted];
  for (int s = 0; s < in.scenario.state_count(); ++s) {
    const double total = hosted.col(s).sum();
    const double capacity = in.policy.lever(Lever::hosting_capacity)(s);
    if (total <= capacity) {
      continue;
    }
    const double evicted_share = 1.0 - capacity / total;
    for (int n = 0; n < in.scenario.nationality_count(); ++n) {
      const double evicted = in.tick.draw(hosted(n, s), evicted_share, cohort_entity(in, n, s),
                                          DrawPurpose::hosting_overflow);
      hosted(n, s) -= evicted;
      population[MigrantStatus::in_transit](n, s) += evicted;
      flows.evicted(n, s) += evicted;
    }
  }
}

}  // namespace migdip
