#pragma once
// A change of government, whatever brings it (a scheduled `coup`, or a fall at an election): the
// government counter moves, which voids the state's deals at their next monitoring (7.4), and
// every active transfer the state (or a bloc it belongs to) pays or receives stops for good: a
// new government is not bound by its predecessor's payments.

#include "migdip/scenario/scenario.h"
#include "migdip/world/state_policy.h"
#include "migdip/world/treasury.h"

namespace migdip {

void change_government(const Scenario& scenario, int state, StatePolicy& policy,
                       Treasury& treasury);

}  // namespace migdip
