// An origin's exit control on a corridor into a transit state, bargained by a destination two
// hops away (docs/model.md 7.4, "Expected effects", [diplomacy] value_onward_moves). The flights
// land in a state that counts for nobody at the table; only the arrivals that would have moved on
// from there make the control worth anything to the destination. Deterministic (expected mode).

#include <gtest/gtest.h>

#include <optional>

#include "migdip/simulation/simulation.h"
#include "support/scenario_builder.h"
#include "support/strategic_scenario.h"

namespace migdip::testing {
namespace {

constexpr int kStart = 6;  // the table's first tick
constexpr int kTicks = 24;

// The chain world in expected mode. DST (arrival_cost 3000 EUR) asks ORI to stop 70% of the exits
// on ORI-TRA only (an exit control aimed at that corridor) and can pay it up to EUR 10 M a month;
// ORI counts EUR 300 per person it stops. TRA, the transit state between them, is not at the
// table. DST's table opens at tick 6, when people cross ORI-TRA and move on to DST.
Scenario onward_exit(bool onward) {
  Scenario scenario = chain_scenario();
  scenario.settings.ticks = kTicks;
  scenario.settings.mode = SimulationMode::expected;
  scenario.diplomacy.value_onward_moves = onward;
  scenario.states[kDst].preferences.arrival_cost = 3000;
  scenario.states[kOri].preferences.enforcement_cost = 300;
  const int exit = add_instrument(scenario, "ori_exit", InstrumentType::exit_enforcement, kOri);
  scenario.instruments[static_cast<std::size_t>(exit)].level = 0.7;
  scenario.instruments[static_cast<std::size_t>(exit)].corridors = {0};  // ORI-TRA
  const int pay = add_instrument(scenario, "dst_pays", InstrumentType::transfer, kDst, kOri);
  scenario.instruments[static_cast<std::size_t>(pay)].amount = 10e6;
  NegotiationSpec table;
  table.id = "dst_ori";
  table.demander = state_party(kDst);
  table.partner = state_party(kOri);
  table.asks = {exit};
  table.payment = pay;
  table.start_tick = kStart;
  table.duration_months = kTicks;
  scenario.negotiations.push_back(table);
  return scenario;
}

struct Outcome {
  std::optional<int> deal_tick;  // first tick a deal was signed
  double crossed = 0;            // arrivals on ORI-TRA from the table's start on
  double reached = 0;            // arrivals on TRA-DST from the table's start on
};

Outcome run(bool onward) {
  Simulation simulation(share(onward_exit(onward)));
  Outcome outcome;
  while (!simulation.finished()) {
    const int tick = simulation.world().tick;
    simulation.step();
    if (tick >= kStart) {
      outcome.crossed += simulation.world().flows.arrivals.col(0).sum();
      outcome.reached += simulation.world().flows.arrivals.col(1).sum();
    }
  }
  for (const NegotiationEntry& entry : simulation.world().diplomacy.log) {
    if (entry.action == NegotiationAction::accepted) {
      outcome.deal_tick = entry.tick;
      break;
    }
  }
  return outcome;
}

TEST(OnwardExitControl, ADestinationTwoHopsAwayBargainsForAnOriginsExitControl) {
  const Outcome off = run(false);
  const Outcome on = run(true);
  // Off: the control removes arrivals in TRA only, worth nothing to DST: no deal.
  EXPECT_FALSE(off.deal_tick.has_value());
  // On: the arrivals that would have moved on from TRA to DST count, and the deal is signed when
  // the table opens; the corridor carries fewer people, and fewer reach DST (about 13% fewer
  // over the 18 months: those stopped at ORI try again).
  ASSERT_TRUE(on.deal_tick.has_value());
  EXPECT_EQ(*on.deal_tick, kStart);
  EXPECT_LT(on.crossed, 0.95 * off.crossed) << on.crossed << " vs " << off.crossed;
  EXPECT_LT(on.reached, 0.95 * off.reached) << on.reached << " vs " << off.reached;
}

}  // namespace
}  // namespace migdip::testing
