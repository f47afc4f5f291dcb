#include "phases/domestic_politics.h"

#include <algorithm>
#include <cmath>

namespace migdip {

void update_salience(const Scenario& scenario, const TickContext& tick, Politics& politics) {
  const ModelParameters& model = scenario.model;
  const double retention = std::exp(-tick.days() / model.salience_memory_days);
  for (int s = 0; s < scenario.state_count(); ++s) {
    const double population = scenario.states[static_cast<std::size_t>(s)].population;
    const double per_100k = politics.observed_arrivals(s) / population * 1e5;
    double added = model.salience_gain * per_100k;
    if (model.salience_death_gain > 0) {
      added += model.salience_death_gain * (politics.observed_deaths(s) / population * 1e5);
    }
    politics.salience(s) = politics.salience(s) * retention + added;
  }
}

void update_pressure(const Scenario& scenario, Politics& politics) {
  for (int s = 0; s < scenario.state_count(); ++s) {
    const DomesticPoliticsSpec& spec = scenario.states[static_cast<std::size_t>(s)].politics;
    if (spec.pressure_salience <= 0) {
      continue;  // off: full weight at any salience (set once by the world), base approval
    }
    const double salience = std::max(0.0, politics.salience(s));
    const double theta = salience / (salience + spec.pressure_salience);
    politics.pressure(s) = theta;
    politics.approval(s) = spec.approval * (1.0 - theta);
  }
}

}  // namespace migdip
