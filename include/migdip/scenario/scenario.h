#pragma once
// The description of a run: who exists, how they are connected, what happens when. It is
// immutable once built (by a loader or by code) and shared read-only by every simulation of it.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "migdip/core/calendar.h"
#include "migdip/scenario/bloc_spec.h"
#include "migdip/scenario/corridor_spec.h"
#include "migdip/scenario/event_spec.h"
#include "migdip/scenario/initial_stock.h"
#include "migdip/scenario/instrument_spec.h"
#include "migdip/scenario/model_parameters.h"
#include "migdip/scenario/negotiation_spec.h"
#include "migdip/scenario/pathway_spec.h"
#include "migdip/scenario/state_spec.h"

namespace migdip {

/// Expected-value runs move the expected fraction of every cohort; stochastic runs draw whole
/// people from binomial and multinomial distributions.
enum class SimulationMode { expected, stochastic };

/// "expected" or "stochastic".
std::string_view to_string(SimulationMode mode);

struct ScenarioSettings {
  std::string name;
  std::string description;
  std::chrono::sys_days start_date{};
  TickLength tick_length = TickLength::month;
  int ticks = 0;
  std::uint64_t seed = 1;
  std::uint32_t run = 0;  ///< run index within a batch; part of every random stream key
  SimulationMode mode = SimulationMode::expected;
};

/// What the recorder keeps beyond the standard series.
struct OutputSettings {
  bool stocks_by_location = false;  ///< nationality x state x status stocks every tick
};

struct Scenario {
  ScenarioSettings settings;
  ModelParameters model;
  OutputSettings outputs;
  std::vector<StateSpec> states;
  std::vector<BlocSpec> blocs;
  std::vector<CorridorSpec> corridors;
  std::vector<PathwaySpec> pathways;
  std::vector<InitialStock> initial_stocks;
  std::vector<EventSpec> events;  ///< sorted by tick, file order within a tick
  DiplomacySettings diplomacy;
  std::vector<InstrumentSpec> instruments;
  std::vector<NegotiationSpec> negotiations;

  /// The state index of each nationality (the states with the origin role, in state order).
  std::vector<int> nationality_states;

  /// Recomputes nationality_states from the states' roles. Call after editing states.
  void index_nationalities();

  std::optional<int> find_state(std::string_view id) const;
  std::optional<int> find_bloc(std::string_view id) const;
  std::optional<int> find_corridor(std::string_view id) const;
  std::optional<int> find_pathway(std::string_view id) const;
  std::optional<int> find_instrument(std::string_view id) const;
  std::optional<int> find_negotiation(std::string_view id) const;
  /// The nationality index of a state, or nullopt when it has no origin role.
  std::optional<int> nationality_of_state(int state) const;

  Calendar calendar() const;

  int state_count() const { return static_cast<int>(states.size()); }
  int corridor_count() const { return static_cast<int>(corridors.size()); }
  int nationality_count() const { return static_cast<int>(nationality_states.size()); }
  int pathway_count() const { return static_cast<int>(pathways.size()); }
  int bloc_count() const { return static_cast<int>(blocs.size()); }
  int instrument_count() const { return static_cast<int>(instruments.size()); }
  int negotiation_count() const { return static_cast<int>(negotiations.size()); }
  /// States and blocs together: actor a < state_count() is a state, otherwise the bloc
  /// a - state_count().
  int actor_count() const { return state_count() + bloc_count(); }
  int actor_of(const Party& party) const {
    return party.kind == TargetKind::state ? party.index : state_count() + party.index;
  }
};

/// Checks the invariants the engine relies on (indices in range, values in their domains,
/// events sorted). Throws InputError naming the offending section and key. Loaders call it after
/// building; code that builds a Scenario by hand should too.
void check_scenario(const Scenario& scenario);

}  // namespace migdip
