// The resolved text is the scenario in canonical form: loading it gives the same scenario, and
// resolving that again gives the same text.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "io_ini/ini_test_support.h"
#include "io_ini/resolved_text.h"
#include "io_ini/spec_fields.h"
#include "migdip/core/random_stream.h"
#include "support/random_scenario.h"

namespace migdip {
namespace {

void expect_same_event(const EventSpec& a, const EventSpec& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.tick, b.tick);
  EXPECT_EQ(a.type, b.type);
  EXPECT_EQ(a.target_kind, b.target_kind);
  EXPECT_EQ(a.target, b.target);
  if (a.type == EventType::set) {
    EXPECT_EQ(a.parameter, b.parameter);
  }
  if (a.type == EventType::set || a.type == EventType::engineered_surge) {
    EXPECT_EQ(a.value, b.value);
  }
  if (a.type == EventType::transfer) {
    EXPECT_EQ(a.payer.kind, b.payer.kind);
    EXPECT_EQ(a.payer.index, b.payer.index);
    EXPECT_EQ(a.payee.kind, b.payee.kind);
    EXPECT_EQ(a.payee.index, b.payee.index);
    EXPECT_EQ(a.amount, b.amount);
    EXPECT_EQ(a.over_months, b.over_months);
  }
  EXPECT_EQ(a.end_tick, b.end_tick);
  EXPECT_TRUE(a.new_government == b.new_government);
}

void expect_same_conduct(const ActorConduct& a, const ActorConduct& b) {
  for (const auto& field : ini::kConductFields) {
    EXPECT_EQ(a.*field.member, b.*field.member) << field.key;
  }
  EXPECT_EQ(a.election_tick, b.election_tick);
}

bool same_party(const Party& a, const Party& b) {
  return a.kind == b.kind && a.index == b.index;
}

void expect_same_strategic_layer(const Scenario& a, const Scenario& b) {
  EXPECT_EQ(a.diplomacy.protocol, b.diplomacy.protocol);
  for (const auto& field : ini::kDiplomacyFields) {
    EXPECT_EQ(a.diplomacy.*field.member, b.diplomacy.*field.member) << field.key;
  }
  for (std::size_t i = 0; i < std::min(a.states.size(), b.states.size()); ++i) {
    SCOPED_TRACE("state " + a.states[i].id);
    for (const auto& field : ini::kPreferenceFields) {
      EXPECT_EQ(a.states[i].preferences.*field.member, b.states[i].preferences.*field.member)
          << field.key;
    }
    expect_same_conduct(a.states[i].conduct, b.states[i].conduct);
    for (const auto& field : ini::kDomesticPoliticsFields) {
      EXPECT_EQ(a.states[i].politics.*field.member, b.states[i].politics.*field.member)
          << field.key;
    }
  }
  for (std::size_t i = 0; i < std::min(a.blocs.size(), b.blocs.size()); ++i) {
    SCOPED_TRACE("bloc " + a.blocs[i].id);
    expect_same_conduct(a.blocs[i].conduct, b.blocs[i].conduct);
  }
  ASSERT_EQ(a.instruments.size(), b.instruments.size());
  for (std::size_t i = 0; i < a.instruments.size(); ++i) {
    const InstrumentSpec& x = a.instruments[i];
    const InstrumentSpec& y = b.instruments[i];
    SCOPED_TRACE("instrument " + x.id);
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.type, y.type);
    EXPECT_TRUE(same_party(x.user, y.user));
    EXPECT_EQ(x.target, y.target);
    EXPECT_EQ(x.corridor, y.corridor);
    EXPECT_EQ(x.pathway, y.pathway);
    EXPECT_EQ(x.level, y.level);
    EXPECT_EQ(x.amount, y.amount);
    EXPECT_EQ(x.value_to_target, y.value_to_target);
    EXPECT_EQ(x.cost_to_user, y.cost_to_user);
    EXPECT_EQ(x.mobilised_share, y.mobilised_share);
    EXPECT_EQ(x.corridors, y.corridors);
  }
  ASSERT_EQ(a.negotiations.size(), b.negotiations.size());
  for (std::size_t i = 0; i < a.negotiations.size(); ++i) {
    const NegotiationSpec& x = a.negotiations[i];
    const NegotiationSpec& y = b.negotiations[i];
    SCOPED_TRACE("negotiation " + x.id);
    EXPECT_EQ(x.id, y.id);
    EXPECT_TRUE(same_party(x.demander, y.demander));
    EXPECT_TRUE(same_party(x.partner, y.partner));
    EXPECT_EQ(x.asks, y.asks);
    EXPECT_EQ(x.offers, y.offers);
    EXPECT_EQ(x.payment, y.payment);
    EXPECT_EQ(x.threats, y.threats);
    EXPECT_EQ(x.conditionality, y.conditionality);
    EXPECT_EQ(x.start_tick, y.start_tick);
    for (const auto& field : ini::kNegotiationFields) {
      EXPECT_EQ(x.*field.member, y.*field.member) << field.key;
    }
  }
}

/// Field by field, so that a failure names the field.
void expect_same(const Scenario& a, const Scenario& b) {
  EXPECT_EQ(a.settings.name, b.settings.name);
  EXPECT_EQ(a.settings.description, b.settings.description);
  EXPECT_EQ(a.settings.start_date, b.settings.start_date);
  EXPECT_EQ(a.settings.tick_length, b.settings.tick_length);
  EXPECT_EQ(a.settings.ticks, b.settings.ticks);
  EXPECT_EQ(a.settings.seed, b.settings.seed);
  EXPECT_EQ(a.settings.run, b.settings.run);
  EXPECT_EQ(a.settings.mode, b.settings.mode);
  for (const auto& field : ini::kModelFields) {
    EXPECT_EQ(a.model.*field.member, b.model.*field.member) << field.key;
  }
  EXPECT_EQ(a.outputs.stocks_by_location, b.outputs.stocks_by_location);

  ASSERT_EQ(a.states.size(), b.states.size());
  for (std::size_t i = 0; i < a.states.size(); ++i) {
    EXPECT_EQ(a.states[i].id, b.states[i].id);
    EXPECT_EQ(a.states[i].name, b.states[i].name);
    EXPECT_EQ(a.states[i].roles, b.states[i].roles);
    for (const auto& field : ini::kStateFields) {
      EXPECT_EQ(a.states[i].*field.member, b.states[i].*field.member)
          << a.states[i].id << " " << field.key;
    }
  }
  ASSERT_EQ(a.blocs.size(), b.blocs.size());
  for (std::size_t i = 0; i < a.blocs.size(); ++i) {
    EXPECT_EQ(a.blocs[i].id, b.blocs[i].id);
    EXPECT_EQ(a.blocs[i].name, b.blocs[i].name);
    EXPECT_EQ(a.blocs[i].members, b.blocs[i].members);
  }
  ASSERT_EQ(a.corridors.size(), b.corridors.size());
  for (std::size_t i = 0; i < a.corridors.size(); ++i) {
    EXPECT_EQ(a.corridors[i].id, b.corridors[i].id);
    EXPECT_EQ(a.corridors[i].from, b.corridors[i].from);
    EXPECT_EQ(a.corridors[i].to, b.corridors[i].to);
    EXPECT_EQ(a.corridors[i].mode, b.corridors[i].mode);
    EXPECT_EQ(a.corridors[i].open, b.corridors[i].open);
    for (const auto& field : ini::kCorridorFields) {
      EXPECT_EQ(a.corridors[i].*field.member, b.corridors[i].*field.member) << field.key;
    }
  }
  ASSERT_EQ(a.pathways.size(), b.pathways.size());
  for (std::size_t i = 0; i < a.pathways.size(); ++i) {
    EXPECT_EQ(a.pathways[i].id, b.pathways[i].id);
    EXPECT_EQ(a.pathways[i].kind, b.pathways[i].kind);
    EXPECT_EQ(a.pathways[i].from, b.pathways[i].from);
    EXPECT_EQ(a.pathways[i].to, b.pathways[i].to);
    EXPECT_EQ(a.pathways[i].nationality, b.pathways[i].nationality);
    EXPECT_EQ(a.pathways[i].lever(Lever::quota), b.pathways[i].lever(Lever::quota));
  }
  ASSERT_EQ(a.initial_stocks.size(), b.initial_stocks.size());
  for (std::size_t i = 0; i < a.initial_stocks.size(); ++i) {
    EXPECT_EQ(a.initial_stocks[i].nationality, b.initial_stocks[i].nationality);
    EXPECT_EQ(a.initial_stocks[i].location, b.initial_stocks[i].location);
    EXPECT_EQ(a.initial_stocks[i].people, b.initial_stocks[i].people);
  }
  ASSERT_EQ(a.events.size(), b.events.size());
  for (std::size_t i = 0; i < a.events.size(); ++i) {
    SCOPED_TRACE("event " + a.events[i].id);
    expect_same_event(a.events[i], b.events[i]);
  }
  EXPECT_EQ(a.nationality_states, b.nationality_states);
  expect_same_strategic_layer(a, b);
}

void expect_round_trip(const Scenario& scenario) {
  const std::string text = ini::resolved_text(scenario);
  SCOPED_TRACE(text);
  const LoadedScenario again = load_scenario_text(text, "resolved.ini");
  expect_same(scenario, *again.scenario);
  EXPECT_EQ(again.resolved_text, text);
}

TEST(ResolvedText, RoundTripOfTheSmallFixture) {
  const LoadedScenario loaded = load_scenario_file(MIGDIP_TEST_DATA_DIR "/ini_small.ini");
  expect_round_trip(*loaded.scenario);
  EXPECT_EQ(loaded.resolved_text, ini::resolved_text(*loaded.scenario));
}

TEST(ResolvedText, WritesEveryKeyAndTicksNotDates) {
  const LoadedScenario loaded = load_scenario_file(MIGDIP_TEST_DATA_DIR "/ini_small.ini");
  const std::string& text = loaded.resolved_text;
  for (const char* line : {"\n[scenario]\n",
                           "ticks = 12\n",
                           "tick_length = month\n",
                           "seed = 42\n",
                           "run = 0\n",
                           "mode = stochastic\n",
                           "\n[model]\n",
                           "continuation_discount = 0.9\n",
                           "salience_memory_days = 90\n",
                           "stocks_by_location = true\n",
                           "[state TUR]\nname = TUR\n",
                           "asylum_processing_rate = 0.25\n",
                           "population = 18000000\n",
                           "capacity = unlimited\n",
                           "open = false\n",
                           "[stock SYR in TUR]\n",
                           "legal = 0\n",
                           "[event deal]\ntick = 2\n",
                           "value = unlimited\n",
                           "end_tick = 10\n",
                           "nationality = SYR\n",
                           "members = GRC, DEU\n",
                           "roles = transit, destination\n"}) {
    EXPECT_NE(text.find(line), std::string::npos) << "no '" << line << "' in\n" << text;
  }
  EXPECT_EQ(text.find("date = 2016-03"), std::string::npos);
  EXPECT_EQ(text.find("end_date"), std::string::npos);
}

// The keys of [outputs] after stocks_by_location appear when they differ from their defaults
// (so that files that do not use them resolve as before) and read back the same.
TEST(ResolvedText, DeclaredOutputsRoundTrip) {
  const LoadedScenario plain = load_scenario_file(MIGDIP_TEST_DATA_DIR "/ini_small.ini");
  EXPECT_EQ(plain.resolved_text.find("interval ="), std::string::npos);
  const std::vector<std::string> overrides{"outputs.variables=states, corridors/arrivals",
                                           "outputs.exclude=states/salience",
                                           "outputs.interval=month",
                                           "outputs.precision=float32",
                                           "outputs.compression=9",
                                           "outputs.large_series_limit=7"};
  const LoadedScenario declared =
      load_scenario_file(MIGDIP_TEST_DATA_DIR "/ini_small.ini", overrides);
  EXPECT_NE(declared.resolved_text.find(
                "variables = states, corridors/arrivals\nexclude = states/salience\n"
                "interval = month\nprecision = float32\ncompression = 9\n"
                "large_series_limit = 7\n"),
            std::string::npos)
      << declared.resolved_text;
  expect_round_trip(*declared.scenario);
  const LoadedScenario again = load_scenario_text(declared.resolved_text, "resolved.ini");
  EXPECT_EQ(again.scenario->outputs.interval, OutputInterval::month);
  EXPECT_EQ(again.scenario->outputs.compression, 9);
}

TEST(ResolvedText, RoundTripOfTheStrategicLayer) {
  const LoadedScenario loaded = load_scenario_text(testing::strategic_scenario(), "test.ini");
  const Scenario& scenario = *loaded.scenario;
  ASSERT_EQ(scenario.negotiations[0].start_tick, 2);
  ASSERT_EQ(scenario.states[*scenario.find_state("DEU")].conduct.election_tick, 8);
  expect_round_trip(scenario);

  // Weekly ticks from Friday 2016-01-01: 2016-03-18 starts tick 11, and 2016-09-24 (a
  // Saturday) lies inside tick 38, which starts on 2016-09-23.
  const LoadedScenario weekly = load_scenario_text(
      testing::strategic_scenario(), "test.ini",
      std::vector<std::string>{"scenario.tick_length=week", "scenario.ticks=52"});
  EXPECT_EQ(weekly.scenario->negotiations[0].start_tick, 11);
  EXPECT_EQ(weekly.scenario->states[*scenario.find_state("DEU")].conduct.election_tick, 38);
  EXPECT_NE(weekly.resolved_text.find("next_election = 2016-09-23\n"), std::string::npos);
  expect_round_trip(*weekly.scenario);
}

// A surge's `corridors` are written when given (and only then, so that files without them
// resolve as before) and read back the same.
TEST(ResolvedText, RoundTripOfASurgeAimedAtCorridors) {
  const LoadedScenario plain = load_scenario_text(testing::strategic_scenario(), "test.ini");
  EXPECT_EQ(plain.resolved_text.find("corridors ="), std::string::npos);
  const LoadedScenario aimed = load_scenario_text(
      testing::strategic_scenario() +
          "[instrument tur_surge]\ntype = engineered_surge\nuser = TUR\nlevel = 1\n"
          "corridors = TUR-GRC, SYR-TUR\n",
      "test.ini");
  EXPECT_NE(aimed.resolved_text.find("corridors = TUR-GRC, SYR-TUR\n"), std::string::npos);
  expect_round_trip(*aimed.scenario);
}

TEST(ResolvedText, WritesEveryStrategicKey) {
  const LoadedScenario loaded = load_scenario_text(testing::strategic_scenario(), "test.ini");
  const std::string& text = loaded.resolved_text;
  for (const char* line :
       {"\n[diplomacy]\nprotocol = rubinstein\nhorizon_months = 18\nreputation_step = 0.3\n"
        "round_months = 0.5\nreevaluation_tolerance = 0.1\n",
        // a state at its defaults still lists every key
        "[state SYR]\n", "arrival_cost = 0\n", "salience_weight = 1\n", "patience = 0.05\n",
        "bargaining_power = 0.7\npatience = 0.02\nnext_election = 2016-09-01\n",
        "[bloc EU]\nname = EU\nmembers = GRC, DEU\nbargaining_power = 0.8\n",
        "next_election = 2016-05-01\n",
        "[instrument eu_pay]\ntype = transfer\nuser = EU\ntarget = TUR\namount = 500000000\n"
        "value_to_target = 0\ncost_to_user = 0\n",
        "[instrument tur_coast]\ntype = exit_enforcement\nuser = TUR\nlevel = 0.8\n"
        "cost_to_user = 1000000\n\n",
        "[instrument tur_gates]\ntype = open_gates\nuser = TUR\nlevel = 0.6\n"
        "cost_to_user = 5000000\nmobilised_share = 0.1\n",
        "corridor = TUR-GRC\n", "pathway = work\n",
        "[negotiation eu_tur]\ndemander = EU\npartner = TUR\nasks = tur_coast, tur_readmit\n"
        "offers = eu_resettle, eu_visas\npayment = eu_pay\n"
        "threats = tur_gates, eu_sanctions, eu_aid_cut\nconditionality = reverse\n"
        "start_date = 2016-03-01\nduration_months = 36\n",
        "[negotiation deu_syr]\ndemander = DEU\npartner = SYR\nasks = syr_exit\n"
        "conditionality = positive\nstart_date = 2016-01-01\nduration_months = 24\n"
        "monitoring_lag_months = 1\nimplementation_lag_months = 0\nbreach_threshold = 0.5\n"
        "cooldown_months = 3\nrenegotiation_margin = 0.25\nopens_at_salience = 0\n"
        "compliance_basis = lever\n",
        "opens_at_salience = 0\ncompliance_basis = outcome\n",
        "reevaluation_tolerance = 0.1\nthreat_minimum_months = 0\nthreat_bite_months = 0\n"
        "learning_memory_months = 0\n"
        "counterfactual_months = 3\nvalue_onward_moves = false\n"}) {
    EXPECT_NE(text.find(line), std::string::npos) << "no '" << line << "' in\n" << text;
  }
}

TEST(ResolvedText, RoundTripOfTheChainScenario) {
  Scenario scenario = testing::chain_scenario();
  scenario.settings.description = "chain with a description";
  scenario.settings.run = 7;
  scenario.settings.seed = kMaxSeed;         // the largest seed, 2^53
  scenario.model.income_weight = 0.1 + 0.2;  // not exactly 0.3
  expect_round_trip(scenario);
}

// The INI form has no duplicate stocks or empty names; everything else the engine allows, it
// can express.
Scenario expressible(Scenario scenario) {
  std::map<std::pair<int, int>, InitialStock> stocks;
  for (const InitialStock& stock : scenario.initial_stocks) {
    auto [where, fresh] = stocks.try_emplace({stock.nationality, stock.location}, stock);
    if (!fresh) {
      for (std::size_t s = 0; s < kStatusCount; ++s) {
        where->second.people[s] += stock.people[s];
      }
    }
  }
  scenario.initial_stocks.clear();
  for (const auto& [key, stock] : stocks) {
    scenario.initial_stocks.push_back(stock);
  }
  for (BlocSpec& bloc : scenario.blocs) {
    bloc.name = bloc.name.empty() ? bloc.id : bloc.name;
  }
  return scenario;
}

TEST(ResolvedText, RoundTripOfRandomScenarios) {
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const Scenario scenario = expressible(testing::random_scenario(seed));
    ASSERT_NO_THROW(check_scenario(scenario));
    expect_round_trip(scenario);
  }
}

}  // namespace
}  // namespace migdip
