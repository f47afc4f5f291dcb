#pragma once
// Shared by the INI loader tests: a small valid scenario to build broken variants from, and
// helpers that load text and check the error message.

#include <gtest/gtest.h>

#include <algorithm>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "migdip/core/error.h"
#include "migdip/io/scenario_file.h"

namespace migdip::testing {

/// Three states and a corridor; 25 lines, so sections appended to it start on line 26.
inline std::string base_scenario() {
  return "[scenario]\n"
         "name = test\n"
         "start_date = 2016-01-01\n"
         "ticks = 12\n"
         "\n"
         "[state SYR]\n"
         "roles = origin\n"
         "population = 18e6\n"
         "income_per_head = 2000\n"
         "\n"
         "[state TUR]\n"
         "roles = transit, destination\n"
         "population = 80e6\n"
         "income_per_head = 9000\n"
         "\n"
         "[state GRC]\n"
         "roles = transit, destination\n"
         "population = 10.7e6\n"
         "income_per_head = 17000\n"
         "\n"
         "[corridor SYR-TUR]\n"
         "from = SYR\n"
         "to = TUR\n"
         "# the file name in messages is test.ini\n"
         "\n";
}

inline constexpr int kBaseLines = 25;

/// Sections of the strategic layer to append to base_scenario(): every new section kind and
/// key, with values that differ from the defaults. Monthly ticks from 2016-01-01, so dates fall
/// in the tick of their month (2016-03-18: tick 2).
inline std::string strategic_sections() {
  return "[diplomacy]\n"
         "protocol = rubinstein\n"
         "horizon_months = 18\n"
         "reputation_step = 0.3\n"
         "round_months = 0.5\n"
         "reevaluation_tolerance = 0.1\n"
         "\n"
         "[state DEU]\n"
         "roles = destination\n"
         "population = 83e6\n"
         "income_per_head = 45000\n"
         "arrival_cost = 5000\n"
         "salience_weight = 2\n"
         "polarisation = 0.4\n"
         "enforcement_cost = 100\n"
         "hosting_cost = 800\n"
         "hypocrisy_cost = 300\n"
         "remittance_per_worker = 50\n"
         "labour_value = 1500\n"
         "substitution_months = 6\n"
         "bargaining_power = 0.7\n"
         "patience = 0.02\n"
         "next_election = 2016-09-24\n"
         "reputation = 0.6\n"
         "democracy = 1\n"
         "audience_cost = 1e8\n"
         "reputation_stake = 5e7\n"
         "compliance = 0.95\n"
         "leakage = 0.1\n"
         "\n"
         "[bloc EU]\n"
         "members = GRC, DEU\n"
         "bargaining_power = 0.8\n"
         "patience = 0.01\n"
         "next_election = 2016-05-15\n"
         "reputation = 0.4\n"
         "democracy = 0.9\n"
         "audience_cost = 2e8\n"
         "reputation_stake = 1e8\n"
         "compliance = 0.9\n"
         "leakage = 0.05\n"
         "\n"
         "[corridor TUR-GRC]\n"
         "from = TUR\n"
         "to = GRC\n"
         "mode = sea\n"
         "\n"
         "[pathway resettle]\n"
         "kind = resettlement\n"
         "from = TUR\n"
         "to = DEU\n"
         "nationality = SYR\n"
         "\n"
         "[pathway work]\n"
         "kind = labour\n"
         "from = SYR\n"
         "to = DEU\n"
         "\n"
         "[instrument eu_pay]\n"
         "type = transfer\n"
         "user = EU\n"
         "target = TUR\n"
         "amount = 5e8\n"
         "\n"
         "[instrument tur_coast]\n"
         "type = exit_enforcement\n"
         "user = TUR\n"
         "level = 0.8\n"
         "cost_to_user = 1e6\n"
         "\n"
         "[instrument tur_readmit]\n"
         "type = readmission\n"
         "user = TUR\n"
         "corridor = TUR-GRC\n"
         "level = 0.3\n"
         "\n"
         "[instrument eu_resettle]\n"
         "type = legal_pathway\n"
         "user = EU\n"
         "pathway = resettle\n"
         "level = 2000\n"
         "\n"
         "[instrument eu_visas]\n"
         "type = visa_liberalisation\n"
         "user = EU\n"
         "target = TUR\n"
         "value_to_target = 2e7\n"
         "\n"
         "[instrument tur_gates]\n"
         "type = open_gates\n"
         "user = TUR\n"
         "level = 0.6\n"
         "mobilised_share = 0.1\n"
         "cost_to_user = 5e6\n"
         "\n"
         "[instrument eu_aid_cut]\n"
         "type = aid_cut\n"
         "user = EU\n"
         "target = TUR\n"
         "\n"
         "[instrument eu_sanctions]\n"
         "type = sanctions\n"
         "user = EU\n"
         "target = TUR\n"
         "value_to_target = -3e7\n"
         "cost_to_user = 1e7\n"
         "\n"
         "[instrument syr_ban]\n"
         "type = deployment_ban\n"
         "user = SYR\n"
         "target = DEU\n"
         "pathway = work\n"
         "\n"
         "[instrument syr_exit]\n"
         "type = departure_ban\n"
         "user = SYR\n"
         "level = 0.5\n"
         "\n"
         "[negotiation eu_tur]\n"
         "demander = EU\n"
         "partner = TUR\n"
         "asks = tur_coast, tur_readmit\n"
         "offers = eu_resettle, eu_visas\n"
         "payment = eu_pay\n"
         "threats = tur_gates, eu_sanctions, eu_aid_cut\n"
         "conditionality = reverse\n"
         "start_date = 2016-03-18\n"
         "duration_months = 36\n"
         "monitoring_lag_months = 2\n"
         "implementation_lag_months = 1\n"
         "breach_threshold = 0.6\n"
         "cooldown_months = 6\n"
         "renegotiation_margin = 0.5\n"
         "compliance_basis = outcome\n"
         "\n"
         "[negotiation deu_syr]\n"
         "demander = DEU\n"
         "partner = SYR\n"
         "asks = syr_exit\n"
         "\n"
         "[negotiation eu_stick]\n"
         "demander = EU\n"
         "partner = TUR\n"
         "asks = tur_coast\n"
         "threats = eu_aid_cut\n"
         "conditionality = negative\n"
         "\n";
}

/// base_scenario() and strategic_sections(): sections appended to it start on line
/// strategic_lines() + 1.
inline std::string strategic_scenario() {
  return base_scenario() + strategic_sections();
}

inline int strategic_lines() {
  const std::string text = strategic_scenario();
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

/// The InputError message of loading `text` as "test.ini", or "" (and a test failure) when it
/// loads.
inline std::string load_error(std::string_view text, std::vector<std::string> overrides = {}) {
  try {
    load_scenario_text(text, "test.ini", overrides);
  } catch (const InputError& error) {
    return error.what();
  }
  ADD_FAILURE() << "expected an InputError, but the scenario loaded:\n" << text;
  return "";
}

/// Loading fails with a one-line message that holds every phrase.
inline void expect_error(std::string_view text, std::initializer_list<std::string_view> phrases,
                         std::vector<std::string> overrides = {}) {
  const std::string message = load_error(text, std::move(overrides));
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  for (std::string_view phrase : phrases) {
    EXPECT_NE(message.find(phrase), std::string::npos)
        << "missing '" << phrase << "' in: " << message;
  }
}

/// The base scenario with `extra` appended, loading as expected.
inline std::shared_ptr<const Scenario> load_with(std::string_view extra,
                                                 std::vector<std::string> overrides = {}) {
  return load_scenario_text(base_scenario() + std::string(extra), "test.ini", overrides).scenario;
}

}  // namespace migdip::testing
