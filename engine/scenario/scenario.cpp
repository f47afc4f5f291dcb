#include "migdip/scenario/scenario.h"

#include <algorithm>

namespace migdip {
namespace {

template <typename Spec>
std::optional<int> find_by_id(const std::vector<Spec>& items, std::string_view id) {
  auto found =
      std::find_if(items.begin(), items.end(), [&](const Spec& item) { return item.id == id; });
  if (found == items.end()) {
    return std::nullopt;
  }
  return static_cast<int>(found - items.begin());
}

}  // namespace

void Scenario::index_nationalities() {
  nationality_states.clear();
  for (int s = 0; s < state_count(); ++s) {
    if (states[static_cast<std::size_t>(s)].has_role(StateRole::origin)) {
      nationality_states.push_back(s);
    }
  }
}

std::optional<int> Scenario::find_state(std::string_view id) const {
  return find_by_id(states, id);
}
std::optional<int> Scenario::find_bloc(std::string_view id) const {
  return find_by_id(blocs, id);
}
std::optional<int> Scenario::find_corridor(std::string_view id) const {
  return find_by_id(corridors, id);
}
std::optional<int> Scenario::find_pathway(std::string_view id) const {
  return find_by_id(pathways, id);
}

std::optional<int> Scenario::find_instrument(std::string_view id) const {
  return find_by_id(instruments, id);
}

std::optional<int> Scenario::find_negotiation(std::string_view id) const {
  return find_by_id(negotiations, id);
}

std::optional<int> Scenario::nationality_of_state(int state) const {
  auto found = std::find(nationality_states.begin(), nationality_states.end(), state);
  if (found == nationality_states.end()) {
    return std::nullopt;
  }
  return static_cast<int>(found - nationality_states.begin());
}

Calendar Scenario::calendar() const {
  return Calendar(settings.start_date, settings.tick_length, settings.ticks);
}

std::string_view to_string(CorridorMode mode) {
  switch (mode) {
    case CorridorMode::land:
      return "land";
    case CorridorMode::sea:
      return "sea";
    case CorridorMode::air:
      return "air";
  }
  return "?";
}

std::string_view to_string(PathwayKind kind) {
  return kind == PathwayKind::resettlement ? "resettlement" : "labour";
}

std::string_view to_string(SimulationMode mode) {
  return mode == SimulationMode::expected ? "expected" : "stochastic";
}

std::string_view to_string(OutputInterval interval) {
  switch (interval) {
    case OutputInterval::tick:
      return "tick";
    case OutputInterval::month:
      return "month";
    case OutputInterval::year:
      return "year";
    case OutputInterval::run:
      return "run";
  }
  return "?";
}

std::string_view to_string(OutputPrecision precision) {
  return precision == OutputPrecision::float64 ? "float64" : "float32";
}

std::string_view to_string(EventType type) {
  switch (type) {
    case EventType::set:
      return "set";
    case EventType::open_corridor:
      return "open_corridor";
    case EventType::close_corridor:
      return "close_corridor";
    case EventType::transfer:
      return "transfer";
    case EventType::coup:
      return "coup";
    case EventType::engineered_surge:
      return "engineered_surge";
    case EventType::announcement:
      return "announcement";
    case EventType::rumour:
      return "rumour";
  }
  return "?";
}

TargetKind target_kind_of(Lever parameter) {
  switch (owner_of(parameter)) {
    case LeverOwner::state:
      return TargetKind::state;
    case LeverOwner::corridor:
      return TargetKind::corridor;
    case LeverOwner::pathway:
      return TargetKind::pathway;
  }
  return TargetKind::none;
}

}  // namespace migdip
