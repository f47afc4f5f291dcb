#include "phases/diplomacy/table_opening.h"

#include <algorithm>

namespace migdip {
namespace {

bool actor_contains(const Scenario& scenario, int actor, int state) {
  if (actor < scenario.state_count()) {
    return actor == state;
  }
  const auto& members =
      scenario.blocs[static_cast<std::size_t>(actor - scenario.state_count())].members;
  return std::find(members.begin(), members.end(), state) != members.end();
}

}  // namespace

double actor_salience(const Scenario& scenario, int actor, const Politics& politics) {
  if (actor < scenario.state_count()) {
    return politics.salience(actor);
  }
  double salience = 0;
  for (int member :
       scenario.blocs[static_cast<std::size_t>(actor - scenario.state_count())].members) {
    salience += politics.salience(member);
  }
  return salience;
}

int main_transit_state(const Scenario& scenario, const Network& network,
                       const ObservedFlows& observed, int actor) {
  int main = -1;
  double most = 0;
  for (int s = 0; s < scenario.state_count(); ++s) {
    if (actor_contains(scenario, actor, s)) {
      continue;
    }
    double through = 0;
    for (int c : network.outgoing(s)) {
      if (actor_contains(scenario, actor, network.corridor_to(c))) {
        through += observed.arrivals(c);
      }
    }
    if (through > most) {
      most = through;
      main = s;
    }
  }
  return main;
}

bool table_opens(const Scenario& scenario, const Network& network, const ObservedFlows& observed,
                 const Politics& politics, int negotiation) {
  const NegotiationSpec& spec = scenario.negotiations[static_cast<std::size_t>(negotiation)];
  const int demander = scenario.actor_of(spec.demander);
  return actor_salience(scenario, demander, politics) >= spec.opens_at_salience &&
         spec.partner.kind == TargetKind::state &&
         main_transit_state(scenario, network, observed, demander) == spec.partner.index;
}

}  // namespace migdip
