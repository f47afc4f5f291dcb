#pragma once
// Random but valid scenarios for property tests: every kind of state, corridor, pathway, stock
// and event, with parameters drawn across their whole allowed ranges.

#include <algorithm>
#include <random>

#include "support/scenario_builder.h"

namespace migdip::testing {

inline Scenario random_scenario(std::uint64_t seed) {
  std::mt19937_64 random(seed);
  auto uniform = [&](double low, double high) {
    return std::uniform_real_distribution<double>(low, high)(random);
  };
  auto integer = [&](int low, int high) {
    return std::uniform_int_distribution<int>(low, high)(random);
  };
  auto coin = [&](double p) { return uniform(0, 1) < p; };

  Scenario scenario;
  scenario.settings.name = "random";
  scenario.settings.start_date = std::chrono::sys_days{std::chrono::year{2020} / 1 / 31};
  scenario.settings.tick_length = static_cast<TickLength>(integer(0, 2));
  scenario.settings.ticks = integer(1, 40);
  scenario.settings.seed = seed;
  scenario.settings.mode = coin(0.5) ? SimulationMode::stochastic : SimulationMode::expected;
  scenario.model.choice_sensitivity = uniform(0.1, 3);
  scenario.model.continuation_discount = uniform(0, 0.99);
  scenario.model.transit_reconsider_rate = uniform(0, 20);
  scenario.model.hosted_reconsider_rate = uniform(0, 2);
  scenario.model.network_elasticity = uniform(0, 5);
  scenario.model.income_elasticity = uniform(0, 1);

  const int states = integer(2, 8);
  for (int s = 0; s < states; ++s) {
    std::uint8_t roles = static_cast<std::uint8_t>(integer(1, 7));
    if (s == 0)
      roles |= kOrigin;
    StateSpec state = make_state("S" + std::to_string(s), roles, std::round(uniform(1e3, 1e8)),
                                 uniform(300, 60000));
    state.emigration_rate = uniform(0, 0.05);
    state.lever(Lever::push_intensity) = uniform(0, 3);
    state.protection_need = uniform(0, 1);
    state.lever(Lever::readmission_acceptance) = uniform(0, 1);
    state.lever(Lever::exit_enforcement) = uniform(0, 1);
    state.lever(Lever::entry_enforcement) = uniform(0, 1);
    state.lever(Lever::pushback_rate) = uniform(0, 1);
    state.policy_lag_days = coin(0.5) ? 0 : uniform(0, 200);
    state.lever(Lever::hosting_capacity) = std::round(uniform(0, 1e6));
    state.lever(Lever::recognition_rate) = uniform(0, 1);
    state.lever(Lever::asylum_processing_rate) = uniform(0, 2);
    state.lever(Lever::return_rate) = uniform(0, 2);
    state.lever(Lever::stay_utility) = uniform(-3, 3);
    state.lever(Lever::removal_capacity) = coin(0.5) ? uniform(0, 1e5) : 0;
    state.lever(Lever::removal_cost) = uniform(0, 5000);
    scenario.states.push_back(state);
  }
  for (int s = 0; s < states; ++s) {
    if (coin(0.3)) {
      StateSpec& state = scenario.states[static_cast<std::size_t>(s)];
      state.offshore_state = (s + 1) % states;
      state.lever(Lever::offshore_capacity) = uniform(0, 1e4);
      state.lever(Lever::offshore_cost) = uniform(0, 20000);
    }
  }
  scenario.index_nationalities();
  const int nationalities = scenario.nationality_count();

  const int corridors = integer(1, states * 2);
  for (int c = 0; c < corridors; ++c) {
    const int from = integer(0, states - 1);
    int to = integer(0, states - 2);
    if (to >= from)
      ++to;
    CorridorSpec corridor =
        make_corridor("C" + std::to_string(c), from, to, uniform(0, 10000), uniform(0, 0.3));
    corridor.travel_days = uniform(0, 120);
    corridor.lever(Lever::capacity) =
        coin(0.3) ? std::round(uniform(1, 1e5)) : corridor.lever(Lever::capacity);
    corridor.open = coin(0.9);
    corridor.lever(Lever::readmission_rate) = uniform(0, 1);
    corridor.lever(Lever::expulsion_capacity) = coin(0.3) ? uniform(0, 1e4) : 0;
    scenario.corridors.push_back(corridor);
  }
  for (int k = 0; k < integer(0, 4); ++k) {
    InitialStock stock;
    stock.nationality = integer(0, nationalities - 1);
    stock.location = integer(0, states - 1);
    for (double& people : stock.people)
      people = coin(0.5) ? std::round(uniform(0, 1e5)) : 0;
    scenario.initial_stocks.push_back(stock);
  }
  for (int p = 0; p < integer(0, 3); ++p) {
    PathwaySpec pathway;
    pathway.id = "P" + std::to_string(p);
    pathway.kind = coin(0.5) ? PathwayKind::resettlement : PathwayKind::labour;
    pathway.nationality = integer(0, nationalities - 1);
    pathway.from = pathway.kind == PathwayKind::labour
                       ? scenario.nationality_states[static_cast<std::size_t>(pathway.nationality)]
                       : integer(0, states - 1);
    pathway.to = (pathway.from + 1) % states;
    pathway.lever(Lever::quota) = uniform(0, 5000);
    scenario.pathways.push_back(pathway);
  }
  BlocSpec bloc;
  bloc.id = "B";
  bloc.members = {0, states - 1};
  scenario.blocs.push_back(bloc);

  const Lever state_parameters[] = {Lever::push_intensity,   Lever::stay_utility,
                                    Lever::exit_enforcement, Lever::entry_enforcement,
                                    Lever::pushback_rate,    Lever::readmission_acceptance,
                                    Lever::return_rate,      Lever::hosting_capacity,
                                    Lever::recognition_rate, Lever::asylum_processing_rate};
  const Lever corridor_parameters[] = {Lever::mortality, Lever::cost, Lever::capacity,
                                       Lever::readmission_rate};
  for (int e = 0; e < integer(0, 12); ++e) {
    EventSpec event;
    event.id = "E" + std::to_string(e);
    event.tick = integer(0, scenario.settings.ticks - 1);
    event.type = static_cast<EventType>(integer(0, 7));
    if (event.type == EventType::announcement && scenario.settings.ticks < 2) {
      event.type = EventType::rumour;  // no tick after this one to take effect at
    }
    switch (event.type) {
      case EventType::set:
        if (coin(0.6)) {
          event.target_kind = coin(0.8) ? TargetKind::state : TargetKind::bloc;
          event.target = event.target_kind == TargetKind::state ? integer(0, states - 1) : 0;
          event.parameter = state_parameters[integer(0, 9)];
          event.value = event.parameter == Lever::hosting_capacity ? uniform(0, 1e6)
                        : event.parameter == Lever::stay_utility   ? uniform(-3, 3)
                                                                   : uniform(0, 1);
        } else {
          event.target_kind = TargetKind::corridor;
          event.target = integer(0, corridors - 1);
          event.parameter = corridor_parameters[integer(0, 3)];
          event.value = event.parameter == Lever::cost       ? uniform(0, 5000)
                        : event.parameter == Lever::capacity ? uniform(1, 1e5)
                                                             : uniform(0, 1);
        }
        break;
      case EventType::open_corridor:
      case EventType::close_corridor:
        event.target_kind = TargetKind::corridor;
        event.target = integer(0, corridors - 1);
        break;
      case EventType::transfer:
        event.payer = Party{TargetKind::bloc, 0};
        event.payee = Party{TargetKind::state, integer(0, states - 1)};
        event.amount = uniform(1e6, 1e9);
        event.over_months = uniform(0.5, 24);
        break;
      case EventType::coup:
        event.target_kind = TargetKind::state;
        event.target = integer(0, states - 1);
        if (coin(0.5))
          event.new_government(Lever::exit_enforcement) = uniform(0, 1);
        if (coin(0.5))
          event.new_government(Lever::readmission_acceptance) = uniform(0, 1);
        break;
      case EventType::engineered_surge:
        event.target_kind = TargetKind::state;
        event.target = integer(0, states - 1);
        event.value = uniform(0, 1);
        if (coin(0.5))
          event.end_tick = integer(event.tick + 1, scenario.settings.ticks);
        break;
      case EventType::announcement:
        // Enforcement or mortality on a corridor, in force later in the run.
        event.target_kind = TargetKind::corridor;
        event.target = integer(0, corridors - 1);
        event.parameter = coin(0.5) ? Lever::entry_enforcement : Lever::mortality;
        event.value = uniform(0, 1);
        event.credibility = uniform(0, 1);
        event.tick = std::min(event.tick, scenario.settings.ticks - 2);
        event.effective_tick = integer(event.tick + 1, scenario.settings.ticks - 1);
        break;
      case EventType::rumour:
        // About a state's exit enforcement (its borders) or recognition rate.
        event.target_kind = TargetKind::state;
        event.target = integer(0, states - 1);
        event.parameter = coin(0.5) ? Lever::exit_enforcement : Lever::recognition_rate;
        event.value = uniform(0, 1);
        event.credibility = uniform(0, 1);
        if (coin(0.5))
          event.end_tick = integer(event.tick + 1, scenario.settings.ticks);
        break;
    }
    scenario.events.push_back(event);
  }
  // Beliefs that see the truth late (up to three months) and remember it, in half the runs.
  if (coin(0.5)) {
    scenario.model.belief_lag_days = uniform(0, 90);
    scenario.model.belief_memory_days = uniform(0, 120);
  }
  std::stable_sort(scenario.events.begin(), scenario.events.end(),
                   [](const EventSpec& a, const EventSpec& b) { return a.tick < b.tick; });
  return scenario;
}

}  // namespace migdip::testing
