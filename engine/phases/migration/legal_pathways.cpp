#include "phases/migration/migration_steps.h"

#include <algorithm>

namespace migdip {

void move_through_legal_pathways(const MigrationInputs& in, const Eigen::ArrayXd& quota,
                                 Population& population, Flows& flows) {
  for (int p = 0; p < in.scenario.pathway_count(); ++p) {
    const PathwaySpec& pathway = in.scenario.pathways[static_cast<std::size_t>(p)];
    const int n = pathway.nationality;
    // Resettlement draws on the hosted population; labour pathways on residents at home.
    double& pool = pathway.kind == PathwayKind::resettlement
                       ? population[MigrantStatus::hosted](n, pathway.from)
                       : population.residents(pathway.from);
    const double places = in.tick.whole(quota(p) * in.tick.months(), static_cast<std::uint32_t>(p),
                                        DrawPurpose::legal_pathway);
    const double moved = std::min(places, pool);
    pool -= moved;
    population[MigrantStatus::legal](n, pathway.to) += moved;
    flows.legal_arrivals(n, pathway.to) += moved;
    flows.pathway_moved(p) += moved;
  }
}

}  // namespace migdip
