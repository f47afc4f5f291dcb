// The strategic variant of the flagship: the EU-Türkiye deal of March 2016 emerges from
// bargaining at a table open from January 2015, timed by pressure
// (scenarios/eastern-mediterranean-2015-2017-strategic.ini, whose header explains why).

#include <gtest/gtest.h>

#include <string>

#include "migdip/io/scenario_file.h"
#include "migdip/simulation/simulation.h"

namespace migdip {
namespace {

struct StrategicRun {
  std::shared_ptr<const Scenario> scenario;
  std::vector<Deal> deals;
  std::vector<NegotiationEntry> log;
  double greek_arrivals_2016 = 0;
};

StrategicRun run_strategic_flagship() {
  StrategicRun run;
  run.scenario = load_scenario_file(std::string(MIGDIP_SOURCE_DIR) +
                                    "/scenarios/eastern-mediterranean-2015-2017-strategic.ini")
                     .scenario;
  Simulation simulation(run.scenario);
  const int aegean = *run.scenario->find_corridor("TUR-GRC");
  while (!simulation.finished()) {
    simulation.step();
    const int tick = simulation.world().tick - 1;
    if (tick >= 12 && tick < 24) {
      run.greek_arrivals_2016 += simulation.world().flows.arrivals.col(aegean).sum();
    }
  }
  run.deals = simulation.world().diplomacy.deals;
  run.log = simulation.world().diplomacy.log;
  return run;
}

TEST(StrategicFlagship, TheMarch2016DealEmergesFromBargaining) {
  const StrategicRun run = run_strategic_flagship();
  const Scenario& scenario = *run.scenario;
  const int march_2016 = 14;
  ASSERT_EQ(run.deals.size(), 1U);
  const Deal& deal = run.deals.front();
  EXPECT_EQ(deal.signed_tick, march_2016);
  EXPECT_EQ(deal.status, DealStatus::active);

  // Coast guard and readmission, but neither 1:1 resettlement (EUR 3 M a month to the EU, worth
  // EUR 0.24 M to Türkiye) nor visa liberalisation (agenda order: asks, offers).
  const NegotiationSpec& table = scenario.negotiations.front();
  auto in_deal = [&](const std::string& id) {
    const int instrument = *scenario.find_instrument(id);
    for (std::size_t k = 0; k < table.asks.size() + table.offers.size(); ++k) {
      const int item = k < table.asks.size() ? table.asks[k] : table.offers[k - table.asks.size()];
      if (item == instrument) {
        return ((deal.items >> k) & 1U) != 0;
      }
    }
    return false;
  };
  EXPECT_TRUE(in_deal("tur_coastguard"));
  EXPECT_TRUE(in_deal("tur_readmission"));
  EXPECT_FALSE(in_deal("eu_one_for_one"));
  EXPECT_FALSE(in_deal("eu_visa_liberalisation"));
  EXPECT_GT(deal.payment_per_month, 0);
  EXPECT_LE(deal.payment_per_month, 300e6);

  // The log shows how: the table is open from the first tick and fails there; nothing is signed
  // for 14 months, and the deal is proposed and accepted in the month of the Balkan closure. No
  // threat is announced (a known miss, stated in the scenario's header).
  bool failed_at_start = false;
  bool accepted = false;
  bool threatened = false;
  for (const NegotiationEntry& entry : run.log) {
    failed_at_start |= entry.action == NegotiationAction::no_agreement && entry.tick == 0;
    accepted |= entry.action == NegotiationAction::accepted && entry.tick == march_2016;
    threatened |= entry.action == NegotiationAction::threat_announced;
  }
  EXPECT_TRUE(failed_at_start);
  EXPECT_TRUE(accepted);
  EXPECT_FALSE(threatened);

  // And the bargained deal cuts the crossings as the scripted Statement does: UNHCR counted
  // 173,450 sea arrivals in Greece in 2016.
  EXPECT_GT(run.greek_arrivals_2016, 173450 / 1.5);
  EXPECT_LT(run.greek_arrivals_2016, 173450 * 1.5);
}

}  // namespace
}  // namespace migdip
