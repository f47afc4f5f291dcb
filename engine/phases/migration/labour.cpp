#include "phases/migration/migration_steps.h"

#include <array>
#include <utility>

namespace migdip {

void displace_migrant_workers(const MigrationInputs& in, Population& population, Flows& flows) {
  const ModelParameters& model = in.scenario.model;
  Eigen::ArrayXXd& in_transit = population[MigrantStatus::in_transit];
  Eigen::ArrayXXd& returned = population[MigrantStatus::returned];
  // Migrant workers: people of other nationalities living in the state, legally (labour and
  // resettlement pathways) or settled outside the asylum system (hosted). In transit states the
  // hosted are the migrants who stayed and work there, as in Libya before 2011.
  constexpr std::array<std::pair<MigrantStatus, DrawPurpose>, 2> kWorkers = {
      {{MigrantStatus::hosted, DrawPurpose::hosted_worker_displacement},
       {MigrantStatus::legal, DrawPurpose::legal_worker_displacement}}};

  for (int s = 0; s < in.scenario.state_count(); ++s) {
    const double demand = in.policy.lever(Lever::labour_demand)(s);
    if (demand >= 1) {
      continue;  // demand at its normal level displaces nobody
    }
    const double probability = in.tick.probability(model.labour_shed_rate * (1.0 - demand));
    for (int n = 0; n < in.scenario.nationality_count(); ++n) {
      const int origin = in.network.origin_of(n);
      if (s == origin) {
        continue;  // nationals at home are residents, not migrant workers
      }
      const std::uint32_t entity = cohort_entity(in, n, s);
      double displaced = 0;
      for (const auto& [status, purpose] : kWorkers) {
        Eigen::ArrayXXd& workers = population[status];
        const double lost = in.tick.draw(workers(n, s), probability, entity, purpose);
        workers(n, s) -= lost;
        displaced += lost;
      }
      const double home = in.tick.draw(displaced, model.labour_return_share, entity,
                                       DrawPurpose::displaced_worker_return);
      returned(n, origin) += home;
      in_transit(n, s) += displaced - home;
      flows.labour_displaced(n, s) += displaced;
      flows.labour_returned(n, s) += home;
    }
  }
}

}  // namespace migdip
