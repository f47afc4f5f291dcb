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
  EXPECT_EQ(syria.readmission_acceptance, 0.2);

  const StateSpec& turkey = scenario.states[1];
  EXPECT_EQ(turkey.name, "TUR");  // defaults to the id
  EXPECT_TRUE(turkey.has_role(StateRole::transit));
  EXPECT_TRUE(turkey.has_role(StateRole::destination));
  EXPECT_FALSE(turkey.has_role(StateRole::origin));
  EXPECT_EQ(turkey.hosting_capacity, 3.5e6);
  EXPECT_EQ(turkey.policy_lag_days, 30);
  // INI defaults, some of which differ from StateSpec's initialisers.
  EXPECT_EQ(turkey.readmission_acceptance, 1);
  EXPECT_EQ(turkey.asylum_processing_rate, 0.25);
  EXPECT_EQ(turkey.emigration_rate, 0);
  EXPECT_EQ(turkey.stay_utility, 0);

  EXPECT_EQ(scenario.states[3].stay_utility, -0.5);
  EXPECT_EQ(scenario.states[3].asylum_processing_rate, 0.3);
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
  EXPECT_EQ(land.capacity, kInfinity);
  EXPECT_TRUE(land.open);
  EXPECT_EQ(land.readmission_rate, 0);
  const CorridorSpec& sea = scenario.corridors[1];
  EXPECT_EQ(sea.mode, CorridorMode::sea);
  EXPECT_EQ(sea.capacity, 50000);
  EXPECT_EQ(sea.travel_days, 1);
  EXPECT_EQ(sea.readmission_rate, 0.05);
  const CorridorSpec& closed = scenario.corridors[2];
  EXPECT_EQ(closed.capacity, kInfinity);
  EXPECT_FALSE(closed.open);
  EXPECT_EQ(closed.travel_days, 1);  // the INI default
  EXPECT_EQ(closed.cost, 0);

  ASSERT_EQ(scenario.pathway_count(), 2);
  EXPECT_EQ(scenario.pathways[0].kind, PathwayKind::resettlement);
  EXPECT_EQ(scenario.pathways[0].from, 1);
  EXPECT_EQ(scenario.pathways[0].to, 3);
  EXPECT_EQ(scenario.pathways[0].nationality, 0);
  EXPECT_EQ(scenario.pathways[0].quota, 1000);
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
  EXPECT_EQ(deal.parameter, EventParameter::entry_enforcement);
  EXPECT_EQ(deal.value, 0.6);

  const EventSpec& pay = events[2];
  EXPECT_EQ(pay.type, EventType::transfer);
  EXPECT_EQ(pay.payer.kind, TargetKind::bloc);
  EXPECT_EQ(pay.payer.index, 0);
  EXPECT_EQ(pay.payee.kind, TargetKind::state);
  EXPECT_EQ(pay.payee.index, 1);
  EXPECT_EQ(pay.amount, 3e9);
  EXPECT_EQ(pay.over_months, 24);

  EXPECT_EQ(events[4].parameter, EventParameter::capacity);
  EXPECT_EQ(events[4].value, kInfinity);

  const EventSpec& putsch = events[5];
  EXPECT_EQ(putsch.type, EventType::coup);
  EXPECT_EQ(putsch.target, 1);
  EXPECT_FALSE(putsch.new_exit_enforcement.has_value());
  EXPECT_EQ(putsch.new_readmission_acceptance, 0.9);

  const EventSpec& push = events[6];
  EXPECT_EQ(push.type, EventType::engineered_surge);
  EXPECT_EQ(push.value, 0.5);
  EXPECT_EQ(push.end_tick, 10);  // 2016-11-15 lies in the tick starting 2016-11-01

  EXPECT_EQ(events[7].target_kind, TargetKind::pathway);
  EXPECT_EQ(events[7].parameter, EventParameter::quota);
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
