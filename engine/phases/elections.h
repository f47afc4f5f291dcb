#pragma once
// Elections (docs/model.md 7.3): at a state's election tick (next_election, then every
// election_cycle_months), a government whose approval is below fall_below_approval falls. Its
// successor is a new government, exactly as after a `coup` (government_change.h: deals voided,
// transfers stopped), and prices an arrival successor_arrival_cost times what it did.

#include "migdip/scenario/scenario.h"
#include "migdip/world/politics.h"
#include "migdip/world/state_policy.h"
#include "migdip/world/treasury.h"
#include "phases/tick_context.h"

namespace migdip {

void hold_elections(const Scenario& scenario, const TickContext& tick, Politics& politics,
                    StatePolicy& policy, Treasury& treasury);

}  // namespace migdip
