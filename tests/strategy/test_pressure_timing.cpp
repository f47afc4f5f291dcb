// What drives the timing of a deal (docs/model.md 7.3-7.4, issue 14 properties (b) and (c)):
// with pressure on, a destination weighs the costs of arrivals by the salience they have built,
// so a table open from the start signs when that pressure has built, not when it opens. In the
// chain world the origin's push surges at a chosen month; delaying the surge delays the deal by
// as much, and a surge half as large brings no deal or a much later one. With pressure off, the
// same table signs in its first month whatever the flows: the linear valuation has the same
// sign at any scale of flows.

#include <gtest/gtest.h>

#include <optional>

#include "migdip/simulation/simulation.h"
#include "support/strategic_scenario.h"

namespace migdip::testing {
namespace {

// The chain world over 48 months in expected mode. ORI (2 M people) sends 0.1% a month at push 0,
// and its push jumps to `surge_push` at `surge_tick` for good (push 4: five times the flow). DST
// (10 M residents) prices an arrival at EUR 1,000 and can pay TRA (hosting EUR 40 a month,
// interception EUR 300) up to EUR 40 M a month to raise its exit enforcement to 0.5. The table is
// open from the first month. DST's pressure_salience is `pressure_salience` (0: off).
Scenario surge_scenario(int surge_tick, double surge_push, double pressure_salience) {
  Scenario scenario = chain_scenario();
  scenario.settings.ticks = 48;
  scenario.settings.mode = SimulationMode::expected;
  scenario.states[kOri].population = 2e6;
  scenario.states[kOri].emigration_rate = 0.001;
  scenario.states[kOri].lever(Lever::push_intensity) = 0;
  scenario.states[kTra].lever(Lever::hosting_capacity) = 1e6;
  scenario.states[kDst].population = 1e7;
  scenario.states[kDst].preferences.arrival_cost = 1000;
  scenario.states[kDst].preferences.salience_weight = 0;
  scenario.states[kDst].politics.pressure_salience = pressure_salience;
  scenario.states[kTra].preferences.hosting_cost = 40;
  scenario.states[kTra].preferences.enforcement_cost = 300;
  scenario.events.push_back(
      set_event("surge", surge_tick, TargetKind::state, kOri, Lever::push_intensity, surge_push));

  const int enforce =
      add_instrument(scenario, "tra_coastguard", InstrumentType::exit_enforcement, kTra);
  scenario.instruments[static_cast<std::size_t>(enforce)].level = 0.5;
  const int pay = add_instrument(scenario, "dst_pays", InstrumentType::transfer, kDst, kTra);
  scenario.instruments[static_cast<std::size_t>(pay)].amount = 40e6;
  NegotiationSpec table;
  table.id = "dst_tra";
  table.demander = state_party(kDst);
  table.partner = {TargetKind::state, kTra};
  table.asks = {enforce};
  table.payment = pay;
  table.start_tick = 0;
  table.duration_months = 48;
  scenario.negotiations.push_back(table);
  return scenario;
}

// The tick the first deal is signed, if any.
std::optional<int> first_deal(Scenario scenario) {
  Simulation simulation(share(std::move(scenario)));
  while (!simulation.finished()) {
    simulation.step();
  }
  const Diplomacy& diplomacy = simulation.world().diplomacy;
  if (diplomacy.deals.empty()) {
    return std::nullopt;
  }
  return diplomacy.deals.front().signed_tick;
}

// Salience at which migration is half of DST's agenda. The surge takes DST's arrivals from
// ~1,000 to ~5,000 a month (10 to 50 per 100k), whose salience settles near 0.1 x 50 /
// (1 - exp(-30.4 / 180)) = 32; the deal pays DST once theta = S / (S + 25) exceeds what TRA's
// cost of stopping a person (EUR 300 + 40 x 6 months) is of DST's EUR 1,000 an arrival, about
// 0.55, that is S above ~30: months into the surge, and never at the baseline's S ~ 6.
constexpr double kPressureSalience = 25;
constexpr int kSurgeTick = 6;

TEST(PressureTiming, WithoutPressureTheTableSignsInItsFirstMonthsWhateverTheFlows) {
  const auto early = first_deal(surge_scenario(kSurgeTick, 4, 0));
  const auto late = first_deal(surge_scenario(kSurgeTick + 6, 4, 0));
  ASSERT_TRUE(early && late);
  EXPECT_LE(*early, 2);
  EXPECT_EQ(*early, *late);
}

TEST(PressureTiming, DelayingTheSurgeByKMonthsDelaysTheDealByKPlusOrMinusOne) {
  const auto base = first_deal(surge_scenario(kSurgeTick, 4, kPressureSalience));
  ASSERT_TRUE(base);
  EXPECT_GT(*base, kSurgeTick) << "the deal comes after the surge, not when the table opens";
  for (int k : {3, 6, 12}) {
    const auto delayed = first_deal(surge_scenario(kSurgeTick + k, 4, kPressureSalience));
    ASSERT_TRUE(delayed) << "k = " << k;
    EXPECT_NEAR(*delayed - *base, k, 1) << "k = " << k;
  }
}

TEST(PressureTiming, AHalvedSurgeBringsNoDealOrOneAtLeastSixMonthsLater) {
  const auto full = first_deal(surge_scenario(kSurgeTick, 4, kPressureSalience));
  const auto halved = first_deal(surge_scenario(kSurgeTick, 2, kPressureSalience));
  ASSERT_TRUE(full);
  if (halved) {
    EXPECT_GE(*halved - *full, 6);
  }
  // And with a lower pressure threshold too (the deal comes earlier for both).
  const auto full_low = first_deal(surge_scenario(kSurgeTick, 4, 0.8 * kPressureSalience));
  const auto halved_low = first_deal(surge_scenario(kSurgeTick, 2, 0.8 * kPressureSalience));
  ASSERT_TRUE(full_low);
  if (halved_low) {
    EXPECT_GE(*halved_low - *full_low, 6);
  }
}

// Elections: DST votes every 12 months from month 12. Its approval, 0.5 at zero pressure, falls to
// 0.5 (1 - theta); below 0.3 (theta above 0.4) its government falls. The deal is signed once
// theta is about 0.55, so the next election brings the government down: the deal is voided as
// after a coup, and the successor (twice the price of an arrival) signs again once the table's
// cooldown has passed.
TEST(PressureTiming, AGovernmentThatFallsAtAnElectionTakesItsDealWithIt) {
  Scenario scenario = surge_scenario(kSurgeTick, 4, kPressureSalience);
  scenario.states[kDst].conduct.election_tick = 12;
  scenario.states[kDst].politics.election_cycle_months = 12;
  scenario.states[kDst].politics.fall_below_approval = 0.3;
  scenario.states[kDst].politics.successor_arrival_cost = 2;
  Simulation simulation(share(std::move(scenario)));
  while (!simulation.finished()) {
    simulation.step();
  }
  const World& world = simulation.world();
  ASSERT_GE(world.diplomacy.deals.size(), 2u);
  const Deal& first = world.diplomacy.deals[0];
  EXPECT_EQ(first.status, DealStatus::voided);
  EXPECT_EQ(first.closed_tick % 12, 0) << "voided at an election";
  EXPECT_GE(world.policy.government(kDst), 1);
  EXPECT_GE(world.politics.arrival_cost_factor(kDst), 2.0);
  EXPECT_GT(world.diplomacy.deals[1].signed_tick, first.closed_tick);
}

}  // namespace
}  // namespace migdip::testing
