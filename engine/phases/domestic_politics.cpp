#include "phases/domestic_politics.h"

#include <cmath>

namespace migdip {

void update_salience(const Scenario& scenario, const TickContext& tick, Politics& politics) {
  const ModelParameters& model = scenario.model;
  const double retention = std::exp(-tick.days() / model.salience_memory_days);
  for (int s = 0; s < scenario.state_count(); ++s) {
    const double per_100k = politics.observed_arrivals(s) /
                            scenario.states[static_cast<std::size_t>(s)].population * 1e5;
    politics.salience(s) = politics.salience(s) * retention + model.salience_gain * per_100k;
  }
}

}  // namespace migdip
