#pragma once
// Phase 3 of the tick: public opinion and the government's standing (docs/model.md 7.3).
// Salience of migration rises with observed arrivals (and deaths) per 100,000 residents and fades
// with a memory of salience_memory_days; pressure, the weight migration's costs carry in the
// government's decisions, and approval follow from salience; at elections a government whose
// approval is too low falls (elections.h).

#include "migdip/scenario/scenario.h"
#include "migdip/world/politics.h"
#include "phases/tick_context.h"

namespace migdip {

void update_salience(const Scenario& scenario, const TickContext& tick, Politics& politics);

/// Pressure theta = S / (S + pressure_salience) (1 where pressure_salience is 0) and approval
/// approval * (1 - theta) (the base approval where it is off), from this tick's salience.
void update_pressure(const Scenario& scenario, Politics& politics);

}  // namespace migdip
