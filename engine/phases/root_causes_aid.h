#pragma once
// Root-causes aid (docs/model.md 7.5.4): money a state receives (transfers and deal payments,
// less what leaks) comes to be felt through a first-order lag, and the aid felt lowers the push
// intensity its people feel, by `aid_push_effect` per EUR per month:
//   A <- A + (received / months - A) * (1 - exp(-months / aid_push_lag_months))
//   relief = aid_push_effect * A;   push felt = max(0, push_intensity - relief)
// Off (no relief) when aid_push_effect is 0, the default.

#include <Eigen/Core>

#include "migdip/scenario/scenario.h"
#include "migdip/world/state_policy.h"
#include "migdip/world/treasury.h"
#include "phases/tick_context.h"

namespace migdip {

/// Updates every state's aid felt (Treasury::aid_felt) from this tick's money received, less
/// `leaked` (EUR this tick, by state), and its push relief (StatePolicy::push_relief).
void feel_aid(const Scenario& scenario, const TickContext& tick, const Eigen::ArrayXd& leaked,
              Treasury& treasury, StatePolicy& policy);

}  // namespace migdip
