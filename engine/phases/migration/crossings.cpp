#include "phases/migration/migration_steps.h"

namespace migdip {

void complete_crossings(const MigrationInputs& in, const CorridorConditions& corridors,
                        Population& population, Flows& flows) {
  const int slot = in.tick.tick() % population.travel_slots();
  Eigen::ArrayXXd& arriving = population.travelling[static_cast<std::size_t>(slot)];

  for (int c = 0; c < in.scenario.corridor_count(); ++c) {
    const int from = in.network.corridor_from(c);
    const int to = in.network.corridor_to(c);
    const double pushback_rate = corridors.border.in_force(
        Lever::pushback_rate, c, in.policy.lever(Lever::pushback_rate)(to));
    for (int n = 0; n < in.scenario.nationality_count(); ++n) {
      const double travellers = arriving(n, c);
      if (travellers <= 0) {
        continue;
      }
      arriving(n, c) = 0;
      const std::uint32_t entity = crossing_entity(in, n, c);

      const double died =
          in.tick.draw(travellers, corridors.mortality(c), entity, DrawPurpose::death);
      population[MigrantStatus::dead](n, from) += died;
      flows.deaths(n, c) += died;
      const double survivors = travellers - died;

      const double stopped = in.tick.draw(survivors, corridors.entry_interception(c), entity,
                                          DrawPurpose::entry_interception);
      const double expelled = in.tick.draw(stopped, pushback_rate, entity, DrawPurpose::pushback);
      population[MigrantStatus::pushed_back](n, from) += expelled;
      population[MigrantStatus::intercepted](n, to) += stopped - expelled;
      flows.entry_intercepted(n, c) += stopped;
      flows.pushed_back(n, c) += expelled;

      const double arrived = survivors - stopped;
      // Readmitted people are detained in the state they crossed from, then processed there.
      const double readmitted = in.tick.draw(arrived, corridors.lever(Lever::readmission_rate)(c),
                                             entity, DrawPurpose::readmission);
      population[MigrantStatus::intercepted](n, from) += readmitted;
      population[MigrantStatus::in_transit](n, to) += arrived - readmitted;
      flows.arrivals(n, c) += arrived;
      flows.readmitted(n, c) += readmitted;
    }
  }
}

}  // namespace migdip
