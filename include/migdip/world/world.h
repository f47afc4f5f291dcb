#pragma once
// The whole mutable state of one run, grouped by concern so that each phase can be handed only
// the parts it reads and writes.

#include <vector>

#include "migdip/scenario/scenario.h"
#include "migdip/world/beliefs.h"
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

struct World {
  /// Sizes every array for the scenario and sets the initial values it describes.
  explicit World(const Scenario& scenario);

  int tick = 0;  ///< the tick being simulated, or the number of ticks done once a step ends
  Population population;
  Flows flows;
  StatePolicy policy;
  CorridorConditions corridors;
  Beliefs beliefs;  ///< what migrants believe about corridors and states
  LeverArrays<LeverOwner::pathway> pathway_lever;  ///< by pathway
  Treasury treasury;
  /// Expected value of being in each state (nationality x state), in utility units: the route
  /// choice's value function, kept from tick to tick as the start of the next solution.
  Eigen::ArrayXXd route_value;
  Politics politics;
  Diplomacy diplomacy;
  Stances stances;  ///< preferences and instrument valuations in force (events change them)
  std::vector<int> applied_events;  ///< indices of the events applied this tick

  double initial_people = 0;  ///< total_people() at the start: the conservation target
};

}  // namespace migdip
