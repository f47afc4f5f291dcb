#pragma once
// Small strategic scenarios for the stylised-fact tests: the chain world of scenario_builder.h
// with preferences, instruments and a bargaining table between the destination and the transit
// state, changed field by field where a test needs it.

#include <string>
#include <vector>

#include "migdip/scenario/scenario.h"
#include "support/scenario_builder.h"

namespace migdip::testing {

inline constexpr int kOri = 0;
inline constexpr int kTra = 1;
inline constexpr int kDst = 2;

inline Party state_party(int state) {
  return Party{TargetKind::state, state};
}

inline int add_instrument(Scenario& scenario, std::string id, InstrumentType type, int user,
                          int target = -1) {
  InstrumentSpec instrument;
  instrument.id = std::move(id);
  instrument.type = type;
  instrument.user = state_party(user);
  instrument.target = target;
  scenario.instruments.push_back(instrument);
  return scenario.instrument_count() - 1;
}

inline InstrumentSpec& instrument(Scenario& scenario, const std::string& id) {
  return scenario.instruments[static_cast<std::size_t>(*scenario.find_instrument(id))];
}

/// The chain world over 36 months, in stochastic mode, where DST (arrival_cost 3000 EUR) can pay
/// TRA (hosting_cost 40 EUR a month, enforcement_cost 300 EUR) up to EUR 40 M a month to raise
/// its exit enforcement to 0.7; TRA can threaten to open the gates. Bargaining starts at tick 6.
inline Scenario externalisation_scenario(std::uint64_t seed = 1) {
  Scenario scenario = chain_scenario();
  scenario.settings.ticks = 36;
  scenario.settings.seed = seed;
  scenario.settings.mode = SimulationMode::stochastic;
  scenario.states[kTra].hosting_capacity = 4e5;
  scenario.states[kTra].policy_lag_days = 10;
  scenario.states[kDst].preferences.arrival_cost = 3000;
  scenario.states[kTra].preferences.hosting_cost = 40;
  scenario.states[kTra].preferences.enforcement_cost = 300;
  scenario.states[kDst].conduct.democracy = 1;
  scenario.states[kTra].conduct.reputation_stake = 50e6;

  const int enforce =
      add_instrument(scenario, "tra_coastguard", InstrumentType::exit_enforcement, kTra);
  scenario.instruments[static_cast<std::size_t>(enforce)].level = 0.7;
  const int pay = add_instrument(scenario, "dst_pays", InstrumentType::transfer, kDst, kTra);
  scenario.instruments[static_cast<std::size_t>(pay)].amount = 40e6;
  const int gates = add_instrument(scenario, "tra_open_gates", InstrumentType::open_gates, kTra);
  scenario.instruments[static_cast<std::size_t>(gates)].level = 1.0;
  scenario.instruments[static_cast<std::size_t>(gates)].cost_to_user = 2e6;

  NegotiationSpec table;
  table.id = "dst_tra";
  table.demander = state_party(kDst);
  table.partner = kTra;
  table.asks = {enforce};
  table.payment = pay;
  table.threats = {gates};
  table.start_tick = 6;
  scenario.negotiations.push_back(table);
  return scenario;
}

}  // namespace migdip::testing
