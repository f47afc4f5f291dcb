#pragma once
// The description of a run: who exists, how they are connected, what happens when. It is
// immutable once built (by a loader or by code) and shared read-only by every simulation of it.

#include <chrono>
#include <cstdint>
#include <memory>
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
#include "migdip/scenario/source_map.h"
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

/// The span of time each written value of a series covers: every tick, or calendar months,
/// calendar years or the whole run, over which the tick values are aggregated.
enum class OutputInterval { tick, month, year, run };
/// How the series' values are stored in the results file.
enum class OutputPrecision { float64, float32 };

std::string_view to_string(OutputInterval interval);
std::string_view to_string(OutputPrecision precision);

/// The deflate level of OutputSettings::compression that lets the file decide by size.
inline constexpr int kAutomaticCompression = -1;

/// What the results file holds ([outputs], docs/results-format.md "Declared outputs").
struct OutputSettings {
  bool stocks_by_location = false;  ///< nationality x state x status stocks every tick
  /// Series to write: "group/variable", "group" or "group/*"; empty: every standard series.
  std::vector<std::string> variables;
  /// Series not to write, named the same way.
  std::vector<std::string> exclude;
  OutputInterval interval = OutputInterval::tick;
  OutputPrecision precision = OutputPrecision::float64;
  /// Deflate level 0-9 of the series, or kAutomaticCompression.
  int compression = kAutomaticCompression;
  /// Corridors x nationalities above which the (time, corridor, nationality) series are written
  /// only when `variables` names them.
  std::uint64_t large_series_limit = 10000;
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

  /// Where the loader read each item; empty for scenarios built in code.
  SourceMap sources;

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
/// events sorted) and every rule that relates values or items. Throws InputError naming the
/// offending section and key, and the file and line where `scenario.sources` knows them.
/// CheckedScenario calls it: loaders and Simulation make one.
void check_scenario(const Scenario& scenario);

/// A shared scenario that check_scenario has passed. Only checking makes one, so whoever holds
/// one need not check again: a Simulation made from it does not, and so the checks run once
/// per run however the scenario was made.
class CheckedScenario {
 public:
  /// Checks the scenario (InputError as check_scenario).
  explicit CheckedScenario(std::shared_ptr<const Scenario> scenario);

  const Scenario& operator*() const { return *scenario_; }
  const Scenario* operator->() const { return scenario_.get(); }
  const std::shared_ptr<const Scenario>& shared() const { return scenario_; }
  operator std::shared_ptr<const Scenario>() const { return scenario_; }  // NOLINT: read-only use

 private:
  std::shared_ptr<const Scenario> scenario_;
};

}  // namespace migdip
