#pragma once
// Tables the states open themselves ([negotiation ID] opens_at_salience > 0): such a table stays
// closed until the demander's salience reaches the threshold while the table's partner is the
// state through which most of the demander's irregular arrivals of the last month came. A
// scenario declares one such table per candidate partner, each with its own agenda; the one whose
// partner is the main transit state when pressure crosses the threshold opens. docs/model.md 7.4.

#include "migdip/scenario/scenario.h"
#include "migdip/world/politics.h"
#include "phases/diplomacy/valuation.h"
#include "phases/network.h"

namespace migdip {

/// The salience of an actor: a state's own, or the sum over a bloc's members.
double actor_salience(const Scenario& scenario, int actor, const Politics& politics);

/// The state through which most of the actor's irregular arrivals came (the state each corridor
/// into one of its states leaves from, other than its own), by the observed arrivals; -1 when
/// none came. Ties go to the state listed first.
int main_transit_state(const Scenario& scenario, const Network& network,
                       const ObservedFlows& observed, int actor);

/// Whether the closed self-opened table `negotiation` opens now (at or after its start tick).
bool table_opens(const Scenario& scenario, const Network& network, const ObservedFlows& observed,
                 const Politics& politics, int negotiation);

}  // namespace migdip
