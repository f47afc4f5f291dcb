#include "phases/migration/migration_steps.h"

#include <algorithm>

namespace migdip {

void assess_corridors(const MigrationInputs& in, CorridorConditions& corridors) {
  const ModelParameters& model = in.scenario.model;
  for (int c = 0; c < in.scenario.corridor_count(); ++c) {
    const int from = in.network.corridor_from(c);
    const int to = in.network.corridor_to(c);
    // Each border control is the corridor's own where it has one, else its state's.
    const BorderControls& border = corridors.border;
    const double facilitation =
        border.in_force(Lever::facilitation, c, in.policy.lever(Lever::facilitation)(from));
    const double exit = border.in_force(Lever::exit_enforcement, c,
                                        in.policy.lever(Lever::exit_enforcement)(from)) *
                        (1.0 - facilitation);
    const double entry =
        border.in_force(Lever::entry_enforcement, c, in.policy.lever(Lever::entry_enforcement)(to));
    corridors.exit_interception(c) = exit;
    corridors.entry_interception(c) = entry;
    // Enforcement on either side pushes crossings onto longer, riskier paths and boats.
    corridors.mortality(c) =
        std::min(1.0, corridors.lever(Lever::mortality)(c) *
                          (1.0 + model.enforcement_risk_elasticity * (exit + entry)));
    // A simple smuggling market: a crossing that enforcement makes harder, or whose places
    // demand fills, costs more.
    const double market = (1.0 + model.price_enforcement_elasticity * (exit + entry)) *
                          (1.0 + model.price_demand_elasticity * corridors.recent_demand(c) /
                                     corridors.lever(Lever::capacity)(c));
    corridors.effective_cost(c) =
        corridors.lever(Lever::cost)(c) * (1.0 - model.surge_cost_cut * facilitation) * market;
  }
}

}  // namespace migdip
