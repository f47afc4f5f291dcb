// check_scenario guards scenarios built in code: each broken invariant is an InputError that
// names the section and key at fault.

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>

#include "migdip/core/error.h"
#include "migdip/scenario/scenario.h"
#include "support/random_scenario.h"
#include "support/scenario_builder.h"

namespace migdip {
namespace {

using testing::chain_scenario;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInfinity = std::numeric_limits<double>::infinity();

/// chain_scenario() with one change must fail naming `section` and `key`, with `phrase`.
void expect_rejected(const std::function<void(Scenario&)>& change, const std::string& section,
                     const std::string& key, const std::string& phrase = "") {
  Scenario scenario = chain_scenario();
  change(scenario);
  try {
    check_scenario(scenario);
    ADD_FAILURE() << "accepted; expected an error in [" << section << "] " << key;
  } catch (const InputError& error) {
    EXPECT_EQ(error.where().section, section) << error.what();
    EXPECT_EQ(error.where().key, key) << error.what();
    EXPECT_NE(std::string(error.what()).find(phrase), std::string::npos) << error.what();
    EXPECT_TRUE(error.where().file.empty());
  }
}

EventSpec event_at(int tick, EventType type, TargetKind kind, int target) {
  EventSpec event;
  event.id = "e" + std::to_string(tick);
  event.tick = tick;
  event.type = type;
  event.target_kind = kind;
  event.target = target;
  return event;
}

TEST(CheckScenario, AcceptsValidScenarios) {
  EXPECT_NO_THROW(check_scenario(chain_scenario()));
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    EXPECT_NO_THROW(check_scenario(testing::random_scenario(seed))) << "seed " << seed;
  }
}

TEST(CheckScenario, SettingsAndModel) {
  expect_rejected([](Scenario& s) { s.settings.ticks = 0; }, "scenario", "ticks", ">= 1");
  expect_rejected([](Scenario& s) { s.model.choice_sensitivity = 0; }, "model",
                  "choice_sensitivity", "> 0");
  expect_rejected([](Scenario& s) { s.model.continuation_discount = 1; }, "model",
                  "continuation_discount", "[0, 1)");
  expect_rejected([](Scenario& s) { s.model.risk_weight = kNaN; }, "model", "risk_weight",
                  "finite");
  expect_rejected([](Scenario& s) { s.model.surge_cost_cut = 1.5; }, "model", "surge_cost_cut",
                  "[0, 1]");
}

TEST(CheckScenario, States) {
  Scenario empty = chain_scenario();
  empty.states.clear();
  empty.corridors.clear();
  empty.index_nationalities();
  EXPECT_THROW(check_scenario(empty), InputError);

  expect_rejected([](Scenario& s) { s.states[0].roles = 0; }, "state ORI", "roles", "role");
  expect_rejected([](Scenario& s) { s.states[0].roles = 8; }, "state ORI", "roles");
  expect_rejected([](Scenario& s) { s.states[1].population = -1; }, "state TRA", "population",
                  "> 0");
  expect_rejected([](Scenario& s) { s.states[1].income_per_head = kInfinity; }, "state TRA",
                  "income_per_head", "finite");
  expect_rejected([](Scenario& s) { s.states[2].recognition_rate = 1.01; }, "state DST",
                  "recognition_rate", "[0, 1]");
  expect_rejected([](Scenario& s) { s.states[2].stay_utility = kNaN; }, "state DST", "stay_utility",
                  "finite");
  expect_rejected([](Scenario& s) { s.states[2].id = "TRA"; }, "state TRA", "", "second state");
  expect_rejected([](Scenario& s) { s.states[2].id.clear(); }, "state #2", "", "id");
}

TEST(CheckScenario, NationalitiesFollowTheOriginRoles) {
  Scenario scenario = chain_scenario();
  scenario.states[1].roles |= testing::kOrigin;  // without index_nationalities()
  try {
    check_scenario(scenario);
    ADD_FAILURE() << "stale nationality_states accepted";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("index_nationalities"), std::string::npos);
  }
  scenario.index_nationalities();
  EXPECT_NO_THROW(check_scenario(scenario));
}

TEST(CheckScenario, Blocs) {
  auto with_bloc = [](std::vector<int> members, std::string id = "EU") {
    return [members, id](Scenario& s) {
      BlocSpec bloc;
      bloc.id = id;
      bloc.members = members;
      s.blocs.push_back(bloc);
    };
  };
  Scenario scenario = chain_scenario();
  with_bloc({1, 2})(scenario);
  EXPECT_NO_THROW(check_scenario(scenario));
  expect_rejected(with_bloc({}), "bloc EU", "members", "at least one");
  expect_rejected(with_bloc({1, 3}), "bloc EU", "members", "out of range");
  expect_rejected(with_bloc({1, 1}), "bloc EU", "members", "twice");
  expect_rejected(with_bloc({1}, "TRA"), "bloc TRA", "", "already used");
}

TEST(CheckScenario, Corridors) {
  expect_rejected([](Scenario& s) { s.corridors[0].to = 0; }, "corridor ORI-TRA", "to",
                  "different");
  expect_rejected([](Scenario& s) { s.corridors[0].from = 3; }, "corridor ORI-TRA", "from",
                  "out of range");
  expect_rejected([](Scenario& s) { s.corridors[1].to = -1; }, "corridor TRA-DST", "to",
                  "out of range");
  expect_rejected([](Scenario& s) { s.corridors[1].capacity = 0; }, "corridor TRA-DST", "capacity",
                  "> 0");
  expect_rejected([](Scenario& s) { s.corridors[1].capacity = kNaN; }, "corridor TRA-DST",
                  "capacity");
  expect_rejected([](Scenario& s) { s.corridors[1].mortality = -0.1; }, "corridor TRA-DST",
                  "mortality", "[0, 1]");
  expect_rejected([](Scenario& s) { s.corridors[1].mode = static_cast<CorridorMode>(7); },
                  "corridor TRA-DST", "mode");
  expect_rejected([](Scenario& s) { s.corridors[1].id = "ORI-TRA"; }, "corridor ORI-TRA", "", "id");
}

TEST(CheckScenario, Pathways) {
  auto with_pathway = [](PathwayKind kind, int from, int to, int nationality) {
    return [=](Scenario& s) {
      PathwaySpec pathway;
      pathway.id = "P";
      pathway.kind = kind;
      pathway.from = from;
      pathway.to = to;
      pathway.nationality = nationality;
      s.pathways.push_back(pathway);
    };
  };
  Scenario scenario = chain_scenario();
  with_pathway(PathwayKind::labour, 0, 2, 0)(scenario);
  with_pathway(PathwayKind::resettlement, 1, 2, 0)(scenario);
  scenario.pathways[1].id = "R";
  EXPECT_NO_THROW(check_scenario(scenario));
  expect_rejected(with_pathway(PathwayKind::labour, 1, 2, 0), "pathway P", "nationality", "labour");
  expect_rejected(with_pathway(PathwayKind::resettlement, 1, 2, 1), "pathway P", "nationality",
                  "out of range");
  expect_rejected(with_pathway(PathwayKind::resettlement, 2, 2, 0), "pathway P", "to", "different");
  expect_rejected(
      [&](Scenario& s) {
        with_pathway(PathwayKind::labour, 0, 2, 0)(s);
        s.pathways[0].quota = -5;
      },
      "pathway P", "quota", ">= 0");
}

TEST(CheckScenario, Stocks) {
  auto with_stock = [](int nationality, int location, double hosted) {
    return [=](Scenario& s) {
      InitialStock stock;
      stock.nationality = nationality;
      stock.location = location;
      stock.people[index_of(MigrantStatus::hosted)] = hosted;
      s.initial_stocks.push_back(stock);
    };
  };
  expect_rejected(with_stock(1, 1, 5), "stock #0", "nationality", "out of range");
  expect_rejected(with_stock(0, 5, 5), "stock #0", "location", "out of range");
  expect_rejected(with_stock(0, 1, -5), "stock ORI in TRA", "hosted", ">= 0");
  expect_rejected(with_stock(0, 1, kNaN), "stock ORI in TRA", "hosted", "finite");
}

TEST(CheckScenario, EventTimingAndOrder) {
  auto with_events = [](std::vector<EventSpec> events) {
    return [events](Scenario& s) { s.events = events; };
  };
  EventSpec open = event_at(3, EventType::open_corridor, TargetKind::corridor, 0);
  EventSpec close = event_at(1, EventType::close_corridor, TargetKind::corridor, 0);
  Scenario scenario = chain_scenario();
  with_events({close, open})(scenario);
  EXPECT_NO_THROW(check_scenario(scenario));
  expect_rejected(with_events({open, close}), "event e1", "tick", "sorted");
  expect_rejected(with_events({event_at(24, EventType::open_corridor, TargetKind::corridor, 0)}),
                  "event e24", "tick", "[0, 24)");
  expect_rejected(with_events({event_at(-1, EventType::open_corridor, TargetKind::corridor, 0)}),
                  "event e-1", "tick");
  expect_rejected(with_events({event_at(2, EventType::open_corridor, TargetKind::state, 0)}),
                  "event e2", "");
  expect_rejected(with_events({event_at(2, EventType::close_corridor, TargetKind::corridor, 2)}),
                  "event e2", "", "out of range");
}

TEST(CheckScenario, SetEvents) {
  auto set = [](TargetKind kind, int target, EventParameter parameter, double value) {
    return [=](Scenario& s) {
      EventSpec event = event_at(2, EventType::set, kind, target);
      event.parameter = parameter;
      event.value = value;
      s.events = {event};
    };
  };
  Scenario scenario = chain_scenario();
  set(TargetKind::corridor, 1, EventParameter::capacity, kInfinity)(scenario);
  EXPECT_NO_THROW(check_scenario(scenario));
  expect_rejected(set(TargetKind::state, 1, EventParameter::mortality, 0.1), "event e2",
                  "parameter");
  expect_rejected(set(TargetKind::state, 1, EventParameter::exit_enforcement, 1.5), "event e2",
                  "value", "[0, 1]");
  expect_rejected(set(TargetKind::state, 1, EventParameter::hosting_capacity, -1), "event e2",
                  "value", ">= 0");
  expect_rejected(set(TargetKind::corridor, 1, EventParameter::capacity, 0), "event e2", "value");
  expect_rejected(set(TargetKind::state, 1, EventParameter::stay_utility, kNaN), "event e2",
                  "value", "finite");
  expect_rejected(set(TargetKind::state, 9, EventParameter::push_intensity, 1), "event e2", "",
                  "out of range");
  expect_rejected(set(TargetKind::bloc, 0, EventParameter::push_intensity, 1), "event e2", "",
                  "out of range");
}

TEST(CheckScenario, OtherEvents) {
  auto transfer = [](Party payer, Party payee, double amount, double months) {
    return [=](Scenario& s) {
      EventSpec event = event_at(2, EventType::transfer, TargetKind::none, -1);
      event.payer = payer;
      event.payee = payee;
      event.amount = amount;
      event.over_months = months;
      s.events = {event};
    };
  };
  const Party dst{TargetKind::state, 2};
  const Party tra{TargetKind::state, 1};
  Scenario scenario = chain_scenario();
  transfer(dst, tra, 1e9, 12)(scenario);
  EXPECT_NO_THROW(check_scenario(scenario));
  expect_rejected(transfer(dst, dst, 1e9, 12), "event e2", "to", "different");
  expect_rejected(transfer(dst, tra, 0, 12), "event e2", "amount", "> 0");
  expect_rejected(transfer(dst, tra, 1e9, 0), "event e2", "over_months", "> 0");
  expect_rejected(transfer(Party{}, tra, 1e9, 1), "event e2", "from", "state or a bloc");
  expect_rejected(transfer(dst, Party{TargetKind::bloc, 0}, 1e9, 1), "event e2", "to",
                  "out of range");

  expect_rejected(
      [](Scenario& s) {
        EventSpec coup = event_at(2, EventType::coup, TargetKind::state, 1);
        coup.new_exit_enforcement = 2;
        s.events = {coup};
      },
      "event e2", "exit_enforcement", "[0, 1]");
  auto surge = [](double value, std::optional<int> end) {
    return [=](Scenario& s) {
      EventSpec event = event_at(2, EventType::engineered_surge, TargetKind::state, 1);
      event.value = value;
      event.end_tick = end;
      s.events = {event};
    };
  };
  surge(1, 24)(scenario);
  EXPECT_NO_THROW(check_scenario(scenario));
  expect_rejected(surge(1.5, std::nullopt), "event e2", "value", "[0, 1]");
  expect_rejected(surge(0.5, 2), "event e2", "end_tick");
  expect_rejected(surge(0.5, 25), "event e2", "end_tick");
  expect_rejected(
      [](Scenario& s) {
        s.events = {event_at(2, static_cast<EventType>(42), TargetKind::state, 1)};
      },
      "event e2", "type");
}

}  // namespace
}  // namespace migdip
