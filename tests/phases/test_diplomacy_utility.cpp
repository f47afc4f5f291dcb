// Realised utility (engine/phases/diplomacy/utility.cpp): what each state got over the tick, by
// the preferences it bargains with, against a hand computation on a world set by hand.

#include <gtest/gtest.h>

#include "migdip/world/world.h"
#include "phases/diplomacy/diplomacy_phase.h"
#include "phases/network.h"
#include "phases/tick_context.h"
#include "support/diplomacy_parts.h"
#include "support/strategic_scenario.h"

namespace migdip::testing {
namespace {

constexpr int kTraDst = 1;

// A tick of half a nominal month. In it:
// DST received 1 M and paid 300,000; 1000 arrived on TRA-DST at 3000 (1 + 1 (1 + 1) 1) = 9000
// each; it intercepted 200 on entry at 500 each and pushed 50 back at a hypocrisy cost of
// 2000 * 0.5 (democracy) * (1 + 1) = 2000 each; it holds 3000 people at 10 a month and has 400
// legal workers worth 100 a month; it paid 70,000 of audience cost; its sanctions on TRA cost it
// 200,000 a month; the EU's visa restriction (800,000 a month to the bloc) falls on it for its
// population share 8e7 / 8.1e7:
//   1 M - 300,000 - 9 M - 100,000 - 100,000 - 15,000 + 20,000 - 70,000 - 100,000 - 400,000.
// TRA intercepted 300 leaving at 300 each, holds 1000 at 40 a month, and is the target of the
// sanctions (-500,000 a month) and of the visa restriction (-100,000 a month):
//   -90,000 - 20,000 - 250,000 - 50,000.
// ORI has 400 nationals legally abroad remitting 50 a month, and pays the rest of the bloc's
// cost, 810,000 * 0.5 * 1e6 / 8.1e7 = 5,000: 10,000 - 5,000.
TEST(DiplomacyUtility, RealisedUtilityOfTheTick) {
  Scenario scenario = readmission_table_scenario();
  StatePreferences& dst = scenario.states[kDst].preferences;
  dst.salience_weight = 1;
  dst.polarisation = 1;
  dst.enforcement_cost = 500;
  dst.hypocrisy_cost = 2000;
  dst.hosting_cost = 10;
  dst.labour_value = 100;
  scenario.states[kDst].conduct.democracy = 0.5;
  scenario.states[kTra].preferences.enforcement_cost = 300;
  scenario.states[kOri].preferences.remittance_per_worker = 50;
  scenario.blocs = {BlocSpec{"EU", "Europe", {kOri, kDst}, {}, {}}};
  const int sanctions =
      add_instrument(scenario, "dst_sanctions", InstrumentType::sanctions, kDst, kTra);
  scenario.instruments[static_cast<std::size_t>(sanctions)].cost_to_user = 2e5;
  scenario.instruments[static_cast<std::size_t>(sanctions)].value_to_target = -5e5;
  const int idle = add_instrument(scenario, "idle", InstrumentType::sanctions, kDst, kTra);
  scenario.instruments[static_cast<std::size_t>(idle)].cost_to_user = 9e9;
  InstrumentSpec visas;
  visas.id = "eu_visas";
  visas.type = InstrumentType::visa_restriction;
  visas.user = Party{TargetKind::bloc, 0};
  visas.target = kTra;
  visas.cost_to_user = 8.1e5;
  visas.value_to_target = -1e5;
  scenario.instruments.push_back(visas);
  const int bloc_visas = scenario.instrument_count() - 1;
  check_scenario(scenario);

  const Network network(scenario);
  World world(scenario);
  DiplomacyPhase phase(scenario, network);
  const TickContext tick(scenario.settings, 0, kDaysPerMonth / 2);
  world.treasury.received(kDst) = 1e6;
  world.treasury.paid(kDst) = 3e5;
  world.politics.salience(kDst) = 1;
  world.flows.arrivals(0, kTraDst) = 1000;
  world.flows.entry_intercepted(0, kTraDst) = 200;
  world.flows.pushed_back(0, kTraDst) = 50;
  world.flows.exit_intercepted(0, kTraDst) = 300;
  world.population[MigrantStatus::hosted](0, kDst) = 2000;
  world.population[MigrantStatus::in_transit](0, kDst) = 1000;
  world.population[MigrantStatus::hosted](0, kTra) = 1000;
  world.population[MigrantStatus::legal](0, kDst) = 400;
  world.diplomacy.audience_costs(kDst) = 70000;
  world.diplomacy.in_force(sanctions) = 1;
  world.diplomacy.in_force(bloc_visas) = 1;

  phase.assess_utility(tick, inputs_of(world), world.treasury, world.diplomacy);
  EXPECT_NEAR(world.diplomacy.utility(kDst), -9065000, 1e-6);
  EXPECT_NEAR(world.diplomacy.utility(kTra), -410000, 1e-6);
  EXPECT_NEAR(world.diplomacy.utility(kOri), 5000, 1e-6);
}

}  // namespace
}  // namespace migdip::testing
