// What states expect instruments to do (engine/phases/diplomacy/valuation.cpp), against hand
// computations from the flows they observed. One nominal month per tick, horizon 12 months, so a
// person retained costs hosting_cost * 6.

#include <gtest/gtest.h>

#include <memory>

#include "migdip/world/world.h"
#include "phases/diplomacy/instrument_levers.h"
#include "phases/diplomacy/valuation.h"
#include "phases/network.h"
#include "phases/scheduled_events.h"
#include "phases/tick_context.h"
#include "support/diplomacy_parts.h"
#include "support/strategic_scenario.h"

namespace migdip::testing {
namespace {

constexpr int kTraDst = 1;  // corridor TRA-DST
constexpr int kOriTra = 0;  // corridor ORI-TRA
constexpr int kBloc = 3;    // actor index of the bloc "EU" = {DST}

// The chain world with strategic preferences: DST pays 3000 EUR an arrival, TRA 40 EUR a month
// per person it holds and 300 EUR per person it intercepts.
Scenario valued_scenario() {
  Scenario scenario = chain_scenario();
  scenario.states[kDst].preferences.arrival_cost = 3000;
  scenario.states[kTra].preferences.hosting_cost = 40;
  scenario.states[kTra].preferences.enforcement_cost = 300;
  scenario.blocs = {BlocSpec{"EU", "Europe", {kDst}, {}, {}}};
  return scenario;
}

Scenario checked(Scenario scenario) {
  check_scenario(scenario);
  return scenario;
}

// A world whose governments saw last tick's flows as the test sets them.
class Valued {
 public:
  explicit Valued(Scenario scenario)
      : scenario_(checked(std::move(scenario))),
        network_(scenario_),
        world_(scenario_),
        observed_(scenario_),
        tick_(scenario_.settings, 1, kDaysPerMonth) {}

  World& world() { return world_; }
  const Scenario& scenario() const { return scenario_; }
  int instrument(const std::string& id) const { return *scenario_.find_instrument(id); }

  /// Observes the world as it now stands and values an instrument for a table.
  PartyValues use(int instrument, int demander, int partner) {
    observed_.observe(view_of(world_), network_);
    const Valuation valuation(scenario_, network_, tick_, view_of(world_), observed_);
    return valuation.use(instrument, demander, partner);
  }
  Valuation valuation() {
    observed_.observe(view_of(world_), network_);
    return Valuation(scenario_, network_, tick_, view_of(world_), observed_);
  }

 private:
  Scenario scenario_;
  Network network_;
  World world_;
  ObservedFlows observed_;
  TickContext tick_;
};

int add(Scenario& scenario, const char* id, InstrumentType type, int user, double level,
        int target = -1) {
  const int index = add_instrument(scenario, id, type, user, target);
  scenario.instruments[static_cast<std::size_t>(index)].level = level;
  return index;
}

// Exit enforcement from 0 to 0.7, last tick 1000 arrivals and 1200 departures on TRA-DST:
// pass-through ratio r = (1 - 0.7) / (1 - 0) = 0.3, so arrivals change by 1000 (0.3 - 1) = -700,
// which DST values at +3000 each: +2.1 M. TRA stops 1200 * 0.7 = 840 people, each costing it
// enforcement 300 + hosting 40 * 6 = 540: -453,600. Nobody else is concerned.
TEST(DiplomacyValuation, ExitEnforcementFromObservedFlows) {
  Scenario scenario = valued_scenario();
  const int exit = add(scenario, "exit", InstrumentType::exit_enforcement, kTra, 0.7);
  Valued valued(scenario);
  valued.world().flows.arrivals(0, kTraDst) = 1000;
  valued.world().flows.departures(0, kTraDst) = 1200;

  const PartyValues values = valued.use(exit, kDst, kTra);
  EXPECT_NEAR(values.demander, 2.1e6, 1e-6);
  EXPECT_NEAR(values.partner, -453600, 1e-6);
  // The same effect seen from the other side of the table, and by a bystander.
  const PartyValues swapped = valued.use(exit, kTra, kDst);
  EXPECT_NEAR(swapped.demander, -453600, 1e-6);
  EXPECT_NEAR(swapped.partner, 2.1e6, 1e-6);
  const PartyValues bystander = valued.use(exit, kOri, kTra);
  EXPECT_EQ(bystander.demander, 0.0);
  EXPECT_NEAR(bystander.partner, -453600, 1e-6);
}

// From a current enforcement of 0.2 with facilitation 0.5: open share before 1 - 0.2 * 0.5 = 0.9,
// after 1 - 0.7 * 0.5 = 0.65, r = 0.65 / 0.9; arrivals change by 1000 (r - 1) = -277.78 and DST
// gains 3000 * 277.78 = 833,333.33. Stopped: 1200 * 0.5 * 0.5 = 300, costing TRA 300 * 540.
TEST(DiplomacyValuation, ExitEnforcementFromTheCurrentLeverWithFacilitation) {
  Scenario scenario = valued_scenario();
  const int exit = add(scenario, "exit", InstrumentType::exit_enforcement, kTra, 0.7);
  Valued valued(scenario);
  valued.world().policy.target(Lever::exit_enforcement)(kTra) = 0.2;
  valued.world().policy.lever(Lever::facilitation)(kTra) = 0.5;
  valued.world().flows.arrivals(0, kTraDst) = 1000;
  valued.world().flows.departures(0, kTraDst) = 1200;
  const PartyValues values = valued.use(exit, kDst, kTra);
  EXPECT_NEAR(values.demander, 3000 * 1000 * (1 - 0.65 / 0.9), 1e-6);
  EXPECT_NEAR(values.partner, -300 * 540.0, 1e-6);
}

// Salience makes arrivals dearer: 3000 (1 + 0.5 (1 + 1) 2) = 9000 an arrival, so the same
// enforcement is worth three times as much to DST.
TEST(DiplomacyValuation, ArrivalPriceRisesWithSalienceAndPolarisation) {
  Scenario scenario = valued_scenario();
  scenario.states[kDst].preferences.salience_weight = 0.5;
  scenario.states[kDst].preferences.polarisation = 1;
  const int exit = add(scenario, "exit", InstrumentType::exit_enforcement, kTra, 0.7);
  Valued valued(scenario);
  valued.world().politics.salience(kDst) = 2;
  valued.world().flows.arrivals(0, kTraDst) = 1000;
  const Valuation valuation = valued.valuation();
  EXPECT_DOUBLE_EQ(valuation.arrival_price(kDst, kDst), 9000);
  EXPECT_DOUBLE_EQ(valuation.arrival_price(kBloc, kDst), 9000);  // the bloc owns DST's arrivals
  EXPECT_EQ(valuation.arrival_price(kTra, kDst), 0.0);           // not TRA's arrivals
  EXPECT_EQ(valuation.arrival_price(kDst, kTra), 0.0);           // TRA's arrival_cost is 0
  EXPECT_NEAR(valued.use(exit, kDst, kTra).demander, 9000 * 700.0, 1e-6);
  valued.world().politics.salience(kDst) = 0;
  EXPECT_NEAR(valued.use(exit, kDst, kTra).demander, 3000 * 700.0, 1e-6);
}

// The value of an arrival adds, for the share of arrivals that stays, its hosting over half the
// horizon. TRA saw 2000 arrive and 1200 leave: 40% stays, so an arrival in TRA (arrival_cost
// 100) is worth 100 + 40 * 6 * 0.4 = 196; with every way on closed everybody stays: 100 + 240.
TEST(DiplomacyValuation, ArrivalValueCountsTheHostingOfThoseWhoStay) {
  Scenario scenario = valued_scenario();
  scenario.states[kTra].preferences.arrival_cost = 100;
  Valued valued(scenario);
  valued.world().flows.arrivals(0, kOriTra) = 2000;
  valued.world().flows.departures(0, kTraDst) = 1200;
  EXPECT_NEAR(valued.valuation().arrival_value(kTra, kTra), 196, 1e-9);
  EXPECT_EQ(valued.valuation().arrival_value(kDst, kTra), 0.0);
  valued.world().corridors.open(kTraDst) = 0;
  EXPECT_NEAR(valued.valuation().arrival_value(kTra, kTra), 340, 1e-9);
}

TEST(DiplomacyValuation, BlocsContainTheirMembersOnly) {
  Scenario scenario = valued_scenario();
  scenario.blocs = {BlocSpec{"EU", "Europe", {kTra, kDst}, {}, {}}};
  Valued valued(scenario);
  const Valuation valuation = valued.valuation();
  EXPECT_TRUE(valuation.contains(kBloc, kTra));
  EXPECT_TRUE(valuation.contains(kBloc, kDst));
  EXPECT_FALSE(valuation.contains(kBloc, kOri));
  EXPECT_TRUE(valuation.contains(kDst, kDst));
  EXPECT_FALSE(valuation.contains(kDst, kTra));
  EXPECT_FALSE(valuation.contains(kOri, kDst));
}

// A bloc values what happens in its member states as they do: EU = {DST} values TRA's
// enforcement exactly as DST does.
TEST(DiplomacyValuation, ABlocValuesItsMembersEffects) {
  Scenario scenario = valued_scenario();
  const int exit = add(scenario, "exit", InstrumentType::exit_enforcement, kTra, 0.7);
  Valued valued(scenario);
  valued.world().flows.arrivals(0, kTraDst) = 1000;
  valued.world().flows.departures(0, kTraDst) = 1200;
  const PartyValues by_state = valued.use(exit, kDst, kTra);
  const PartyValues by_bloc = valued.use(exit, kBloc, kTra);
  EXPECT_DOUBLE_EQ(by_bloc.demander, by_state.demander);
  EXPECT_DOUBLE_EQ(by_bloc.partner, by_state.partner);
}

// Budget support and migration funding move their amount from user to target; a bloc pays as
// one actor (its member, at a table of its own, pays nothing).
TEST(DiplomacyValuation, MoneyMovesFromUserToTarget) {
  Scenario scenario = valued_scenario();
  const int support =
      add_instrument(scenario, "support", InstrumentType::budget_support, kDst, kTra);
  scenario.instruments[static_cast<std::size_t>(support)].amount = 5e6;
  const int funding =
      add_instrument(scenario, "funding", InstrumentType::migration_funding, kDst, kTra);
  scenario.instruments[static_cast<std::size_t>(funding)].amount = 2e6;
  InstrumentSpec bloc_support = scenario.instruments[static_cast<std::size_t>(support)];
  bloc_support.id = "bloc_support";
  bloc_support.user = Party{TargetKind::bloc, 0};
  scenario.instruments.push_back(bloc_support);
  const int by_bloc = scenario.instrument_count() - 1;
  const int price = add_instrument(scenario, "price", InstrumentType::transfer, kDst, kTra);
  scenario.instruments[static_cast<std::size_t>(price)].amount = 9e6;
  Valued valued(scenario);

  PartyValues values = valued.use(support, kDst, kTra);
  EXPECT_EQ(values.demander, -5e6);
  EXPECT_EQ(values.partner, 5e6);
  values = valued.use(support, kTra, kDst);
  EXPECT_EQ(values.demander, 5e6);
  EXPECT_EQ(values.partner, -5e6);
  values = valued.use(support, kOri, kTra);
  EXPECT_EQ(values.demander, 0.0);
  EXPECT_EQ(values.partner, 5e6);
  values = valued.use(funding, kDst, kTra);
  EXPECT_EQ(values.demander, -2e6);
  EXPECT_EQ(values.partner, 2e6);
  values = valued.use(by_bloc, kBloc, kTra);
  EXPECT_EQ(values.demander, -5e6);
  EXPECT_EQ(values.partner, 5e6);
  values = valued.use(by_bloc, kDst, kTra);
  EXPECT_EQ(values.demander, 0.0);
  // A transfer is the price of a deal: the bargain sets it, the valuation does not.
  values = valued.use(price, kDst, kTra);
  EXPECT_EQ(values.demander, 0.0);
  EXPECT_EQ(values.partner, 0.0);
}

// Instruments valued through value_to_target and cost_to_user alone.
TEST(DiplomacyValuation, ValueToTargetAndCostToUser) {
  Scenario scenario = valued_scenario();
  const int visas = add_instrument(scenario, "visas", InstrumentType::visa_restriction, kDst, kTra);
  scenario.instruments[static_cast<std::size_t>(visas)].value_to_target = -3e6;
  scenario.instruments[static_cast<std::size_t>(visas)].cost_to_user = 1e6;
  const int liberal =
      add_instrument(scenario, "liberal", InstrumentType::visa_liberalisation, kDst, kTra);
  scenario.instruments[static_cast<std::size_t>(liberal)].value_to_target = 2e6;
  scenario.instruments[static_cast<std::size_t>(liberal)].cost_to_user = 5e5;
  // A lever instrument adds both to its effect on flows (none here: nothing was observed).
  const int exit = add(scenario, "exit", InstrumentType::exit_enforcement, kTra, 0.7);
  scenario.instruments[static_cast<std::size_t>(exit)].cost_to_user = 7e5;
  Valued valued(scenario);

  PartyValues values = valued.use(visas, kDst, kTra);
  EXPECT_EQ(values.demander, -1e6);
  EXPECT_EQ(values.partner, -3e6);
  values = valued.use(liberal, kDst, kTra);
  EXPECT_EQ(values.demander, -5e5);
  EXPECT_EQ(values.partner, 2e6);
  values = valued.use(liberal, kOri, kTra);
  EXPECT_EQ(values.demander, 0.0);
  EXPECT_EQ(values.partner, 2e6);
  values = valued.use(exit, kDst, kTra);
  EXPECT_EQ(values.demander, 0.0);
  EXPECT_EQ(values.partner, -7e5);
}

// An aid cut gives the user back its active transfers to the target: DST pays TRA 2 M a month
// (a second, finished transfer does not count).
TEST(DiplomacyValuation, AidCutReturnsTheActiveAidToTheUser) {
  Scenario scenario = valued_scenario();
  const int cut = add_instrument(scenario, "cut", InstrumentType::aid_cut, kDst, kTra);
  for (const char* id : {"aid", "old_aid"}) {
    EventSpec aid;
    aid.id = id;
    aid.type = EventType::transfer;
    aid.payer = state_party(kDst);
    aid.payee = state_party(kTra);
    aid.amount = 24e6;
    aid.over_months = 12;
    scenario.events.push_back(aid);
  }
  Valued valued(scenario);
  World& world = valued.world();
  apply_scheduled_events(
      valued.scenario(), 0,
      EventTargets{world.policy, world.corridors, world.pathway_lever, world.treasury},
      world.applied_events);
  world.treasury.transfers[1].active = false;
  const PartyValues values = valued.use(cut, kDst, kTra);
  EXPECT_EQ(values.demander, 2e6);
  EXPECT_EQ(values.partner, -2e6);
}

// Open gates: 0.05 * 0.8 of the 1.2e5 people hosted or in transit in TRA move on (4800 a month),
// all along TRA-DST, each getting past DST's entry enforcement 0.25: 3600 arrivals at 3000 EUR
// for DST; TRA no longer holds the 4800 (40 * 6 each). The effect is linear in the pool.
TEST(DiplomacyValuation, OpenGatesScaleWithTheHostedPool) {
  Scenario scenario = valued_scenario();
  const int gates = add(scenario, "gates", InstrumentType::open_gates, kTra, 0.8);
  const int surge = add(scenario, "surge", InstrumentType::engineered_surge, kTra, 0.8);
  Valued valued(scenario);
  World& world = valued.world();
  world.policy.lever(Lever::entry_enforcement)(kDst) = 0.25;
  world.population[MigrantStatus::hosted](0, kTra) = 1e5;
  world.population[MigrantStatus::in_transit](0, kTra) = 2e4;
  world.population[MigrantStatus::hosted](0, kDst) = 5e5;  // not TRA's: changes nothing
  for (const int instrument : {gates, surge}) {
    const PartyValues values = valued.use(instrument, kDst, kTra);
    EXPECT_NEAR(values.demander, -3000 * 3600.0, 1e-6);
    EXPECT_NEAR(values.partner, 40 * 6 * 4800.0, 1e-6);
  }
  world.population[MigrantStatus::hosted](0, kTra) = 2e5;
  world.population[MigrantStatus::in_transit](0, kTra) = 4e4;
  const PartyValues doubled = valued.use(gates, kDst, kTra);
  EXPECT_NEAR(doubled.demander, -2 * 3000 * 3600.0, 1e-6);
  EXPECT_NEAR(doubled.partner, 2 * 40 * 6 * 4800.0, 1e-6);
}

// Camp closure sets the mobilised share of the people it evicts moving: 0.05 * 0.4 * 1e5 = 2000
// (those in transit are not in camps).
TEST(DiplomacyValuation, CampClosureReleasesAShareOfTheHosted) {
  Scenario scenario = valued_scenario();
  const int camps = add(scenario, "camps", InstrumentType::camp_closure, kTra, 0.4);
  Valued valued(scenario);
  valued.world().population[MigrantStatus::hosted](0, kTra) = 1e5;
  valued.world().population[MigrantStatus::in_transit](0, kTra) = 2e4;
  const PartyValues values = valued.use(camps, kDst, kTra);
  EXPECT_NEAR(values.demander, -3000 * 2000.0, 1e-6);
  EXPECT_NEAR(values.partner, 40 * 6 * 2000.0, 1e-6);
}

// Readmission of half of the 1000 arrivals on TRA-DST: 500 fewer arrivals for DST (+1.5 M),
// held by TRA (-500 * 240).
TEST(DiplomacyValuation, ReadmissionOfTheCorridorsArrivals) {
  Scenario scenario = valued_scenario();
  const int readmit = add(scenario, "readmit", InstrumentType::readmission, kTra, 0.5);
  scenario.instruments[static_cast<std::size_t>(readmit)].corridor = kTraDst;
  Valued valued(scenario);
  valued.world().flows.arrivals(0, kTraDst) = 1000;
  const PartyValues values = valued.use(readmit, kDst, kTra);
  EXPECT_NEAR(values.demander, 1.5e6, 1e-6);
  EXPECT_NEAR(values.partner, -120000, 1e-6);
}

// An instrument in force is valued by what ending it would undo: with enforcement at 0.7 and the
// 300 arrivals now seen, ending it would multiply arrivals by 1 / 0.3, i.e. 700 more; keeping it
// is worth 3000 * 700 to DST, and costs TRA the 0.7 * 1200 it now stops.
TEST(DiplomacyValuation, AnInstrumentInForceIsValuedByWhatEndingItWouldUndo) {
  Scenario scenario = valued_scenario();
  const int exit = add(scenario, "exit", InstrumentType::exit_enforcement, kTra, 0.7);
  Valued valued(scenario);
  start_instrument(valued.scenario(), exit, 1.0, targets_of(valued.world()));
  valued.world().flows.arrivals(0, kTraDst) = 300;
  valued.world().flows.departures(0, kTraDst) = 1200;
  const PartyValues values = valued.use(exit, kDst, kTra);
  EXPECT_NEAR(values.demander, 3000 * 700.0, 1e-6);
  EXPECT_NEAR(values.partner, -0.7 * 1200 * 540, 1e-6);
}

// A surge aimed at corridors (docs/model.md 7.4). TRA's surge (facilitation 1) on the corridor
// INTO it, ORI-TRA, where ORI's exit enforcement is 0.5 and surge_cost_cut the default 0.8.
// Through-flow at facilitation f: (1 + 0.8 f)(1 - 0.5 (1 - f)); from f = 0 (0.5) to 1 (1.8): x3.6,
// so the 1000 arrivals seen on ORI-TRA bring 2600 more a month into TRA. TRA saw 1000 arrive and
// 400 leave on TRA-DST: 0.6 of arrivals stay. The surge aims at no border out of TRA, so the
// newcomers arrive like those seen: 0.4 x 2600 = 1040 move on, 780 get past DST's entry
// enforcement 0.25 (-3000 each for DST); TRA holds 0.6 of them for half the horizon
// (-2600 x 40 x 6 x 0.6). Its pool (1e4) is not mobilised: no listed border leaves it.
TEST(DiplomacyValuation, ASurgeIntoTheUserBringsTheArrivalsItsCorridorCarriesScaledUp) {
  Scenario scenario = valued_scenario();
  const int surge = add(scenario, "surge", InstrumentType::engineered_surge, kTra, 1.0);
  scenario.instruments[static_cast<std::size_t>(surge)].corridors = {kOriTra};
  Valued valued(scenario);
  World& world = valued.world();
  world.policy.lever(Lever::exit_enforcement)(kOri) = 0.5;
  world.policy.lever(Lever::entry_enforcement)(kDst) = 0.25;
  world.population[MigrantStatus::in_transit](0, kTra) = 1e4;
  world.flows.arrivals(0, kOriTra) = 1000;
  world.flows.departures(0, kTraDst) = 400;
  const PartyValues values = valued.use(surge, kDst, kTra);
  EXPECT_NEAR(values.demander, -3000 * 780.0, 1e-6);
  EXPECT_NEAR(values.partner, -2600 * 40 * 6 * 0.6, 1e-6);
}

// The same surge aimed at ORI-TRA and at TRA's border with DST: the newcomers only pass through
// (TRA's arrival price is 0), all 2600 along TRA-DST, 1950 past DST's entry control; and TRA's
// pool is mobilised as by a state-wide surge along the listed border, 0.05 x 1 x 1e4 = 500 (375
// arrive in DST), relieving TRA of 500 x 40 x 6. DST: -3000 x (1950 + 375); TRA: +120,000.
TEST(DiplomacyValuation, ASurgeIntoAndOutOfTheUserMovesTheNewcomersOn) {
  Scenario scenario = valued_scenario();
  const int surge = add(scenario, "surge", InstrumentType::engineered_surge, kTra, 1.0);
  scenario.instruments[static_cast<std::size_t>(surge)].corridors = {kOriTra, kTraDst};
  Valued valued(scenario);
  World& world = valued.world();
  world.policy.lever(Lever::exit_enforcement)(kOri) = 0.5;
  world.policy.lever(Lever::entry_enforcement)(kDst) = 0.25;
  world.population[MigrantStatus::in_transit](0, kTra) = 1e4;
  world.flows.arrivals(0, kOriTra) = 1000;
  world.flows.departures(0, kTraDst) = 400;
  const PartyValues values = valued.use(surge, kDst, kTra);
  EXPECT_NEAR(values.demander, -3000 * (1950.0 + 375.0), 1e-6);
  EXPECT_NEAR(values.partner, 40 * 6 * 500.0, 1e-6);
}

// In force, the surge gives ORI-TRA facilitation of its own (TRA's state-wide facilitation stays
// 0) and is valued by what ending it would undo: the 3600 arrivals now seen would fall by the
// ratio 0.5 / 1.8, i.e. by 2600, the people it brings. Ending it returns the corridor to its state.
TEST(DiplomacyValuation, ASurgeOnCorridorsInForceIsValuedByWhatEndingItWouldUndo) {
  Scenario scenario = valued_scenario();
  const int surge = add(scenario, "surge", InstrumentType::engineered_surge, kTra, 1.0);
  scenario.instruments[static_cast<std::size_t>(surge)].corridors = {kOriTra};
  Valued valued(scenario);
  World& world = valued.world();
  world.policy.lever(Lever::exit_enforcement)(kOri) = 0.5;
  world.policy.lever(Lever::entry_enforcement)(kDst) = 0.25;
  start_instrument(valued.scenario(), surge, 1.0, targets_of(world));
  const BorderControls& border = world.corridors.border;
  EXPECT_TRUE(border.overridden(Lever::facilitation)(kOriTra));
  EXPECT_EQ(border.own(Lever::facilitation)(kOriTra), 1.0);
  EXPECT_FALSE(border.overridden(Lever::facilitation)(kTraDst));
  EXPECT_EQ(world.policy.lever(Lever::facilitation)(kTra), 0.0);
  world.flows.arrivals(0, kOriTra) = 3600;
  world.flows.departures(0, kTraDst) = 1440;  // 0.6 of arrivals stay, as before
  const PartyValues values = valued.use(surge, kDst, kTra);
  EXPECT_NEAR(values.demander, -3000 * 0.4 * 2600 * 0.75, 1e-6);
  EXPECT_NEAR(values.partner, -2600 * 40 * 6 * 0.6, 1e-6);
  end_instrument(valued.scenario(), surge, targets_of(world));
  EXPECT_FALSE(border.overridden(Lever::facilitation)(kOriTra));
}

// An exit control aimed at corridors, valued with [diplomacy] value_onward_moves (docs/model.md
// 7.4). A second corridor ORI-DST (index 2) is added. ORI (enforcement 100 EUR a person) stops
// exits on ORI-TRA only, from 0 to 0.6, facilitation 0. Last tick: 1000 crossed ORI-TRA (and
// departed on it), 200 ORI-DST, 400 left TRA on TRA-DST, so 0.6 of TRA's arrivals stay; DST's
// entry enforcement is 0.25. Pass-through ratio 0.4: arrivals in TRA change by 1000 (0.4 - 1) =
// -600, worth 0 to DST (not its state). With onward moves, the share 1 - 0.6 = 0.4 of them, 240,
// would have moved on along TRA-DST (its only way on) and 240 x 0.75 = 180 would have got into
// DST: DST gains 3000 x 180 = 540,000. ORI-DST is not listed: its 200 do not count (state-wide,
// they would: +3000 x 120). ORI holds 1000 x 0.6 = 600 people at 100 EUR: -60,000, either way.
constexpr int kOriDst = 2;

Scenario aimed_exit_scenario(bool onward, bool aimed) {
  Scenario scenario = valued_scenario();
  scenario.corridors.push_back(make_corridor("ORI-DST", kOri, kDst, 3000, 0.001));
  scenario.states[kOri].preferences.enforcement_cost = 100;
  scenario.diplomacy.value_onward_moves = onward;
  const int exit = add(scenario, "ori_exit", InstrumentType::exit_enforcement, kOri, 0.6);
  if (aimed) {
    scenario.instruments[static_cast<std::size_t>(exit)].corridors = {kOriTra};
  }
  return scenario;
}

void observe_aimed_exit_flows(World& world, double crossed) {
  world.policy.lever(Lever::entry_enforcement)(kDst) = 0.25;
  world.flows.arrivals(0, kOriTra) = crossed;
  world.flows.departures(0, kOriTra) = crossed;
  world.flows.arrivals(0, kOriDst) = 200;
  world.flows.departures(0, kOriDst) = 200;
  world.flows.departures(0, kTraDst) = 0.4 * crossed;
}

TEST(DiplomacyValuation, AnExitControlOnACorridorCountsTheArrivalsThatWouldHaveMovedOn) {
  for (const bool onward : {false, true}) {
    Valued valued(aimed_exit_scenario(onward, true));
    observe_aimed_exit_flows(valued.world(), 1000);
    const PartyValues values = valued.use(valued.instrument("ori_exit"), kDst, kOri);
    EXPECT_NEAR(values.demander, onward ? 3000 * 180.0 : 0.0, 1e-6) << "onward " << onward;
    EXPECT_NEAR(values.partner, -600 * 100.0, 1e-6) << "onward " << onward;
    // The same for a bloc holding DST; TRA, the transit state in between, only saves the
    // hosting of the 0.6 who would have stayed (40 x 6 x 0.6 x 600), key or not.
    EXPECT_NEAR(valued.use(valued.instrument("ori_exit"), kBloc, kOri).demander,
                onward ? 3000 * 180.0 : 0.0, 1e-6);
    EXPECT_NEAR(valued.use(valued.instrument("ori_exit"), kTra, kOri).demander, 40 * 6 * 0.6 * 600,
                1e-6);
  }
  // State-wide, the control also stops 0.6 of ORI-DST's 200 arrivals (+3000 x 120) and holds
  // 1200 x 0.6 = 720 people (-72,000).
  Valued state_wide(aimed_exit_scenario(true, false));
  observe_aimed_exit_flows(state_wide.world(), 1000);
  const PartyValues values = state_wide.use(state_wide.instrument("ori_exit"), kDst, kOri);
  EXPECT_NEAR(values.demander, 3000 * (180.0 + 120.0), 1e-6);
  EXPECT_NEAR(values.partner, -720 * 100.0, 1e-6);
}

// In force, the control gives ORI-TRA exit enforcement of its own (a target of 0.6, phased in
// at ORI's lag; ORI's own value and ORI-DST stay 0), and is valued by what ending it would undo:
// the 400 now crossing would rise by the ratio 1 / 0.4 to 1000, 600 more in TRA, of whom 0.4 x
// 0.75 reach DST (-180 x 3000 undone: +540,000); ORI's 400 x 0.6 = 240 people held: -24,000.
// Ending it returns the corridor to its state.
TEST(DiplomacyValuation, AnExitControlOnCorridorsInForceIsValuedByWhatEndingItWouldUndo) {
  Valued valued(aimed_exit_scenario(true, true));
  World& world = valued.world();
  const int exit = valued.instrument("ori_exit");
  start_instrument(valued.scenario(), exit, 1.0, targets_of(world));
  const BorderControls& border = world.corridors.border;
  EXPECT_TRUE(border.overridden(Lever::exit_enforcement)(kOriTra));
  EXPECT_EQ(border.target(Lever::exit_enforcement)(kOriTra), 0.6);
  EXPECT_EQ(border.own(Lever::exit_enforcement)(kOriTra), 0.0);  // not phased in yet
  EXPECT_FALSE(border.overridden(Lever::exit_enforcement)(kOriDst));
  EXPECT_EQ(world.policy.target(Lever::exit_enforcement)(kOri), 0.0);
  EXPECT_EQ(
      lever_value(valued.scenario().instruments[static_cast<std::size_t>(exit)], view_of(world)),
      0.6);
  EXPECT_EQ(world.diplomacy.baseline(exit), 0.0);
  observe_aimed_exit_flows(world, 400);
  const PartyValues values = valued.use(exit, kDst, kOri);
  EXPECT_NEAR(values.demander, 3000 * 180.0, 1e-6);
  EXPECT_NEAR(values.partner, -240 * 100.0, 1e-6);
  end_instrument(valued.scenario(), exit, targets_of(world));
  EXPECT_FALSE(border.overridden(Lever::exit_enforcement)(kOriTra));
}

}  // namespace
}  // namespace migdip::testing
