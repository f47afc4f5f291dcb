#pragma once
// A negotiation table as the diplomacy phase and the bargainer read it from the scenario: its
// two sides as actors, its agenda, and what the parties' conduct makes of a deal's terms.

#include <cstddef>

#include "migdip/scenario/scenario.h"

namespace migdip {

/// A table and its two sides as actors (a bloc is state_count() + its index).
struct Table {
  const NegotiationSpec& spec;
  int demander;
  int partner;
};

inline Table table_at(const Scenario& scenario, int negotiation) {
  const NegotiationSpec& spec = scenario.negotiations[static_cast<std::size_t>(negotiation)];
  return {spec, scenario.actor_of(spec.demander), scenario.actor_of(spec.partner)};
}

/// Item k of the table's agenda: its asks, then its offers (the bits of Deal::items).
inline int agenda_item(const NegotiationSpec& spec, std::size_t k) {
  return k < spec.asks.size() ? spec.asks[k] : spec.offers[k - spec.asks.size()];
}

/// Whether the table's deals carry a payment: it names one, and conditionality is not negative.
inline bool paid(const NegotiationSpec& spec) {
  return spec.payment >= 0 && spec.conditionality != Conditionality::negative;
}

inline const ActorConduct& conduct_of(const Scenario& scenario, int actor) {
  return actor < scenario.state_count()
             ? scenario.states[static_cast<std::size_t>(actor)].conduct
             : scenario.blocs[static_cast<std::size_t>(actor - scenario.state_count())].conduct;
}

/// The share of its commitments the partner delivers: its compliance, less what leaks from the
/// money that pays for them (when the table can pay).
inline double delivered_share(const Scenario& scenario, const NegotiationSpec& spec) {
  const ActorConduct& partner = conduct_of(scenario, scenario.actor_of(spec.partner));
  return partner.compliance * (1.0 - (paid(spec) ? partner.leakage : 0.0));
}

/// Calls f(state) for the actor's state, or for every member of the actor's bloc.
template <typename F>
void for_each_state_of(const Scenario& scenario, int actor, F f) {
  if (actor < scenario.state_count()) {
    f(actor);
    return;
  }
  for (int member :
       scenario.blocs[static_cast<std::size_t>(actor - scenario.state_count())].members) {
    f(member);
  }
}

/// Whether an instrument's user is on the side of `actor`: the actor itself, or a member of the
/// actor's bloc (a bloc table may use its members' instruments, docs/model.md 7.4).
inline bool on_side(const Scenario& scenario, int actor, int instrument) {
  const Party& user = scenario.instruments[static_cast<std::size_t>(instrument)].user;
  if (scenario.actor_of(user) == actor) {
    return true;
  }
  if (user.kind != TargetKind::state || actor < scenario.state_count()) {
    return false;
  }
  const auto& members =
      scenario.blocs[static_cast<std::size_t>(actor - scenario.state_count())].members;
  for (int member : members) {
    if (member == user.index) {
      return true;
    }
  }
  return false;
}

/// The side of the table (its demander or partner actor) whose instrument this is.
inline int side_of(const Scenario& scenario, const Table& table, int instrument) {
  return on_side(scenario, table.demander, instrument) ? table.demander : table.partner;
}

}  // namespace migdip
