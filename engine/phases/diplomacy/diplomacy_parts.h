#pragma once
// The parts of the world the diplomacy phase reads and writes (the rule of world.h): what
// governments observed, which it never changes; its own record; and the levers and money its
// instruments act on while in force.

#include <Eigen/Core>

#include "migdip/world/corridor_conditions.h"
#include "migdip/world/diplomacy.h"
#include "migdip/world/flows.h"
#include "migdip/world/lever_arrays.h"
#include "migdip/world/politics.h"
#include "migdip/world/population.h"
#include "migdip/world/stances.h"
#include "migdip/world/state_policy.h"
#include "migdip/world/treasury.h"

namespace migdip {

/// What governments observed: read, never changed, by the phase.
struct DiplomacyInputs {
  const Population& population;  ///< stocks as the tick found them
  const Flows& flows;            ///< last tick's flows while bargaining, this tick's after it
  const Politics& politics;
  const Stances& stances;  ///< preferences and instruments' valuations in force
};

/// What the phase changes: its own record, and the levers and money its instruments act on
/// (instrument_levers.h).
struct DiplomacyTargets {
  Diplomacy& diplomacy;
  StatePolicy& policy;
  CorridorConditions& corridors;
  LeverArrays<LeverOwner::pathway>& pathway_lever;
  Treasury& treasury;  ///< the transfers an aid cut holds back
};

/// All the phase reads, read only: the view its valuations and bargains decide on. It shows the
/// targets as they change, so a bargain sees the threats carried out before it at the tick.
struct DiplomacyView {
  DiplomacyView(const DiplomacyInputs& in, const DiplomacyTargets& targets)
      : population(in.population),
        flows(in.flows),
        politics(in.politics),
        stances(in.stances),
        diplomacy(targets.diplomacy),
        policy(targets.policy),
        corridors(targets.corridors),
        pathway_lever(targets.pathway_lever),
        treasury(targets.treasury) {}

  const Population& population;
  const Flows& flows;
  const Politics& politics;
  const Stances& stances;
  const Diplomacy& diplomacy;
  const StatePolicy& policy;
  const CorridorConditions& corridors;
  const LeverArrays<LeverOwner::pathway>& pathway_lever;
  const Treasury& treasury;
};

}  // namespace migdip
