#include "phases/migration/migration_steps.h"

namespace migdip {

void release_detained(const MigrationInputs& in, Population& population, Flows& flows) {
  Eigen::ArrayXXd& intercepted = population[MigrantStatus::intercepted];
  Eigen::ArrayXXd& pushed_back = population[MigrantStatus::pushed_back];
  Eigen::ArrayXXd& in_transit = population[MigrantStatus::in_transit];
  Eigen::ArrayXXd& returned = population[MigrantStatus::returned];

  for (int n = 0; n < in.scenario.nationality_count(); ++n) {
    const int origin = in.network.origin_of(n);
    for (int s = 0; s < in.scenario.state_count(); ++s) {
      in_transit(n, s) += pushed_back(n, s);
      pushed_back(n, s) = 0;

      const double held = intercepted(n, s);
      if (held <= 0) {
        continue;
      }
      // Stopped at home: still displaced, not "returned".
      double sent_home = 0;
      if (s != origin) {
        const double probability = in.tick.probability(in.policy.lever(Lever::return_rate)(s)) *
                                   in.policy.lever(Lever::readmission_acceptance)(origin);
        sent_home = in.tick.draw(held, probability, cohort_entity(in, n, s),
                                 DrawPurpose::detention_outcome);
      }
      returned(n, origin) += sent_home;
      flows.returned(n, s) += sent_home;
      in_transit(n, s) += held - sent_home;
      flows.released(n, s) += held - sent_home;
      intercepted(n, s) = 0;
    }
  }
}

}  // namespace migdip
