// check_scenario guards scenarios built in code: each broken invariant is an InputError that
// names the section and key at fault.

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <memory>
#include <type_traits>

#include "migdip/core/error.h"
#include "migdip/scenario/scenario.h"
#include "migdip/simulation/simulation.h"
// Inlined into this file, random_scenario's `"P" + std::to_string(p)` draws GCC 12's false
// -Wrestrict warning (the pattern tests/io_hdf5/test_results_file.cpp avoids).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wrestrict"
#endif
#include "support/random_scenario.h"
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
#include "support/scenario_builder.h"

namespace migdip {
namespace {

using testing::chain_scenario;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInfinity = std::numeric_limits<double>::infinity();

/// `base` with one change must fail naming `section` and `key`, with `phrase`.
void expect_rejected_from(const Scenario& base, const std::function<void(Scenario&)>& change,
                          const std::string& section, const std::string& key,
                          const std::string& phrase = "") {
  Scenario scenario = base;
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

/// chain_scenario() with one change must fail naming `section` and `key`, with `phrase`.
void expect_rejected(const std::function<void(Scenario&)>& change, const std::string& section,
                     const std::string& key, const std::string& phrase = "") {
  expect_rejected_from(chain_scenario(), change, section, key, phrase);
}

InstrumentSpec make_instrument(std::string id, InstrumentType type, Party user, int target = -1) {
  InstrumentSpec instrument;
  instrument.id = std::move(id);
  instrument.type = type;
  instrument.user = user;
  instrument.target = target;
  instrument.level = 0.5;
  instrument.amount = 1e6;
  return instrument;
}

constexpr Party kOri{TargetKind::state, 0};
constexpr Party kTra{TargetKind::state, 1};
constexpr Party kDst{TargetKind::state, 2};
constexpr Party kBloc{TargetKind::bloc, 0};

/// chain_scenario() with the strategic layer: a bloc B of DST, a labour pathway ORI -> DST (0)
/// and a resettlement pathway TRA -> DST (1), instruments (pay, coast, gates, cut, visas,
/// bloc_pay, back) and one negotiation `deal` of DST with TRA.
Scenario strategic_chain() {
  Scenario scenario = chain_scenario();
  BlocSpec bloc;
  bloc.id = "B";
  bloc.name = "B";
  bloc.members = {2};
  scenario.blocs.push_back(bloc);
  PathwaySpec labour;
  labour.id = "work";
  labour.kind = PathwayKind::labour;
  labour.from = 0;
  labour.to = 2;
  labour.nationality = 0;
  PathwaySpec resettle = labour;
  resettle.id = "resettle";
  resettle.kind = PathwayKind::resettlement;
  resettle.from = 1;
  scenario.pathways = {labour, resettle};
  InstrumentSpec back = make_instrument("back", InstrumentType::readmission, kTra);
  back.corridor = 1;
  scenario.instruments = {
      make_instrument("pay", InstrumentType::transfer, kDst, 1),               // 0
      make_instrument("coast", InstrumentType::exit_enforcement, kTra),        // 1
      make_instrument("gates", InstrumentType::open_gates, kTra),              // 2
      make_instrument("cut", InstrumentType::aid_cut, kDst, 1),                // 3
      make_instrument("visas", InstrumentType::visa_liberalisation, kDst, 1),  // 4
      make_instrument("bloc_pay", InstrumentType::transfer, kBloc, 1),         // 5
      back,                                                                    // 6
  };
  NegotiationSpec deal;
  deal.id = "deal";
  deal.demander = kDst;
  deal.partner = {TargetKind::state, 1};
  deal.asks = {1, 6};
  deal.offers = {4};
  deal.payment = 0;
  deal.threats = {2, 3};
  scenario.negotiations = {deal};
  return scenario;
}

void expect_strategic_rejected(const std::function<void(Scenario&)>& change,
                               const std::string& section, const std::string& key,
                               const std::string& phrase = "") {
  expect_rejected_from(strategic_chain(), change, section, key, phrase);
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
  expect_rejected([](Scenario& s) { s.states[2].lever(Lever::recognition_rate) = 1.01; },
                  "state DST", "recognition_rate", "[0, 1]");
  expect_rejected([](Scenario& s) { s.states[2].lever(Lever::stay_utility) = kNaN; }, "state DST",
                  "stay_utility", "finite");
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
  expect_rejected(with_bloc({1}, "TRA"), "bloc TRA", "", "already a state id");
}

TEST(CheckScenario, Corridors) {
  expect_rejected([](Scenario& s) { s.corridors[0].to = 0; }, "corridor ORI-TRA", "to",
                  "different");
  expect_rejected([](Scenario& s) { s.corridors[0].from = 3; }, "corridor ORI-TRA", "from",
                  "out of range");
  expect_rejected([](Scenario& s) { s.corridors[1].to = -1; }, "corridor TRA-DST", "to",
                  "out of range");
  expect_rejected([](Scenario& s) { s.corridors[1].lever(Lever::capacity) = 0; },
                  "corridor TRA-DST", "capacity", "> 0");
  expect_rejected([](Scenario& s) { s.corridors[1].lever(Lever::capacity) = kNaN; },
                  "corridor TRA-DST", "capacity");
  expect_rejected([](Scenario& s) { s.corridors[1].lever(Lever::mortality) = -0.1; },
                  "corridor TRA-DST", "mortality", "[0, 1]");
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
        s.pathways[0].lever(Lever::quota) = -5;
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
  auto set = [](TargetKind kind, int target, Lever parameter, double value) {
    return [=](Scenario& s) {
      EventSpec event = event_at(2, EventType::set, kind, target);
      event.parameter = parameter;
      event.value = value;
      s.events = {event};
    };
  };
  Scenario scenario = chain_scenario();
  set(TargetKind::corridor, 1, Lever::capacity, kInfinity)(scenario);
  EXPECT_NO_THROW(check_scenario(scenario));
  expect_rejected(set(TargetKind::state, 1, Lever::mortality, 0.1), "event e2", "parameter");
  expect_rejected(set(TargetKind::state, 1, Lever::exit_enforcement, 1.5), "event e2", "value",
                  "[0, 1]");
  expect_rejected(set(TargetKind::state, 1, Lever::hosting_capacity, -1), "event e2", "value",
                  ">= 0");
  expect_rejected(set(TargetKind::corridor, 1, Lever::capacity, 0), "event e2", "value");
  expect_rejected(set(TargetKind::state, 1, Lever::stay_utility, kNaN), "event e2", "value",
                  "finite");
  expect_rejected(set(TargetKind::state, 9, Lever::push_intensity, 1), "event e2", "",
                  "out of range");
  expect_rejected(set(TargetKind::bloc, 0, Lever::push_intensity, 1), "event e2", "",
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
        coup.new_government(Lever::exit_enforcement) = 2;
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

TEST(CheckScenario, AcceptsTheStrategicLayer) {
  Scenario scenario = strategic_chain();
  EXPECT_NO_THROW(check_scenario(scenario));
  scenario.states[2].conduct.election_tick = 23;
  scenario.blocs[0].conduct.election_tick = 0;
  scenario.negotiations[0].start_tick = 23;
  scenario.negotiations[0].conditionality = Conditionality::negative;
  scenario.negotiations[0].payment = -1;
  EXPECT_NO_THROW(check_scenario(scenario));
}

TEST(CheckScenario, Diplomacy) {
  expect_rejected([](Scenario& s) { s.diplomacy.horizon_months = 0; }, "diplomacy",
                  "horizon_months", "> 0");
  expect_rejected([](Scenario& s) { s.diplomacy.reputation_step = 1.5; }, "diplomacy",
                  "reputation_step", "[0, 1]");
  expect_rejected([](Scenario& s) { s.diplomacy.round_months = kNaN; }, "diplomacy", "round_months",
                  "finite");
  expect_rejected([](Scenario& s) { s.diplomacy.reevaluation_tolerance = -1; }, "diplomacy",
                  "reevaluation_tolerance", ">= 0");
  expect_rejected([](Scenario& s) { s.diplomacy.learning_memory_months = -1; }, "diplomacy",
                  "learning_memory_months", ">= 0");
  expect_rejected([](Scenario& s) { s.diplomacy.counterfactual_months = 0; }, "diplomacy",
                  "counterfactual_months", "> 0");
  expect_rejected([](Scenario& s) { s.diplomacy.protocol = static_cast<BargainingProtocol>(5); },
                  "diplomacy", "protocol");
}

TEST(CheckScenario, PreferencesAndConduct) {
  expect_rejected([](Scenario& s) { s.states[2].preferences.arrival_cost = -1; }, "state DST",
                  "arrival_cost", ">= 0");
  expect_rejected([](Scenario& s) { s.states[2].preferences.salience_weight = kInfinity; },
                  "state DST", "salience_weight", "finite");
  expect_rejected([](Scenario& s) { s.states[0].preferences.substitution_months = -1; },
                  "state ORI", "substitution_months", ">= 0");
  expect_rejected([](Scenario& s) { s.states[1].conduct.bargaining_power = 1.5; }, "state TRA",
                  "bargaining_power", "[0, 1]");
  expect_rejected([](Scenario& s) { s.states[1].conduct.patience = 0; }, "state TRA", "patience",
                  "> 0");
  expect_rejected([](Scenario& s) { s.states[1].conduct.leakage = kNaN; }, "state TRA", "leakage",
                  "finite");
  expect_rejected([](Scenario& s) { s.states[1].conduct.election_tick = 24; }, "state TRA",
                  "next_election", "[0, 24)");
  expect_rejected([](Scenario& s) { s.states[1].conduct.election_tick = -1; }, "state TRA",
                  "next_election", "[0, 24)");
  expect_strategic_rejected([](Scenario& s) { s.blocs[0].conduct.compliance = 2; }, "bloc B",
                            "compliance", "[0, 1]");
  expect_strategic_rejected([](Scenario& s) { s.blocs[0].conduct.election_tick = 30; }, "bloc B",
                            "next_election");
}

TEST(CheckScenario, Instruments) {
  auto instrument = [](std::size_t index, const std::function<void(InstrumentSpec&)>& change) {
    return [=](Scenario& s) { change(s.instruments[index]); };
  };
  expect_strategic_rejected(
      instrument(
          1, [](InstrumentSpec& i) { i.type = static_cast<InstrumentType>(kInstrumentTypeCount); }),
      "instrument coast", "type");
  expect_strategic_rejected(instrument(1, [](InstrumentSpec& i) { i.user = Party{}; }),
                            "instrument coast", "user", "state or a bloc");
  expect_strategic_rejected(instrument(1,
                                       [](InstrumentSpec& i) {
                                         i.user = Party{TargetKind::state, 3};
                                       }),
                            "instrument coast", "user", "out of range");
  expect_strategic_rejected(instrument(1, [](InstrumentSpec& i) { i.user = kBloc; }),
                            "instrument coast", "user", "state");
  expect_strategic_rejected(instrument(2, [](InstrumentSpec& i) { i.user = kBloc; }),
                            "instrument gates", "user", "state");
  expect_strategic_rejected(instrument(0, [](InstrumentSpec& i) { i.target = -1; }),
                            "instrument pay", "target", "out of range");
  expect_strategic_rejected(instrument(0, [](InstrumentSpec& i) { i.target = 2; }),
                            "instrument pay", "target", "another state");
  expect_strategic_rejected(instrument(6, [](InstrumentSpec& i) { i.corridor = 2; }),
                            "instrument back", "corridor", "out of range");
  expect_strategic_rejected(instrument(6, [](InstrumentSpec& i) { i.corridor = 0; }),
                            "instrument back", "corridor", "must leave the user");
  expect_strategic_rejected(instrument(1, [](InstrumentSpec& i) { i.level = 1.5; }),
                            "instrument coast", "level", "[0, 1]");
  expect_strategic_rejected(instrument(0, [](InstrumentSpec& i) { i.amount = -1; }),
                            "instrument pay", "amount", ">= 0");
  expect_strategic_rejected(instrument(4, [](InstrumentSpec& i) { i.value_to_target = kNaN; }),
                            "instrument visas", "value_to_target", "finite");
  expect_strategic_rejected(instrument(3, [](InstrumentSpec& i) { i.cost_to_user = -1; }),
                            "instrument cut", "cost_to_user", ">= 0");
  expect_strategic_rejected(instrument(2, [](InstrumentSpec& i) { i.mobilised_share = 2; }),
                            "instrument gates", "mobilised_share", "[0, 1]");
  expect_strategic_rejected(instrument(2, [](InstrumentSpec& i) { i.id = "coast"; }),
                            "instrument coast", "", "id");

  auto add = [](InstrumentSpec spec) {
    return [spec](Scenario& s) { s.instruments.push_back(spec); };
  };
  InstrumentSpec quota = make_instrument("quota", InstrumentType::legal_pathway, kBloc);
  quota.pathway = 1;
  quota.level = 5000;  // people per month, not a share
  Scenario scenario = strategic_chain();
  add(quota)(scenario);
  EXPECT_NO_THROW(check_scenario(scenario));
  quota.level = -1;
  expect_strategic_rejected(add(quota), "instrument quota", "level", ">= 0");
  quota.pathway = 2;
  quota.level = 1;
  expect_strategic_rejected(add(quota), "instrument quota", "pathway", "out of range");

  InstrumentSpec ban = make_instrument("ban", InstrumentType::deployment_ban, kOri, 2);
  ban.pathway = 0;
  scenario = strategic_chain();
  add(ban)(scenario);
  EXPECT_NO_THROW(check_scenario(scenario));
  ban.pathway = 1;  // a resettlement pathway
  expect_strategic_rejected(add(ban), "instrument ban", "pathway", "labour");
  ban.pathway = 0;
  ban.user = kTra;  // the pathway starts in ORI
  expect_strategic_rejected(add(ban), "instrument ban", "pathway", "the pathway must start in");

  expect_strategic_rejected(add(make_instrument("exit", InstrumentType::departure_ban, kTra)),
                            "instrument exit", "user", "origin role");
  expect_strategic_rejected(
      add(make_instrument("refuse", InstrumentType::refuse_readmission, kDst)), "instrument refuse",
      "user", "origin role");
}

TEST(CheckScenario, Negotiations) {
  auto deal = [](const std::function<void(NegotiationSpec&)>& change) {
    return [=](Scenario& s) { change(s.negotiations[0]); };
  };
  const std::string at = "negotiation deal";
  expect_strategic_rejected(deal([](NegotiationSpec& n) { n.demander = Party{}; }), at, "demander",
                            "state or a bloc");
  expect_strategic_rejected(deal([](NegotiationSpec& n) {
                              n.partner = {TargetKind::state, 3};
                            }),
                            at, "partner", "out of range");
  expect_strategic_rejected(deal([](NegotiationSpec& n) {
                              n.partner = {TargetKind::state, 2};
                            }),
                            at, "partner", "differ");
  expect_strategic_rejected(deal([](NegotiationSpec& n) {
                              n.demander = kBloc;
                              n.partner = {TargetKind::state, 2};
                            }),
                            at, "partner", "member");
  expect_strategic_rejected(deal([](NegotiationSpec& n) {
                              n.asks = {1, 9};
                            }),
                            at, "asks", "out of range");
  expect_strategic_rejected(deal([](NegotiationSpec& n) { n.asks = {1, 1}; }), at, "asks", "twice");
  expect_strategic_rejected(deal([](NegotiationSpec& n) { n.asks = {4}; }), at, "asks",
                            "but asks are the partner's instruments");
  expect_strategic_rejected(deal([](NegotiationSpec& n) { n.offers = {1}; }), at, "offers",
                            "but offers are the demander's instruments");
  expect_strategic_rejected(deal([](NegotiationSpec& n) {
                              n.offers = {4, 0};
                            }),
                            at, "offers", "transfer");
  expect_strategic_rejected(deal([](NegotiationSpec& n) {
                              n.asks.clear();
                              n.offers.clear();
                            }),
                            at, "asks", "1 to 10");
  expect_strategic_rejected(deal([](NegotiationSpec& n) { n.payment = 7; }), at, "payment",
                            "out of range");
  expect_strategic_rejected(deal([](NegotiationSpec& n) { n.payment = 4; }), at, "payment",
                            "but the payment must be a transfer");
  expect_strategic_rejected(deal([](NegotiationSpec& n) { n.payment = 5; }), at, "payment",
                            "transfer from the demander");  // the bloc's, not DST's
  expect_strategic_rejected(deal([](NegotiationSpec& n) { n.threats = {4}; }), at, "threats",
                            "incentive");
  expect_strategic_rejected(
      [](Scenario& s) {
        s.instruments.push_back(make_instrument("other", InstrumentType::pushback, kOri));
        s.negotiations[0].threats = {7};
      },
      at, "threats", "neither");
  expect_strategic_rejected(
      deal([](NegotiationSpec& n) { n.conditionality = Conditionality::negative; }), at,
      "conditionality", "takes no 'payment'");
  expect_strategic_rejected(deal([](NegotiationSpec& n) {
                              n.conditionality = Conditionality::negative;
                              n.payment = -1;
                              n.threats = {2};
                            }),
                            at, "conditionality", "aid_cut");
  expect_strategic_rejected(
      deal([](NegotiationSpec& n) { n.conditionality = static_cast<Conditionality>(9); }), at,
      "conditionality", "valid");
  expect_strategic_rejected(deal([](NegotiationSpec& n) { n.start_tick = 24; }), at, "start_date",
                            "[0, 24)");
  expect_strategic_rejected(deal([](NegotiationSpec& n) { n.duration_months = 0; }), at,
                            "duration_months", "> 0");
  expect_strategic_rejected(deal([](NegotiationSpec& n) { n.monitoring_lag_months = -1; }), at,
                            "monitoring_lag_months", ">= 0");
  expect_strategic_rejected(deal([](NegotiationSpec& n) { n.implementation_lag_months = kNaN; }),
                            at, "implementation_lag_months", "finite");
  expect_strategic_rejected(deal([](NegotiationSpec& n) { n.breach_threshold = 1.5; }), at,
                            "breach_threshold", "[0, 1]");
  expect_strategic_rejected(deal([](NegotiationSpec& n) { n.cooldown_months = -3; }), at,
                            "cooldown_months", ">= 0");
  expect_strategic_rejected(deal([](NegotiationSpec& n) { n.renegotiation_margin = -0.5; }), at,
                            "renegotiation_margin", ">= 0");
  expect_strategic_rejected([](Scenario& s) { s.negotiations.push_back(s.negotiations[0]); }, at,
                            "", "id");

  // A bloc demander offers and pays with the bloc's instruments.
  Scenario scenario = strategic_chain();
  scenario.instruments.push_back(
      make_instrument("bloc_visas", InstrumentType::visa_liberalisation, kBloc, 1));  // 7
  scenario.negotiations[0].demander = kBloc;
  scenario.negotiations[0].offers = {7};
  scenario.negotiations[0].payment = 5;
  scenario.negotiations[0].threats = {2};
  EXPECT_NO_THROW(check_scenario(scenario));
  // Eleven items are too many: two asks and one offer, then eight more asks.
  for (int i = 0; i < 8; ++i) {
    scenario.instruments.push_back(
        make_instrument("p" + std::to_string(i), InstrumentType::pushback, kTra));
    scenario.negotiations[0].asks.push_back(scenario.instrument_count() - 1);
  }
  EXPECT_THROW(check_scenario(scenario), InputError);
  scenario.negotiations[0].asks.pop_back();
  EXPECT_NO_THROW(check_scenario(scenario));
}

// The checks run once per run: only checking makes a CheckedScenario, and a Simulation made
// from one does not check again (loaders and sweeps hand it one).
static_assert(!std::is_convertible_v<std::shared_ptr<const Scenario>, CheckedScenario>);

TEST(CheckedScenario, ASimulationOfACheckedScenarioDoesNotCheckAgain) {
  auto editable = std::make_shared<Scenario>(chain_scenario());
  const CheckedScenario checked(editable);
  // Made invalid behind the check's back, in a way that does not disturb the initial world.
  editable->states[0].preferences.arrival_cost = -1;
  EXPECT_THROW(check_scenario(*checked), InputError);
  EXPECT_NO_THROW(Simulation{checked});
  EXPECT_THROW(Simulation{checked.shared()}, InputError);
  EXPECT_THROW(CheckedScenario{checked.shared()}, InputError);
}

TEST(CheckedScenario, ProblemsOfAScenarioFromAFileNameItsLines) {
  Scenario scenario = chain_scenario();
  scenario.sources.file = "chain.ini";
  scenario.sources.corridors.resize(scenario.corridors.size());
  scenario.sources.corridors[1].line = 40;
  scenario.sources.corridors[1].keys = {{"from", 41, ""}, {"to", 42, " (note)"}};
  scenario.corridors[1].to = scenario.corridors[1].from;
  try {
    check_scenario(scenario);
    ADD_FAILURE() << "accepted";
  } catch (const InputError& error) {
    EXPECT_EQ(error.where().file, "chain.ini");
    EXPECT_EQ(error.where().line, 42);
    EXPECT_EQ(error.where().key, "to");
    EXPECT_NE(error.problem().find("two different states (note)"), std::string::npos)
        << error.what();
  }
  // A key not written is reported at the header.
  scenario.corridors[1].to = 2;
  scenario.corridors[1].lever(Lever::capacity) = -1;
  try {
    check_scenario(scenario);
    ADD_FAILURE() << "accepted";
  } catch (const InputError& error) {
    EXPECT_EQ(error.where().line, 40);
    EXPECT_EQ(error.where().key, "capacity");
  }
}

}  // namespace
}  // namespace migdip
