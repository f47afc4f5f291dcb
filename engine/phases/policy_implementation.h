#pragma once
// Phase 5 of the tick: decisions become practice. Enforcement in force moves toward its target
// with each state's policy lag, engineered surges end on schedule, and transfers and deal
// payments are paid.

#include "migdip/scenario/scenario.h"
#include "migdip/world/border_controls.h"
#include "migdip/world/state_policy.h"
#include "migdip/world/treasury.h"
#include "phases/tick_context.h"

namespace migdip {

/// deal_payments: EUR due this tick under each negotiation's deal (Diplomacy::deal_payment).
void implement_policy(const Scenario& scenario, const TickContext& tick, StatePolicy& policy,
                      Treasury& treasury, const Eigen::ArrayXd& deal_payments);

/// The same for the corridors' own border controls: their enforcement phases in at the lag of
/// the state on its side, and surges aimed at one border end on schedule.
void implement_border_policy(const Scenario& scenario, const TickContext& tick,
                             BorderControls& border);

}  // namespace migdip
