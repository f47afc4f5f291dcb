// Blocs at the table over whole runs (docs/model.md 7.4, "Blocs at the table"; 7.5.3), in
// expected mode on the externalisation world of strategic_scenario.h: DST pays TRA to raise its
// exit enforcement, and TRA may threaten to open the gates.

#include <gtest/gtest.h>

#include <vector>

#include "migdip/simulation/simulation.h"
#include "support/strategic_scenario.h"

namespace migdip::testing {
namespace {

constexpr int kTraDst = 1;

Scenario expected_externalisation() {
  Scenario scenario = externalisation_scenario();
  scenario.settings.mode = SimulationMode::expected;
  return scenario;
}

struct Outcome {
  std::vector<double> crossings;  ///< arrivals on TRA-DST per tick
  std::vector<Eigen::ArrayXd> paid;
  std::vector<Deal> deals;
};

Outcome run(Scenario scenario) {
  Simulation simulation(share(std::move(scenario)));
  Outcome result;
  while (!simulation.finished()) {
    simulation.step();
    result.crossings.push_back(simulation.world().flows.arrivals.col(kTraDst).sum());
    result.paid.push_back(simulation.world().treasury.paid);
  }
  result.deals = simulation.world().diplomacy.deals;
  return result;
}

// The table of the bloc EU = {DST} with the bloc TB = {TRA}, each bloc bargaining as its member
// does, asks TB for its member TRA's coast guard, and TRA's open gates are TB's threat: the
// blocs sign the deals the states sign, at the same prices, and the flows are the same.
TEST(BlocFacts, BlocsOfOneStateBargainAsTheStatesTheyHold) {
  const Scenario states = expected_externalisation();
  Scenario blocs = states;
  blocs.blocs = {BlocSpec{"EU", "EU", {kDst}, states.states[kDst].conduct},
                 BlocSpec{"TB", "TB", {kTra}, states.states[kTra].conduct}};
  blocs.negotiations[0].demander = Party{TargetKind::bloc, 0};
  blocs.negotiations[0].partner = Party{TargetKind::bloc, 1};
  instrument(blocs, "dst_pays").user = Party{TargetKind::bloc, 0};
  const Outcome by_states = run(states);
  const Outcome by_blocs = run(blocs);
  ASSERT_FALSE(by_states.deals.empty());
  ASSERT_EQ(by_blocs.deals.size(), by_states.deals.size());
  for (std::size_t d = 0; d < by_states.deals.size(); ++d) {
    EXPECT_EQ(by_blocs.deals[d].signed_tick, by_states.deals[d].signed_tick);
    EXPECT_EQ(by_blocs.deals[d].items, by_states.deals[d].items);
    EXPECT_NEAR(by_blocs.deals[d].payment_per_month, by_states.deals[d].payment_per_month,
                1e-6 * by_states.deals[d].payment_per_month);
  }
  for (std::size_t t = 0; t < by_states.crossings.size(); ++t) {
    EXPECT_NEAR(by_blocs.crossings[t], by_states.crossings[t], 1e-6) << "tick " << t;
  }
}

// The demander is the bloc EU = {ORI, DST}; ORI wants nothing at the table, so the deals are
// DST's. What the bloc pays falls on its members by its key: by population ORI carries
// 1e6 / 8.1e7 of every payment, by GDP 2e9 / 3.202e12. The key moves the payments between the
// members and leaves the bargain alone.
TEST(BlocFacts, BurdenSharesByGdpMovePaymentsBetweenMembers) {
  Scenario scenario = expected_externalisation();
  scenario.blocs = {BlocSpec{"EU", "EU", {kOri, kDst}, scenario.states[kDst].conduct}};
  scenario.negotiations[0].demander = Party{TargetKind::bloc, 0};
  instrument(scenario, "dst_pays").user = Party{TargetKind::bloc, 0};
  const Outcome by_population = run(scenario);
  scenario.blocs[0].burden_sharing = BurdenSharing::gdp;
  const Outcome by_gdp = run(scenario);
  ASSERT_FALSE(by_population.deals.empty());
  double total = 0;
  double ori_population = 0;
  double ori_gdp = 0;
  double total_gdp = 0;
  for (std::size_t t = 0; t < by_population.paid.size(); ++t) {
    total += by_population.paid[t].sum();
    ori_population += by_population.paid[t](kOri);
    ori_gdp += by_gdp.paid[t](kOri);
    total_gdp += by_gdp.paid[t].sum();
  }
  ASSERT_GT(total, 0);
  EXPECT_NEAR(total_gdp, total, 1e-6 * total);
  EXPECT_NEAR(ori_population, total * 1e6 / 8.1e7, 1e-6 * total);
  EXPECT_NEAR(ori_gdp, total * 2e9 / 3.202e12, 1e-6 * total);
  EXPECT_LT(ori_gdp, 0.1 * ori_population);
}

// A second table, the bloc EU = {DST} with TRA, asks for the same coast guard with money of its
// own and lists the same open-gates threat. Over the run no two deals ever hold the coast guard
// at once, and whenever a deal holds it, it is in force and held by that deal's table.
TEST(BlocFacts, AnInstrumentSharedByTwoTablesIsInOneStateAllRun) {
  Scenario scenario = expected_externalisation();
  scenario.blocs = {BlocSpec{"EU", "EU", {kDst}, scenario.states[kDst].conduct}};
  const int eu_pays = add_instrument(scenario, "eu_pays", InstrumentType::transfer, kDst, kTra);
  scenario.instruments[static_cast<std::size_t>(eu_pays)].user = Party{TargetKind::bloc, 0};
  scenario.instruments[static_cast<std::size_t>(eu_pays)].amount = 40e6;
  NegotiationSpec second = scenario.negotiations[0];
  second.id = "eu_tra";
  second.demander = Party{TargetKind::bloc, 0};
  second.payment = eu_pays;
  scenario.negotiations.push_back(second);
  const int coastguard = *scenario.find_instrument("tra_coastguard");
  Simulation simulation(share(scenario));
  int ticks_held = 0;
  while (!simulation.finished()) {
    simulation.step();
    const Diplomacy& diplomacy = simulation.world().diplomacy;
    int holding = 0;
    for (int n = 0; n < 2; ++n) {
      const int d = diplomacy.active_deal(n);
      if (d < 0) {
        continue;
      }
      const Deal& deal = diplomacy.deals[static_cast<std::size_t>(d)];
      if ((deal.items & 1U) != 0 && deal.implemented) {
        ++holding;
        EXPECT_EQ(diplomacy.in_force(coastguard), 1) << "tick " << simulation.world().tick;
        EXPECT_EQ(diplomacy.holder(coastguard), n) << "tick " << simulation.world().tick;
      }
    }
    EXPECT_LE(holding, 1) << "tick " << simulation.world().tick;
    ticks_held += holding;
  }
  EXPECT_GT(ticks_held, 0);
  EXPECT_GT(simulation.world().diplomacy.evaluations(1), 0);
}

}  // namespace
}  // namespace migdip::testing
