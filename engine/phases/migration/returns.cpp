#include "phases/migration/migration_steps.h"

namespace migdip {

void return_rejected(const MigrationInputs& in, Population& population, Flows& flows) {
  Eigen::ArrayXXd& rejected = population[MigrantStatus::rejected];
  for (int n = 0; n < in.scenario.nationality_count(); ++n) {
    const int origin = in.network.origin_of(n);
    // A return needs both the returning state's effort and the origin's consent.
    const double acceptance = in.policy.lever(Lever::readmission_acceptance)(origin);
    for (int s = 0; s < in.scenario.state_count(); ++s) {
      if (rejected(n, s) <= 0 || s == origin) {  // nobody is "returned" to where they are
        continue;
      }
      const double probability =
          in.tick.probability(in.policy.lever(Lever::return_rate)(s)) * acceptance;
      const double sent = in.tick.draw(rejected(n, s), probability, cohort_entity(in, n, s),
                                       DrawPurpose::return_to_origin);
      rejected(n, s) -= sent;
      population[MigrantStatus::returned](n, origin) += sent;
      flows.returned(n, s) += sent;
    }
  }
}

}  // namespace migdip
