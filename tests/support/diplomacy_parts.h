#pragma once
// The parts of a whole World that the diplomacy phase is handed, as Simulation::step hands them,
// for tests that drive the phase or its pieces on a World of their own.

#include "migdip/world/world.h"
#include "phases/diplomacy/diplomacy_parts.h"

namespace migdip::testing {

inline DiplomacyInputs inputs_of(const World& world) {
  return {world.population, world.flows, world.politics, world.stances};
}

inline DiplomacyTargets targets_of(World& world) {
  return {world.diplomacy, world.policy, world.corridors, world.pathway_lever, world.treasury};
}

inline DiplomacyView view_of(World& world) {
  return DiplomacyView(inputs_of(world), targets_of(world));
}

}  // namespace migdip::testing
