#pragma once
// Scheduled events: the scenario's exogenous history. Policy levers set here are what the
// strategic layer will later choose for itself; in a scripted scenario they are given.

#include <optional>
#include <string>
#include <string_view>

#include "migdip/scenario/strategic_inputs.h"
#include "migdip/world/levers.h"

namespace migdip {

enum class EventType {
  set,               ///< set one parameter of a state, bloc, corridor or pathway
  open_corridor,     ///< open a corridor
  close_corridor,    ///< close a corridor
  transfer,          ///< start paying money from one party to another
  coup,              ///< government change or collapse in a state
  engineered_surge,  ///< a state actively facilitates crossings out of its territory
  announcement,      ///< a lever change announced now, in force later: believed early
  rumour,            ///< migrants hear that a lever has a value it does not have
};

enum class TargetKind { none, state, bloc, corridor, pathway, instrument };

/// A state or a bloc: who pays or receives a transfer.
struct Party {
  TargetKind kind = TargetKind::none;  ///< state or bloc
  int index = -1;
};

struct EventSpec {
  std::string id;
  int tick = 0;  ///< tick at which the event applies (start of tick, events phase)
  EventType type = EventType::set;

  TargetKind target_kind = TargetKind::none;
  int target = -1;  ///< index into the scenario's states, blocs, corridors or pathways

  /// For `set`: a keyed lever (see kLevers). A phased lever's target is set; any other
  /// lever takes the value at once. For `announcement` and `rumour`: the lever claimed.
  Lever parameter = Lever::push_intensity;
  /// For `set`: a parameter other than a lever (a preference, salience, reputation, a budget, an
  /// instrument's valuation), which the event changes instead of `parameter`.
  std::optional<StanceParameter> stance;
  double value = 0;  ///< new value for `set`; facilitation in [0, 1] for `engineered_surge`

  // transfer
  Party payer;
  Party payee;
  double amount = 0;       ///< EUR in total
  double over_months = 0;  ///< paid evenly over this many months

  // engineered surge: the tick at which facilitation stops (none: until another event);
  // rumour: the tick at which it stops being heard (none: never)
  std::optional<int> end_tick;

  // announcement: the tick at which the announced change (parameter, value) takes effect
  int effective_tick = 0;
  // announcement, rumour: how far migrants believe the claimed value, in [0, 1]
  double credibility = 1;

  // coup: the levers the new government chooses (its coup_choice levers; none: unchanged)
  LeverChoices<LeverOwner::state> new_government;
};

std::string_view to_string(EventType type);
/// The kind of entity a `set` event's lever belongs to (state levers also apply to blocs).
TargetKind target_kind_of(Lever parameter);

}  // namespace migdip
