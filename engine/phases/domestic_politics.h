#pragma once
// Phase 3 of the tick: public opinion. Salience of migration rises with observed arrivals per
// 100,000 residents and fades with a memory of salience_memory_days.

#include "migdip/scenario/scenario.h"
#include "migdip/world/politics.h"
#include "phases/tick_context.h"

namespace migdip {

void update_salience(const Scenario& scenario, const TickContext& tick, Politics& politics);

}  // namespace migdip
