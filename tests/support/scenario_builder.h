#pragma once
// Builds small scenarios in code for tests: a valid origin -> transit -> destination world by
// default, changed field by field where a test needs it.

#include <chrono>
#include <memory>
#include <string>

#include "migdip/scenario/scenario.h"

namespace migdip::testing {

inline StateSpec make_state(std::string id, std::uint8_t roles, double population, double income) {
  StateSpec state;
  state.id = id;
  state.name = std::move(id);
  state.roles = roles;
  state.population = population;
  state.income_per_head = income;
  state.lever(Lever::readmission_acceptance) = 1;
  state.lever(Lever::asylum_processing_rate) = 0.25;
  return state;
}

inline constexpr std::uint8_t kOrigin = static_cast<std::uint8_t>(StateRole::origin);
inline constexpr std::uint8_t kTransit = static_cast<std::uint8_t>(StateRole::transit);
inline constexpr std::uint8_t kDestination = static_cast<std::uint8_t>(StateRole::destination);

inline CorridorSpec make_corridor(std::string id, int from, int to, double cost, double mortality) {
  CorridorSpec corridor;
  corridor.id = std::move(id);
  corridor.from = from;
  corridor.to = to;
  corridor.lever(Lever::cost) = cost;
  corridor.lever(Lever::mortality) = mortality;
  corridor.travel_days = 5;
  return corridor;
}

/// ORI (origin, 1M people) -> TRA (transit, hosts 100k) -> DST (destination), monthly, 24 ticks.
inline Scenario chain_scenario() {
  Scenario scenario;
  scenario.settings.name = "chain";
  scenario.settings.start_date = std::chrono::sys_days{std::chrono::year{2020} / 1 / 1};
  scenario.settings.ticks = 24;
  StateSpec origin = make_state("ORI", kOrigin, 1e6, 2000);
  origin.emigration_rate = 0.002;
  origin.lever(Lever::push_intensity) = 1;
  origin.protection_need = 0.8;
  StateSpec transit = make_state("TRA", kTransit, 5e7, 9000);
  transit.lever(Lever::hosting_capacity) = 1e5;
  transit.lever(Lever::recognition_rate) = 0.5;
  StateSpec destination = make_state("DST", kDestination, 8e7, 40000);
  destination.lever(Lever::recognition_rate) = 0.7;
  destination.lever(Lever::return_rate) = 0.1;
  scenario.states = {origin, transit, destination};
  scenario.corridors = {make_corridor("ORI-TRA", 0, 1, 500, 0.001),
                        make_corridor("TRA-DST", 1, 2, 1500, 0.01)};
  scenario.index_nationalities();
  return scenario;
}

/// A `set` event: at `tick`, `parameter` of the target becomes `value`.
inline EventSpec set_event(std::string id, int tick, TargetKind kind, int target, Lever parameter,
                           double value) {
  EventSpec event;
  event.id = std::move(id);
  event.tick = tick;
  event.type = EventType::set;
  event.target_kind = kind;
  event.target = target;
  event.parameter = parameter;
  event.value = value;
  return event;
}

/// A `set` event on a parameter that is not a lever (a preference, salience, reputation, a
/// budget, an instrument's valuation or amount): at `tick` it becomes `value`.
inline EventSpec stance_event(std::string id, int tick, TargetKind kind, int target,
                              StanceParameter parameter, double value) {
  EventSpec event;
  event.id = std::move(id);
  event.tick = tick;
  event.type = EventType::set;
  event.target_kind = kind;
  event.target = target;
  event.stance = parameter;
  event.value = value;
  return event;
}

inline std::shared_ptr<const Scenario> share(Scenario scenario) {
  return std::make_shared<const Scenario>(std::move(scenario));
}

}  // namespace migdip::testing
