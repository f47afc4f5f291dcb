#pragma once
// Phase 2 of the tick: what governments know. They see last tick's irregular arrivals on their
// territory and the deaths on the way to it, one tick late; nothing of this tick's flows is visible
// to any decision.

#include "migdip/world/flows.h"
#include "migdip/world/politics.h"
#include "phases/network.h"

namespace migdip {

void observe_arrivals(const Network& network, const Flows& last_tick, Politics& politics);

}  // namespace migdip
