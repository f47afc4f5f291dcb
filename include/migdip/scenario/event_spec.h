#pragma once
// Scheduled events: the scenario's exogenous history. Policy levers set here are what the
// strategic layer will later choose for itself; in a scripted scenario they are given.

#include <optional>
#include <string>
#include <string_view>

namespace migdip {

enum class EventType {
  set,               ///< set one parameter of a state, bloc, corridor or pathway
  open_corridor,     ///< open a corridor
  close_corridor,    ///< close a corridor
  transfer,          ///< start paying money from one party to another
  coup,              ///< government change or collapse in a state
  engineered_surge,  ///< a state actively facilitates crossings out of its territory
};

enum class TargetKind { none, state, bloc, corridor, pathway };

/// Parameters an event of type `set` can change. Enforcement levels are targets that the
/// state's policy lag smooths; every other parameter takes effect at once.
enum class EventParameter {
  // state (or every member of a bloc)
  push_intensity,
  stay_utility,
  exit_enforcement,
  entry_enforcement,
  pushback_rate,
  readmission_acceptance,
  return_rate,
  hosting_capacity,
  recognition_rate,
  asylum_processing_rate,
  // corridor
  mortality,
  cost,
  capacity,
  readmission_rate,
  // pathway
  quota,
};

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

  EventParameter parameter = EventParameter::push_intensity;  ///< for `set`
  double value = 0;  ///< new value for `set`; facilitation in [0, 1] for `engineered_surge`

  // transfer
  Party payer;
  Party payee;
  double amount = 0;       ///< EUR in total
  double over_months = 0;  ///< paid evenly over this many months

  // engineered surge: the tick at which facilitation stops (none: until another event)
  std::optional<int> end_tick;

  // coup: levers of the new government (none: unchanged)
  std::optional<double> new_exit_enforcement;
  std::optional<double> new_readmission_acceptance;
};

std::string_view to_string(EventType type);
std::string_view to_string(EventParameter parameter);
/// The kind of entity a parameter belongs to (state parameters also apply to blocs).
TargetKind target_kind_of(EventParameter parameter);

}  // namespace migdip
