#pragma once
// Phase 1 of the tick: the scenario's exogenous history. Applies every event scheduled for this
// tick, in file order: parameter changes, corridor openings and closures, transfers, coups,
// engineered surges, announcements and rumours; then the changes announced earlier that take
// effect at this tick.

#include <vector>

#include "migdip/scenario/scenario.h"
#include "migdip/world/beliefs.h"
#include "migdip/world/corridor_conditions.h"
#include "migdip/world/diplomacy.h"
#include "migdip/world/lever_arrays.h"
#include "migdip/world/politics.h"
#include "migdip/world/stances.h"
#include "migdip/world/state_policy.h"
#include "migdip/world/treasury.h"

namespace migdip {

struct EventTargets {
  StatePolicy& policy;
  CorridorConditions& corridors;
  LeverArrays<LeverOwner::pathway>& pathway_lever;
  Treasury& treasury;
  /// Where announcements and rumours are heard (none: they change no belief; an announced
  /// change still takes effect).
  Beliefs* beliefs = nullptr;
  /// What `set` events on preferences, salience, reputation, budgets and instruments' valuations
  /// change (stance_events.h); none: a scenario with such an event is an internal error.
  Stances* stances = nullptr;
  Politics* politics = nullptr;
  Diplomacy* diplomacy = nullptr;
};

/// Applies the events of `tick` and appends their indices to `applied` (an announcement's
/// index again at the tick its change takes effect).
void apply_scheduled_events(const Scenario& scenario, int tick, EventTargets targets,
                            std::vector<int>& applied);

}  // namespace migdip
