// Loading valid scenarios: values as written, defaults where keys are left out.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <limits>

#include "io_ini/ini_test_support.h"
#include "migdip/io/scenario_file.h"

namespace migdip {
namespace {

using std::chrono::sys_days;
using std::chrono::year;

constexpr double kInfinity = std::numeric_limits<double>::infinity();

const Scenario& small_scenario() {
  static const LoadedScenario loaded = load_scenario_file(MIGDIP_TEST_DATA_DIR "/ini_small.ini");
  return *loaded.scenario;
}

TEST(ScenarioLoad, KeepsPathSourceAndResolvedText) {
  const std::string path = MIGDIP_TEST_DATA_DIR "/ini_small.ini";
  const LoadedScenario loaded = load_scenario_file(path);
  EXPECT_EQ(loaded.path, path);
  EXPECT_NE(loaded.source_text.find("[stock SYR in TUR]"), std::string::npos);
  EXPECT_NE(loaded.resolved_text.find("ticks = 12"), std::string::npos);
}

TEST(ScenarioLoad, Settings) {
  const ScenarioSettings& settings = small_scenario().settings;
  EXPECT_EQ(settings.name, "small");
  EXPECT_EQ(settings.description, "Every section kind, few keys");
  EXPECT_EQ(settings.start_date, sys_days{year{2016} / 1 / 1});
  EXPECT_EQ(settings.ticks, 12);  // end_date 2016-12-31 with monthly ticks
  EXPECT_EQ(settings.tick_length, TickLength::month);
  EXPECT_EQ(settings.seed, 42u);
  EXPECT_EQ(settings.run, 0u);
  EXPECT_EQ(settings.mode, SimulationMode::stochastic);
}

TEST(ScenarioLoad, ModelKeepsStructDefaultsForKeysLeftOut) {
  const ModelParameters& model = small_scenario().model;
  EXPECT_EQ(model.choice_sensitivity, 1.5);
  EXPECT_EQ(model.salience_memory_days, 90);
  const ModelParameters defaults;
  EXPECT_EQ(model.push_elasticity, defaults.push_elasticity);
  EXPECT_EQ(model.risk_weight, defaults.risk_weight);
  EXPECT_EQ(model.surge_cost_cut, defaults.surge_cost_cut);
  EXPECT_TRUE(small_scenario().outputs.stocks_by_location);
}

TEST(ScenarioLoad, StatesWithIniDefaults) {
  const Scenario& scenario = small_scenario();
  ASSERT_EQ(scenario.state_count(), 4);
  const StateSpec& syria = scenario.states[0];
  EXPECT_EQ(syria.id, "SYR");
  EXPECT_EQ(syria.name, "Syria");
  EXPECT_EQ(syria.roles, static_cast<std::uint8_t>(StateRole::origin));
  EXPECT_EQ(syria.population, 18e6);
  EXPECT_EQ(syria.emigration_rate, 0.002);
  EXPECT_EQ(syria.lever(Lever::readmission_acceptance), 0.2);

  const StateSpec& turkey = scenario.states[1];
  EXPECT_EQ(turkey.name, "TUR");  // defaults to the id
  EXPECT_TRUE(turkey.has_role(StateRole::transit));
  EXPECT_TRUE(turkey.has_role(StateRole::destination));
  EXPECT_FALSE(turkey.has_role(StateRole::origin));
  EXPECT_EQ(turkey.lever(Lever::hosting_capacity), 3.5e6);
  EXPECT_EQ(turkey.policy_lag_days, 30);
  // INI defaults, some of which differ from StateSpec's initialisers.
  EXPECT_EQ(turkey.lever(Lever::readmission_acceptance), 1);
  EXPECT_EQ(turkey.lever(Lever::asylum_processing_rate), 0.25);
  EXPECT_EQ(turkey.emigration_rate, 0);
  EXPECT_EQ(turkey.lever(Lever::stay_utility), 0);

  EXPECT_EQ(scenario.states[3].lever(Lever::stay_utility), -0.5);
  EXPECT_EQ(scenario.states[3].lever(Lever::asylum_processing_rate), 0.3);
  EXPECT_EQ(scenario.nationality_states, std::vector<int>{0});
}

TEST(ScenarioLoad, BlocsCorridorsPathways) {
  const Scenario& scenario = small_scenario();
  ASSERT_EQ(scenario.blocs.size(), 1u);
  EXPECT_EQ(scenario.blocs[0].name, "European Union");
  EXPECT_EQ(scenario.blocs[0].members, (std::vector<int>{2, 3}));

  ASSERT_EQ(scenario.corridor_count(), 3);
  const CorridorSpec& land = scenario.corridors[0];
  EXPECT_EQ(land.id, "SYR-TUR");
  EXPECT_EQ(land.from, 0);
  EXPECT_EQ(land.to, 1);
  EXPECT_EQ(land.mode, CorridorMode::land);
  EXPECT_EQ(land.lever(Lever::capacity), kInfinity);
  EXPECT_TRUE(land.open);
  EXPECT_EQ(land.lever(Lever::readmission_rate), 0);
  const CorridorSpec& sea = scenario.corridors[1];
  EXPECT_EQ(sea.mode, CorridorMode::sea);
  EXPECT_EQ(sea.lever(Lever::capacity), 50000);
  EXPECT_EQ(sea.travel_days, 1);
  EXPECT_EQ(sea.lever(Lever::readmission_rate), 0.05);
  const CorridorSpec& closed = scenario.corridors[2];
  EXPECT_EQ(closed.lever(Lever::capacity), kInfinity);
  EXPECT_FALSE(closed.open);
  EXPECT_EQ(closed.travel_days, 1);  // the INI default
  EXPECT_EQ(closed.lever(Lever::cost), 0);

  ASSERT_EQ(scenario.pathway_count(), 2);
  EXPECT_EQ(scenario.pathways[0].kind, PathwayKind::resettlement);
  EXPECT_EQ(scenario.pathways[0].from, 1);
  EXPECT_EQ(scenario.pathways[0].to, 3);
  EXPECT_EQ(scenario.pathways[0].nationality, 0);
  EXPECT_EQ(scenario.pathways[0].lever(Lever::quota), 1000);
  EXPECT_EQ(scenario.pathways[1].kind, PathwayKind::labour);
  EXPECT_EQ(scenario.pathways[1].nationality, 0);  // defaults to `from`
}

TEST(ScenarioLoad, Stocks) {
  const Scenario& scenario = small_scenario();
  ASSERT_EQ(scenario.initial_stocks.size(), 2u);
  const InitialStock& in_turkey = scenario.initial_stocks[0];
  EXPECT_EQ(in_turkey.nationality, 0);
  EXPECT_EQ(in_turkey.location, 1);
  EXPECT_EQ(in_turkey.people[index_of(MigrantStatus::hosted)], 2.5e6);
  EXPECT_EQ(in_turkey.people[index_of(MigrantStatus::in_transit)], 1e5);
  EXPECT_EQ(in_turkey.people[index_of(MigrantStatus::legal)], 0);
  EXPECT_EQ(scenario.initial_stocks[1].location, 3);
  EXPECT_EQ(scenario.initial_stocks[1].people[index_of(MigrantStatus::protected_)], 5e5);
}

TEST(ScenarioLoad, EventsSortedByTickInFileOrderWithinATick) {
  const Scenario& scenario = small_scenario();
  std::vector<std::string> ids;
  std::vector<int> ticks;
  for (const EventSpec& event : scenario.events) {
    ids.push_back(event.id);
    ticks.push_back(event.tick);
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"shut", "deal", "pay", "crackdown", "fewer_boats",
                                           "putsch", "push", "more"}));
  EXPECT_EQ(ticks, (std::vector<int>{1, 2, 2, 2, 4, 6, 8, 9}));
}

TEST(ScenarioLoad, EventFields) {
  const auto& events = small_scenario().events;
  const EventSpec& shut = events[0];
  EXPECT_EQ(shut.type, EventType::close_corridor);
  EXPECT_EQ(shut.target_kind, TargetKind::corridor);
  EXPECT_EQ(shut.target, 2);

  const EventSpec& deal = events[1];
  EXPECT_EQ(deal.type, EventType::set);
  EXPECT_EQ(deal.target_kind, TargetKind::bloc);
  EXPECT_EQ(deal.target, 0);
  EXPECT_EQ(deal.parameter, Lever::entry_enforcement);
  EXPECT_EQ(deal.value, 0.6);

  const EventSpec& pay = events[2];
  EXPECT_EQ(pay.type, EventType::transfer);
  EXPECT_EQ(pay.payer.kind, TargetKind::bloc);
  EXPECT_EQ(pay.payer.index, 0);
  EXPECT_EQ(pay.payee.kind, TargetKind::state);
  EXPECT_EQ(pay.payee.index, 1);
  EXPECT_EQ(pay.amount, 3e9);
  EXPECT_EQ(pay.over_months, 24);

  EXPECT_EQ(events[4].parameter, Lever::capacity);
  EXPECT_EQ(events[4].value, kInfinity);

  const EventSpec& putsch = events[5];
  EXPECT_EQ(putsch.type, EventType::coup);
  EXPECT_EQ(putsch.target, 1);
  EXPECT_FALSE(putsch.new_government(Lever::exit_enforcement).has_value());
  EXPECT_EQ(putsch.new_government(Lever::readmission_acceptance), 0.9);

  const EventSpec& push = events[6];
  EXPECT_EQ(push.type, EventType::engineered_surge);
  EXPECT_EQ(push.value, 0.5);
  EXPECT_EQ(push.end_tick, 10);  // 2016-11-15 lies in the tick starting 2016-11-01

  EXPECT_EQ(events[7].target_kind, TargetKind::pathway);
  EXPECT_EQ(events[7].parameter, Lever::quota);
}

TEST(ScenarioLoad, EndDateCountsTicksStartingOnOrBeforeIt) {
  auto ticks = [](std::string_view length, std::string_view end) {
    return load_scenario_text("[scenario]\nname = t\nstart_date = 2016-01-01\nend_date = " +
                                  std::string(end) + "\ntick_length = " + std::string(length) +
                                  "\n[state A]\nroles = origin\npopulation = 1\n"
                                  "income_per_head = 1\n",
                              "t.ini")
        .scenario->settings.ticks;
  };
  EXPECT_EQ(ticks("day", "2016-01-01"), 1);
  EXPECT_EQ(ticks("day", "2016-12-31"), 366);
  EXPECT_EQ(ticks("week", "2016-01-07"), 1);
  EXPECT_EQ(ticks("week", "2016-01-08"), 2);
  EXPECT_EQ(ticks("month", "2016-01-31"), 1);
  EXPECT_EQ(ticks("month", "2016-02-01"), 2);
  EXPECT_EQ(ticks("month", "2017-12-31"), 24);
}

TEST(ScenarioLoad, CrlfLinesAndByteOrderMark) {
  const std::string text =
      "\xEF\xBB\xBF[scenario]\r\nname = crlf\r\nstart_date = 2016-01-01\r\nticks = 2\r\n"
      "[state A]\r\nroles = origin\r\npopulation = 1\r\nincome_per_head = 1\r\n";
  const auto scenario = load_scenario_text(text, "crlf.ini").scenario;
  EXPECT_EQ(scenario->settings.name, "crlf");
  EXPECT_EQ(scenario->states[0].income_per_head, 1);
}

const Scenario& strategic() {
  static const LoadedScenario loaded =
      load_scenario_text(testing::strategic_scenario(), "test.ini");
  return *loaded.scenario;
}

TEST(ScenarioLoad, Diplomacy) {
  const DiplomacySettings& diplomacy = strategic().diplomacy;
  EXPECT_EQ(diplomacy.protocol, BargainingProtocol::rubinstein);
  EXPECT_EQ(diplomacy.horizon_months, 18);
  EXPECT_EQ(diplomacy.reputation_step, 0.3);
  EXPECT_EQ(diplomacy.round_months, 0.5);
  EXPECT_EQ(diplomacy.reevaluation_tolerance, 0.1);
}

TEST(ScenarioLoad, PreferencesAndConduct) {
  const Scenario& scenario = strategic();
  const StateSpec& germany = scenario.states[*scenario.find_state("DEU")];
  const StatePreferences& wants = germany.preferences;
  EXPECT_EQ(wants.arrival_cost, 5000);
  EXPECT_EQ(wants.salience_weight, 2);
  EXPECT_EQ(wants.polarisation, 0.4);
  EXPECT_EQ(wants.enforcement_cost, 100);
  EXPECT_EQ(wants.hosting_cost, 800);
  EXPECT_EQ(wants.hypocrisy_cost, 300);
  EXPECT_EQ(wants.remittance_per_worker, 50);
  EXPECT_EQ(wants.labour_value, 1500);
  EXPECT_EQ(wants.substitution_months, 6);
  const ActorConduct& conduct = germany.conduct;
  EXPECT_EQ(conduct.bargaining_power, 0.7);
  EXPECT_EQ(conduct.patience, 0.02);
  EXPECT_EQ(conduct.election_tick, 8);  // 2016-09-24 lies in the tick starting 2016-09-01
  EXPECT_EQ(conduct.reputation, 0.6);
  EXPECT_EQ(conduct.democracy, 1);
  EXPECT_EQ(conduct.audience_cost, 1e8);
  EXPECT_EQ(conduct.reputation_stake, 5e7);
  EXPECT_EQ(conduct.compliance, 0.95);
  EXPECT_EQ(conduct.leakage, 0.1);

  const ActorConduct& bloc = scenario.blocs[0].conduct;
  EXPECT_EQ(bloc.bargaining_power, 0.8);
  EXPECT_EQ(bloc.patience, 0.01);
  EXPECT_EQ(bloc.election_tick, 4);
  EXPECT_EQ(bloc.reputation, 0.4);
  EXPECT_EQ(bloc.democracy, 0.9);
  EXPECT_EQ(bloc.audience_cost, 2e8);
  EXPECT_EQ(bloc.reputation_stake, 1e8);
  EXPECT_EQ(bloc.compliance, 0.9);
  EXPECT_EQ(bloc.leakage, 0.05);
}

TEST(ScenarioLoad, StrategicDefaultsAreTheStructs) {
  const auto loaded = testing::load_with("");  // keeps the scenario alive
  const Scenario& scenario = *loaded;
  const DiplomacySettings diplomacy;
  EXPECT_EQ(scenario.diplomacy.protocol, diplomacy.protocol);
  EXPECT_EQ(scenario.diplomacy.horizon_months, 12);
  EXPECT_EQ(scenario.diplomacy.reputation_step, 0.2);
  EXPECT_EQ(scenario.diplomacy.round_months, 1);
  EXPECT_EQ(scenario.diplomacy.reevaluation_tolerance, 0.05);
  EXPECT_TRUE(scenario.instruments.empty());
  EXPECT_TRUE(scenario.negotiations.empty());

  const StatePreferences preferences;
  const ActorConduct conduct;
  for (const StateSpec& state : strategic().states) {
    if (state.id == "DEU") {
      continue;
    }
    SCOPED_TRACE(state.id);
    EXPECT_EQ(state.preferences.arrival_cost, preferences.arrival_cost);
    EXPECT_EQ(state.preferences.salience_weight, 1);
    EXPECT_EQ(state.preferences.substitution_months, preferences.substitution_months);
    EXPECT_EQ(state.conduct.bargaining_power, 0.5);
    EXPECT_EQ(state.conduct.patience, 0.05);
    EXPECT_FALSE(state.conduct.election_tick.has_value());
    EXPECT_EQ(state.conduct.reputation, conduct.reputation);
    EXPECT_EQ(state.conduct.compliance, 1);
    EXPECT_EQ(state.conduct.leakage, 0);
  }
  const auto bloc_loaded = testing::load_with("[bloc EU]\nmembers = GRC\n");
  const Scenario& bloc_only = *bloc_loaded;
  EXPECT_EQ(bloc_only.blocs[0].conduct.bargaining_power, conduct.bargaining_power);
  EXPECT_FALSE(bloc_only.blocs[0].conduct.election_tick.has_value());
}

TEST(ScenarioLoad, Instruments) {
  const Scenario& scenario = strategic();
  ASSERT_EQ(scenario.instrument_count(), 10);
  const int turkey = *scenario.find_state("TUR");
  const int syria = *scenario.find_state("SYR");
  auto instrument = [&](std::string_view id) -> const InstrumentSpec& {
    const auto index = scenario.find_instrument(id);
    EXPECT_TRUE(index.has_value()) << id;
    return scenario.instruments[static_cast<std::size_t>(index.value_or(0))];
  };
  const InstrumentSpec& pay = instrument("eu_pay");
  EXPECT_EQ(pay.type, InstrumentType::transfer);
  EXPECT_EQ(pay.user.kind, TargetKind::bloc);
  EXPECT_EQ(pay.user.index, 0);
  EXPECT_EQ(pay.target, turkey);
  EXPECT_EQ(pay.amount, 5e8);
  EXPECT_EQ(pay.value_to_target, 0);
  EXPECT_EQ(pay.cost_to_user, 0);

  const InstrumentSpec& coast = instrument("tur_coast");
  EXPECT_EQ(coast.type, InstrumentType::exit_enforcement);
  EXPECT_EQ(coast.user.kind, TargetKind::state);
  EXPECT_EQ(coast.user.index, turkey);
  EXPECT_EQ(coast.target, -1);
  EXPECT_EQ(coast.level, 0.8);
  EXPECT_EQ(coast.cost_to_user, 1e6);

  const InstrumentSpec& readmit = instrument("tur_readmit");
  EXPECT_EQ(readmit.type, InstrumentType::readmission);
  EXPECT_EQ(readmit.corridor, *scenario.find_corridor("TUR-GRC"));
  EXPECT_EQ(readmit.level, 0.3);

  const InstrumentSpec& resettle = instrument("eu_resettle");
  EXPECT_EQ(resettle.type, InstrumentType::legal_pathway);
  EXPECT_EQ(resettle.pathway, *scenario.find_pathway("resettle"));
  EXPECT_EQ(resettle.level, 2000);  // a quota, people per month

  EXPECT_EQ(instrument("eu_visas").value_to_target, 2e7);
  const InstrumentSpec& gates = instrument("tur_gates");
  EXPECT_EQ(gates.type, InstrumentType::open_gates);
  EXPECT_EQ(gates.level, 0.6);
  EXPECT_EQ(gates.mobilised_share, 0.1);
  EXPECT_EQ(gates.cost_to_user, 5e6);
  EXPECT_EQ(instrument("eu_aid_cut").type, InstrumentType::aid_cut);
  EXPECT_EQ(instrument("eu_sanctions").value_to_target, -3e7);
  EXPECT_EQ(instrument("eu_sanctions").cost_to_user, 1e7);

  const InstrumentSpec& ban = instrument("syr_ban");
  EXPECT_EQ(ban.type, InstrumentType::deployment_ban);
  EXPECT_EQ(ban.user.index, syria);
  EXPECT_EQ(ban.target, *scenario.find_state("DEU"));
  EXPECT_EQ(ban.pathway, *scenario.find_pathway("work"));
  EXPECT_EQ(ban.mobilised_share, 0.05);  // unused by the type: the struct's default
  EXPECT_EQ(instrument("syr_exit").level, 0.5);
}

TEST(ScenarioLoad, Negotiations) {
  const Scenario& scenario = strategic();
  ASSERT_EQ(scenario.negotiation_count(), 3);
  auto ids = [&](const std::vector<int>& indices) {
    std::vector<std::string> out;
    for (int index : indices) {
      out.push_back(scenario.instruments[static_cast<std::size_t>(index)].id);
    }
    return out;
  };
  const NegotiationSpec& deal = scenario.negotiations[0];
  EXPECT_EQ(deal.id, "eu_tur");
  EXPECT_EQ(deal.demander.kind, TargetKind::bloc);
  EXPECT_EQ(deal.demander.index, 0);
  EXPECT_EQ(deal.partner.index, *scenario.find_state("TUR"));
  EXPECT_EQ(ids(deal.asks), (std::vector<std::string>{"tur_coast", "tur_readmit"}));
  EXPECT_EQ(ids(deal.offers), (std::vector<std::string>{"eu_resettle", "eu_visas"}));
  EXPECT_EQ(deal.payment, *scenario.find_instrument("eu_pay"));
  EXPECT_EQ(ids(deal.threats),
            (std::vector<std::string>{"tur_gates", "eu_sanctions", "eu_aid_cut"}));
  EXPECT_EQ(deal.conditionality, Conditionality::reverse);
  EXPECT_EQ(deal.start_tick, 2);  // 2016-03-18
  EXPECT_EQ(deal.duration_months, 36);
  EXPECT_EQ(deal.monitoring_lag_months, 2);
  EXPECT_EQ(deal.implementation_lag_months, 1);
  EXPECT_EQ(deal.breach_threshold, 0.6);
  EXPECT_EQ(deal.cooldown_months, 6);
  EXPECT_EQ(deal.renegotiation_margin, 0.5);
  EXPECT_EQ(deal.compliance_basis, ComplianceBasis::outcome);

  const NegotiationSpec& plain = scenario.negotiations[1];
  EXPECT_EQ(plain.demander.kind, TargetKind::state);
  EXPECT_EQ(plain.demander.index, *scenario.find_state("DEU"));
  EXPECT_EQ(plain.partner.index, *scenario.find_state("SYR"));
  EXPECT_EQ(ids(plain.asks), std::vector<std::string>{"syr_exit"});
  EXPECT_TRUE(plain.offers.empty());
  EXPECT_TRUE(plain.threats.empty());
  EXPECT_EQ(plain.payment, -1);
  EXPECT_EQ(plain.conditionality, Conditionality::positive);
  EXPECT_EQ(plain.start_tick, 0);
  EXPECT_EQ(plain.duration_months, 24);
  EXPECT_EQ(plain.monitoring_lag_months, 1);
  EXPECT_EQ(plain.implementation_lag_months, 0);
  EXPECT_EQ(plain.breach_threshold, 0.5);
  EXPECT_EQ(plain.cooldown_months, 3);
  EXPECT_EQ(plain.renegotiation_margin, 0.25);
  EXPECT_EQ(plain.compliance_basis, ComplianceBasis::lever);

  EXPECT_EQ(scenario.negotiations[2].conditionality, Conditionality::negative);
}

TEST(ScenarioLoad, StrategicKeysTakeOverrides) {
  const auto scenario =
      load_scenario_text(
          testing::strategic_scenario(), "test.ini",
          std::vector<std::string>{"instrument.tur_coast.level=0.9",
                                   "negotiation.eu_tur.start_date=2016-12-31",
                                   "state.DEU.next_election=2016-01-01", "diplomacy.protocol=nash"})
          .scenario;
  EXPECT_EQ(scenario->instruments[*scenario->find_instrument("tur_coast")].level, 0.9);
  EXPECT_EQ(scenario->negotiations[0].start_tick, 11);
  EXPECT_EQ(scenario->states[*scenario->find_state("DEU")].conduct.election_tick, 0);
  EXPECT_EQ(scenario->diplomacy.protocol, BargainingProtocol::nash);
  // The [diplomacy] section need not be written to be overridden.
  EXPECT_EQ(testing::load_with("", {"diplomacy.horizon_months=6"})->diplomacy.horizon_months, 6);
}

TEST(ScenarioLoad, ShippedScenariosLoad) {
  const std::filesystem::path folder = MIGDIP_SOURCE_DIR "/scenarios";
  int loaded = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.path().extension() == ".ini") {
      SCOPED_TRACE(entry.path().string());
      EXPECT_NO_THROW(load_scenario_file(entry.path().string()));
      ++loaded;
    }
  }
  EXPECT_GT(loaded, 0);
}

}  // namespace
}  // namespace migdip
