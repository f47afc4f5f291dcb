// What each instrument does to the world while it is in force, and how its end undoes it
// (engine/phases/diplomacy/instrument_levers.cpp): every lever type, partial delivery, aid cuts,
// and levers that a scheduled event changed meanwhile.

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "migdip/world/world.h"
#include "phases/diplomacy/instrument_levers.h"
#include "phases/policy_implementation.h"
#include "phases/scheduled_events.h"
#include "phases/tick_context.h"
#include "support/diplomacy_parts.h"
#include "support/strategic_scenario.h"

namespace migdip::testing {
namespace {

constexpr int kResettlement = 0;  // TRA -> DST, 100 a month
constexpr int kWorkers = 1;       // ORI -> DST labour pathway, 2000 a month

// The chain world with two pathways and one instrument of every lever type. Levers start at
// values that differ from every instrument's level, so that a start and an end are both visible.
Scenario lever_scenario() {
  Scenario scenario = chain_scenario();
  PathwaySpec resettlement;
  resettlement.id = "resettle";
  resettlement.kind = PathwayKind::resettlement;
  resettlement.from = kTra;
  resettlement.to = kDst;
  resettlement.nationality = 0;
  resettlement.lever(Lever::quota) = 100;
  PathwaySpec workers;
  workers.id = "workers";
  workers.kind = PathwayKind::labour;
  workers.from = kOri;
  workers.to = kDst;
  workers.nationality = 0;
  workers.lever(Lever::quota) = 2000;
  scenario.pathways = {resettlement, workers};
  scenario.states[kTra].lever(Lever::exit_enforcement) = 0.2;
  scenario.states[kDst].lever(Lever::entry_enforcement) = 0.1;
  scenario.states[kDst].lever(Lever::pushback_rate) = 0.05;
  scenario.corridors[1].lever(Lever::readmission_rate) = 0.1;

  // The instrument just added (a reference valid until the next one is added).
  auto add = [&](const char* id, InstrumentType type, int user, double level,
                 int target = -1) -> InstrumentSpec& {
    const int index = add_instrument(scenario, id, type, user, target);
    scenario.instruments[static_cast<std::size_t>(index)].level = level;
    return scenario.instruments[static_cast<std::size_t>(index)];
  };
  add("exit", InstrumentType::exit_enforcement, kTra, 0.7);
  add("entry", InstrumentType::entry_enforcement, kDst, 0.6);
  add("pushback", InstrumentType::pushback, kDst, 0.8);
  add("readmit", InstrumentType::readmission, kTra, 0.5).corridor = 1;
  add("pathway", InstrumentType::legal_pathway, kDst, 500).pathway = kResettlement;
  add("ban", InstrumentType::deployment_ban, kOri, 0, kDst).pathway = kWorkers;
  add("gates", InstrumentType::open_gates, kTra, 0.8);
  add("surge", InstrumentType::engineered_surge, kTra, 1.0);
  add("camps", InstrumentType::camp_closure, kTra, 0.4);
  add("refuse", InstrumentType::refuse_readmission, kOri, 0);
  add("departures", InstrumentType::departure_ban, kOri, 0.9);
  add("aid_cut", InstrumentType::aid_cut, kDst, 0, kTra);
  add("sanctions", InstrumentType::sanctions, kDst, 0, kTra);
  add("visas", InstrumentType::visa_restriction, kDst, 0, kTra);
  check_scenario(scenario);
  return scenario;
}

int index_of_instrument(const Scenario& scenario, const std::string& id) {
  return *scenario.find_instrument(id);
}

// Every lever any instrument can move, flattened, to check that an instrument moves only its own.
std::vector<double> all_levers(const World& world) {
  std::vector<double> levers;
  for (const Eigen::ArrayXd* array :
       {&world.policy.target(Lever::exit_enforcement), &world.policy.lever(Lever::exit_enforcement),
        &world.policy.target(Lever::entry_enforcement),
        &world.policy.lever(Lever::entry_enforcement), &world.policy.lever(Lever::pushback_rate),
        &world.policy.lever(Lever::readmission_acceptance),
        &world.policy.lever(Lever::hosting_capacity), &world.policy.lever(Lever::facilitation),
        &world.corridors.lever(Lever::readmission_rate), &world.pathway_lever(Lever::quota)}) {
    levers.insert(levers.end(), array->begin(), array->end());
  }
  for (const Transfer& transfer : world.treasury.transfers) {
    levers.push_back(transfer.suspended ? 1.0 : 0.0);
  }
  return levers;
}

struct LeverCase {
  std::string instrument;
  std::function<double(const World&)> lever;
  double before;  ///< the lever's value in lever_scenario()
  double after;   ///< its value once the instrument is in force with full delivery
};

std::vector<LeverCase> lever_cases() {
  return {
      // exit enforcement: the *target* moves; the policy phase phases it in.
      {"exit", [](const World& w) { return w.policy.target(Lever::exit_enforcement)(kTra); }, 0.2,
       0.7},
      {"entry", [](const World& w) { return w.policy.target(Lever::entry_enforcement)(kDst); }, 0.1,
       0.6},
      {"pushback", [](const World& w) { return w.policy.lever(Lever::pushback_rate)(kDst); }, 0.05,
       0.8},
      // readmission: the rate of the instrument's corridor (TRA-DST).
      {"readmit", [](const World& w) { return w.corridors.lever(Lever::readmission_rate)(1); }, 0.1,
       0.5},
      // legal pathway: the pathway's quota becomes the level (people per month).
      {"pathway", [](const World& w) { return w.pathway_lever(Lever::quota)(kResettlement); }, 100,
       500},
      // deployment ban: the labour pathway's quota falls to 0 whatever the level.
      {"ban", [](const World& w) { return w.pathway_lever(Lever::quota)(kWorkers); }, 2000, 0},
      {"gates", [](const World& w) { return w.policy.lever(Lever::facilitation)(kTra); }, 0, 0.8},
      {"surge", [](const World& w) { return w.policy.lever(Lever::facilitation)(kTra); }, 0, 1.0},
      // camp closure: closes a share 0.4 of the capacity: 1e5 * (1 - 0.4).
      {"camps", [](const World& w) { return w.policy.lever(Lever::hosting_capacity)(kTra); }, 1e5,
       6e4},
      // refusing readmission: acceptance falls to 0 whatever the level.
      {"refuse", [](const World& w) { return w.policy.lever(Lever::readmission_acceptance)(kOri); },
       1, 0},
      // departure ban: the origin's own exit enforcement target.
      {"departures", [](const World& w) { return w.policy.target(Lever::exit_enforcement)(kOri); },
       0, 0.9},
  };
}

TEST(DiplomacyLevers, StartSetsOnlyItsLeverAndEndRestoresIt) {
  const Scenario scenario = lever_scenario();
  for (const LeverCase& lever : lever_cases()) {
    SCOPED_TRACE(lever.instrument);
    World world(scenario);
    const int i = index_of_instrument(scenario, lever.instrument);
    const std::vector<double> before = all_levers(world);
    ASSERT_DOUBLE_EQ(lever.lever(world), lever.before);
    EXPECT_DOUBLE_EQ(lever_value(scenario.instruments[static_cast<std::size_t>(i)], view_of(world)),
                     lever.before);

    start_instrument(scenario, i, 1.0, targets_of(world));
    EXPECT_EQ(world.diplomacy.in_force(i), 1);
    EXPECT_DOUBLE_EQ(lever.lever(world), lever.after);
    EXPECT_DOUBLE_EQ(world.diplomacy.baseline(i), lever.before);
    EXPECT_DOUBLE_EQ(world.diplomacy.applied_value(i), lever.after);
    // Exactly one lever moved.
    const std::vector<double> during = all_levers(world);
    int moved = 0;
    for (std::size_t k = 0; k < before.size(); ++k) {
      moved += during[k] != before[k] ? 1 : 0;
    }
    EXPECT_EQ(moved, 1);

    end_instrument(scenario, i, targets_of(world));
    EXPECT_EQ(world.diplomacy.in_force(i), 0);
    EXPECT_DOUBLE_EQ(lever.lever(world), lever.before);
    EXPECT_EQ(all_levers(world), before);
  }
}

// A lever moves `delivered` of the way from where it stands to the instrument's level.
TEST(DiplomacyLevers, PartialDeliveryMovesTheLeverPartOfTheWay) {
  const Scenario scenario = lever_scenario();
  for (const LeverCase& lever : lever_cases()) {
    SCOPED_TRACE(lever.instrument);
    World world(scenario);
    const int i = index_of_instrument(scenario, lever.instrument);
    start_instrument(scenario, i, 0.25, targets_of(world));
    // e.g. exit: 0.2 + (0.7 - 0.2) * 0.25 = 0.325; camps: 1e5 + (6e4 - 1e5) * 0.25 = 9e4;
    // ban: 2000 + (0 - 2000) * 0.25 = 1500.
    EXPECT_NEAR(lever.lever(world), lever.before + (lever.after - lever.before) * 0.25,
                1e-12 * std::max(1.0, lever.before));
    EXPECT_DOUBLE_EQ(world.diplomacy.applied_value(i), lever.lever(world));
    end_instrument(scenario, i, targets_of(world));
    EXPECT_DOUBLE_EQ(lever.lever(world), lever.before);
  }
}

// Nothing delivered: the lever stays where it was, and ending it leaves it there.
TEST(DiplomacyLevers, NothingDeliveredMovesNothing) {
  const Scenario scenario = lever_scenario();
  World world(scenario);
  const int exit = index_of_instrument(scenario, "exit");
  start_instrument(scenario, exit, 0.0, targets_of(world));
  EXPECT_EQ(world.diplomacy.in_force(exit), 1);
  EXPECT_DOUBLE_EQ(world.policy.target(Lever::exit_enforcement)(kTra), 0.2);
  end_instrument(scenario, exit, targets_of(world));
  EXPECT_DOUBLE_EQ(world.policy.target(Lever::exit_enforcement)(kTra), 0.2);
}

// Open gates and surges started by the strategic layer run until it ends them: a facilitation end
// left by an earlier scheduled surge must not cut them short.
TEST(DiplomacyLevers, OpenGatesClearAScheduledFacilitationEnd) {
  const Scenario scenario = lever_scenario();
  for (const char* id : {"gates", "surge"}) {
    SCOPED_TRACE(id);
    World world(scenario);
    world.policy.lever(Lever::facilitation)(kTra) = 0.3;
    world.policy.facilitation_end_tick(kTra) = 5;
    const int i = index_of_instrument(scenario, id);
    start_instrument(scenario, i, 1.0, targets_of(world));
    EXPECT_EQ(world.policy.facilitation_end_tick(kTra), -1);
    end_instrument(scenario, i, targets_of(world));
    EXPECT_DOUBLE_EQ(world.policy.lever(Lever::facilitation)(kTra), 0.3);
  }
}

// Instruments without a lever (sanctions, visa restrictions) are only marked in force.
TEST(DiplomacyLevers, InstrumentsWithoutALeverOnlyGoInForce) {
  const Scenario scenario = lever_scenario();
  World world(scenario);
  const std::vector<double> before = all_levers(world);
  for (const char* id : {"sanctions", "visas"}) {
    const int i = index_of_instrument(scenario, id);
    EXPECT_EQ(lever_value(scenario.instruments[static_cast<std::size_t>(i)], view_of(world)), 0.0);
    start_instrument(scenario, i, 1.0, targets_of(world));
    EXPECT_EQ(world.diplomacy.in_force(i), 1);
    EXPECT_EQ(all_levers(world), before);
    end_instrument(scenario, i, targets_of(world));
    EXPECT_EQ(world.diplomacy.in_force(i), 0);
  }
}

EventSpec transfer_event(std::string id, int payer, int payee, double per_month) {
  EventSpec event;
  event.id = std::move(id);
  event.type = EventType::transfer;
  event.tick = 0;
  event.payer = state_party(payer);
  event.payee = state_party(payee);
  event.amount = per_month * 12;
  event.over_months = 12;
  return event;
}

// An aid cut suspends the user's transfers to its target, and only those; the policy phase pays
// nothing on them while it lasts; ending it resumes them.
TEST(DiplomacyLevers, AidCutSuspendsOnlyTheUsersTransfersToTheTarget) {
  Scenario scenario = lever_scenario();
  scenario.events = {transfer_event("dst_to_tra", kDst, kTra, 1e6),
                     transfer_event("dst_to_ori", kDst, kOri, 5e5),
                     transfer_event("tra_to_dst", kTra, kDst, 1e5)};
  check_scenario(scenario);
  World world(scenario);
  const TickContext tick(scenario.settings, 0, kDaysPerMonth);  // one nominal month
  apply_scheduled_events(
      scenario, 0, EventTargets{world.policy, world.corridors, world.pathway_lever, world.treasury},
      world.applied_events);
  const int cut = index_of_instrument(scenario, "aid_cut");
  start_instrument(scenario, cut, 1.0, targets_of(world));
  EXPECT_EQ(world.diplomacy.in_force(cut), 1);
  EXPECT_TRUE(world.treasury.transfers[0].suspended);
  EXPECT_FALSE(world.treasury.transfers[1].suspended);
  EXPECT_FALSE(world.treasury.transfers[2].suspended);

  const Eigen::ArrayXd no_deals = Eigen::ArrayXd::Zero(scenario.negotiation_count());
  implement_policy(scenario, tick, world.policy, world.treasury, no_deals);
  EXPECT_EQ(world.treasury.transfer_paid(0), 0.0);
  EXPECT_DOUBLE_EQ(world.treasury.transfer_paid(1), 5e5);
  EXPECT_DOUBLE_EQ(world.treasury.received(kTra), 0.0);
  EXPECT_DOUBLE_EQ(world.treasury.paid(kDst), 5e5);
  EXPECT_DOUBLE_EQ(world.treasury.transfers[0].remaining, 12e6);  // held back, not lost

  end_instrument(scenario, cut, targets_of(world));
  EXPECT_EQ(world.diplomacy.in_force(cut), 0);
  EXPECT_FALSE(world.treasury.transfers[0].suspended);
  implement_policy(scenario, tick, world.policy, world.treasury, no_deals);
  EXPECT_DOUBLE_EQ(world.treasury.transfer_paid(0), 1e6);
  EXPECT_DOUBLE_EQ(world.treasury.received(kTra), 1e6);
}

// A scheduled event that changes a lever while an instrument holds it wins: ending the instrument
// does not put back the value the instrument replaced.
TEST(DiplomacyLevers, EndDoesNotOverwriteALeverAnEventChangedMeanwhile) {
  struct Case {
    std::string instrument;
    EventSpec event;
    std::function<double(const World&)> lever;
  };
  const std::vector<Case> cases = {
      {"exit", set_event("crackdown", 3, TargetKind::state, kTra, Lever::exit_enforcement, 0.3),
       [](const World& w) { return w.policy.target(Lever::exit_enforcement)(kTra); }},
      {"readmit", set_event("agreement", 3, TargetKind::corridor, 1, Lever::readmission_rate, 0.3),
       [](const World& w) { return w.corridors.lever(Lever::readmission_rate)(1); }},
      {"pathway", set_event("pledge", 3, TargetKind::pathway, kResettlement, Lever::quota, 300),
       [](const World& w) { return w.pathway_lever(Lever::quota)(kResettlement); }},
      {"camps", set_event("camps", 3, TargetKind::state, kTra, Lever::hosting_capacity, 3e4),
       [](const World& w) { return w.policy.lever(Lever::hosting_capacity)(kTra); }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.instrument);
    Scenario scenario = lever_scenario();
    scenario.events = {c.event};
    check_scenario(scenario);
    World world(scenario);
    const int i = index_of_instrument(scenario, c.instrument);
    start_instrument(scenario, i, 1.0, targets_of(world));
    apply_scheduled_events(
        scenario, 3,
        EventTargets{world.policy, world.corridors, world.pathway_lever, world.treasury},
        world.applied_events);
    ASSERT_DOUBLE_EQ(c.lever(world), c.event.value);
    end_instrument(scenario, i, targets_of(world));
    EXPECT_EQ(world.diplomacy.in_force(i), 0);
    EXPECT_DOUBLE_EQ(c.lever(world), c.event.value);
  }
}

}  // namespace
}  // namespace migdip::testing
