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
  scenario.states[kTra].lever(Lever::hosting_capacity) = 4e5;
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
  table.partner = {TargetKind::state, kTra};
  table.asks = {enforce};
  table.payment = pay;
  table.threats = {gates};
  table.start_tick = 6;
  scenario.negotiations.push_back(table);
  return scenario;
}

}  // namespace migdip::testing

namespace migdip::testing {

/// A one-table world for unit tests of the diplomacy phase, in expected mode over 24 months: DST
/// (arrival_cost 3000 EUR, nothing else) asks TRA (hosting_cost 40 EUR a month) to readmit half
/// of the arrivals on TRA-DST (instrument "tra_readmits", level 0.5) and can pay it through
/// "dst_pays" (a transfer with a EUR 40 M ceiling). The table "dst_tra" starts at tick 0 with
/// positive conditionality, no implementation lag, a monitoring lag of one month, a breach
/// threshold of 0.5, a cooldown of 3 months and deals of 24 months; both bargaining powers are
/// 0.5 and the horizon is 12 months. Tests set the flows the governments see by hand.
inline Scenario readmission_table_scenario() {
  Scenario scenario = chain_scenario();
  scenario.settings.ticks = 24;
  scenario.settings.mode = SimulationMode::expected;
  scenario.states[kDst].preferences.arrival_cost = 3000;
  scenario.states[kTra].preferences.hosting_cost = 40;
  const int readmit = add_instrument(scenario, "tra_readmits", InstrumentType::readmission, kTra);
  scenario.instruments[static_cast<std::size_t>(readmit)].corridor = 1;  // TRA-DST
  scenario.instruments[static_cast<std::size_t>(readmit)].level = 0.5;
  const int pay = add_instrument(scenario, "dst_pays", InstrumentType::transfer, kDst, kTra);
  scenario.instruments[static_cast<std::size_t>(pay)].amount = 40e6;
  NegotiationSpec table;
  table.id = "dst_tra";
  table.demander = state_party(kDst);
  table.partner = {TargetKind::state, kTra};
  table.asks = {readmit};
  table.payment = pay;
  table.start_tick = 0;
  table.duration_months = 24;
  table.monitoring_lag_months = 1;
  table.implementation_lag_months = 0;
  table.breach_threshold = 0.5;
  table.cooldown_months = 3;
  scenario.negotiations.push_back(table);
  return scenario;
}

/// readmission_table_scenario() without a payment instrument, where DST gives TRA EUR 50,000 a
/// month of aid (a transfer event at tick 0, over the 24 months) and may cut it (threat
/// "dst_cuts_aid"; DST is a democracy with an audience cost of EUR 2.7 M). With `with_visas`,
/// TRA may answer by restricting visas for DST nationals (threat "tra_visas": worth -1 M a month
/// to DST, costing TRA 50,000 a month; TRA stakes EUR 1 M of reputation on its threats).
inline Scenario aid_and_visa_table_scenario(bool with_visas) {
  Scenario scenario = readmission_table_scenario();
  scenario.negotiations[0].payment = -1;
  scenario.states[kDst].conduct.democracy = 1;
  scenario.states[kDst].conduct.audience_cost = 2.7e6;
  scenario.states[kTra].conduct.reputation_stake = 1e6;
  EventSpec aid;
  aid.id = "dst_aid";
  aid.type = EventType::transfer;
  aid.tick = 0;
  aid.payer = state_party(kDst);
  aid.payee = state_party(kTra);
  aid.amount = 50000.0 * 24;
  aid.over_months = 24;
  scenario.events.push_back(aid);
  const int cut = add_instrument(scenario, "dst_cuts_aid", InstrumentType::aid_cut, kDst, kTra);
  scenario.negotiations[0].threats = {cut};
  if (with_visas) {
    const int visas =
        add_instrument(scenario, "tra_visas", InstrumentType::visa_restriction, kTra, kDst);
    scenario.instruments[static_cast<std::size_t>(visas)].value_to_target = -1e6;
    scenario.instruments[static_cast<std::size_t>(visas)].cost_to_user = 50000;
    scenario.negotiations[0].threats.push_back(visas);
  }
  return scenario;
}

}  // namespace migdip::testing
