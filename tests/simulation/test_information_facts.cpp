// Stylised facts of information (docs/model.md 7.6.3a), each required in at least 18 of 20
// stochastic runs: an announced policy moves departures before it takes effect, and a rumour
// that a border is open draws people to it while the border stays as guarded as it was.

#include <gtest/gtest.h>

#include <numeric>
#include <vector>

#include "migdip/simulation/simulation.h"
#include "support/scenario_builder.h"
#include "support/seeds.h"

namespace migdip::testing {
namespace {

constexpr int kDst = 2;
constexpr int kOriTra = 0;  // the corridor out of the origin
constexpr int kTraDst = 1;  // the corridor into the destination
constexpr int kMonths = 36;
constexpr int kAnnounced = 12;  // announcement, or start of the rumour
constexpr int kInForce = 18;    // the announced change takes effect; the rumour ends

struct Trace {
  std::vector<double> departures_ori_tra;  ///< per month
  std::vector<double> departures_tra_dst;  ///< per month
  std::vector<double> entry_interception;  ///< on TRA-DST, the truth
};

// ORI -> TRA -> DST over three years, stochastic; would-be migrants may give up (going home),
// so that departures respond to what they expect of the routes.
Scenario three_years(std::uint64_t seed) {
  Scenario scenario = chain_scenario();
  scenario.settings.ticks = kMonths;
  scenario.settings.mode = SimulationMode::stochastic;
  scenario.settings.seed = seed;
  scenario.model.home_weight = 20;
  return scenario;
}

Trace run(Scenario scenario) {
  Simulation simulation(share(std::move(scenario)));
  Trace trace;
  while (!simulation.finished()) {
    simulation.step();
    const World& world = simulation.world();
    trace.departures_ori_tra.push_back(world.flows.departures.col(kOriTra).sum());
    trace.departures_tra_dst.push_back(world.flows.departures.col(kTraDst).sum());
    trace.entry_interception.push_back(world.corridors.entry_interception(kTraDst));
  }
  return trace;
}

double between(const std::vector<double>& series, int from, int to) {
  return std::accumulate(series.begin() + from, series.begin() + to, 0.0);
}

// TRA guards its border with ORI at 0.8 from kInForce: announced at kAnnounced, or not.
Scenario with_guarded_border(Scenario scenario, bool announced) {
  EventSpec guard = set_event("guard", announced ? kAnnounced : kInForce, TargetKind::corridor,
                              kOriTra, Lever::entry_enforcement, 0.8);
  if (announced) {
    guard.type = EventType::announcement;
    guard.effective_tick = kInForce;
  }
  scenario.events.push_back(guard);
  return scenario;
}

TEST(InformationFacts, AnAnnouncedPolicyMovesDeparturesBeforeItTakesEffect) {
  const int held = seeds_where([](std::uint64_t seed) {
    const Trace surprise = run(with_guarded_border(three_years(seed), false));
    const Trace announced = run(with_guarded_border(three_years(seed), true));
    const double before = between(surprise.departures_ori_tra, kAnnounced, kInForce);
    const double anticipated = between(announced.departures_ori_tra, kAnnounced, kInForce);
    // Fewer leave between the announcement and the change; and the change, once in force, is
    // the same in both runs.
    return anticipated < 0.8 * before &&
           announced.entry_interception[kMonths - 1] == surprise.entry_interception[kMonths - 1];
  });
  EXPECT_GE(held, kRequired);
}

TEST(InformationFacts, ARumourOfAnOpenBorderDrawsPeopleToItWhileItStaysGuarded) {
  const int held = seeds_where([](std::uint64_t seed) {
    Scenario guarded = three_years(seed);
    guarded.states[kDst].lever(Lever::entry_enforcement) = 0.8;
    Scenario rumoured = guarded;
    EventSpec rumour = set_event("open border", kAnnounced, TargetKind::corridor, kTraDst,
                                 Lever::entry_enforcement, 0.0);
    rumour.type = EventType::rumour;
    rumour.end_tick = kInForce;
    rumoured.events.push_back(rumour);
    const Trace without = run(std::move(guarded));
    const Trace with = run(std::move(rumoured));
    const double usual = between(without.departures_tra_dst, kAnnounced, kInForce);
    const double drawn = between(with.departures_tra_dst, kAnnounced, kInForce);
    return drawn > 2 * usual && with.entry_interception == without.entry_interception;
  });
  EXPECT_GE(held, kRequired);
}

}  // namespace
}  // namespace migdip::testing
