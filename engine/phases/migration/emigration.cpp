#include "phases/migration/migration_steps.h"

#include <cmath>

namespace migdip {

double people_present(const Population& population, int nationality, int state) {
  double present = 0;
  for (MigrantStatus status :
       {MigrantStatus::in_transit, MigrantStatus::hosted, MigrantStatus::arrived,
        MigrantStatus::rejected, MigrantStatus::protected_, MigrantStatus::legal}) {
    present += population[status](nationality, state);
  }
  return present;
}

void emigrate(const MigrationInputs& in, Population& population, Flows& flows) {
  const ModelParameters& model = in.scenario.model;
  for (int n = 0; n < in.scenario.nationality_count(); ++n) {
    const int origin = in.network.origin_of(n);
    const StateSpec& state = in.scenario.states[static_cast<std::size_t>(origin)];
    double abroad = 0;
    for (int s = 0; s < in.scenario.state_count(); ++s) {
      if (s != origin) {
        abroad += people_present(population, n, s);
      }
    }
    const double hazard =
        state.emigration_rate * (1.0 + model.push_elasticity * effective_push(in.policy, origin)) *
        std::pow(in.network.reference_income() / state.income_per_head, model.income_elasticity) *
        (1.0 + model.network_elasticity * abroad / state.population);
    const double leaving = in.tick.draw(population.residents(origin), in.tick.probability(hazard),
                                        cohort_entity(in, n, origin), DrawPurpose::emigration);
    population.residents(origin) -= leaving;
    population[MigrantStatus::in_transit](n, origin) += leaving;
    flows.emigrated(n, origin) += leaving;
  }
}

}  // namespace migdip
