#include "phases/migration/migration_steps.h"

namespace migdip {

void decide_asylum_claims(const MigrationInputs& in, Population& population, Flows& flows) {
  Eigen::ArrayXXd& arrived = population[MigrantStatus::arrived];
  for (int n = 0; n < in.scenario.nationality_count(); ++n) {
    const double need =
        in.scenario.states[static_cast<std::size_t>(in.network.origin_of(n))].protection_need;
    for (int s = 0; s < in.scenario.state_count(); ++s) {
      if (arrived(n, s) <= 0) {
        continue;
      }
      const std::uint32_t entity = cohort_entity(in, n, s);
      const double decided = in.tick.draw(
          arrived(n, s), in.tick.probability(in.policy.lever(Lever::asylum_processing_rate)(s)),
          entity, DrawPurpose::asylum_decision);
      const double granted =
          in.tick.draw(decided, in.policy.lever(Lever::recognition_rate)(s) * need, entity,
                       DrawPurpose::asylum_grant);
      arrived(n, s) -= decided;
      population[MigrantStatus::protected_](n, s) += granted;
      population[MigrantStatus::rejected](n, s) += decided - granted;
      flows.granted(n, s) += granted;
      flows.refused(n, s) += decided - granted;
    }
  }
}

}  // namespace migdip
