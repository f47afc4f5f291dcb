// Stylised facts of going home (docs/model.md 7.6.15), each required in at least 18 of 20
// stochastic runs: deterrence that lasts lowers departures, and people stranded in transit do
// not pile up without bound.

#include <gtest/gtest.h>

#include <numeric>
#include <vector>

#include "migdip/simulation/simulation.h"
#include "support/scenario_builder.h"
#include "support/seeds.h"

namespace migdip::testing {
namespace {

constexpr int kOri = 0;
constexpr int kTra = 1;
constexpr int kDst = 2;
constexpr int kOriTra = 0;  // the corridor out of the origin
constexpr int kMonths = 60;
constexpr int kPolicyStart = 12;

struct Trace {
  std::vector<double> got_out;          ///< arrivals in TRA from ORI, per month
  std::vector<double> stranded_in_tra;  ///< people in transit in TRA at the end of each month
};

// ORI -> TRA -> DST over five years, stochastic; with people who may give up or not.
Scenario five_years(std::uint64_t seed, bool may_give_up) {
  Scenario scenario = chain_scenario();
  scenario.settings.ticks = kMonths;
  scenario.settings.mode = SimulationMode::stochastic;
  scenario.settings.seed = seed;
  if (may_give_up) {
    scenario.model.home_weight = 20;
  }
  return scenario;
}

Trace run(Scenario scenario) {
  Simulation simulation(share(std::move(scenario)));
  Trace trace;
  while (!simulation.finished()) {
    simulation.step();
    const World& world = simulation.world();
    trace.got_out.push_back(world.flows.arrivals.col(kOriTra).sum());
    trace.stranded_in_tra.push_back(world.population[MigrantStatus::in_transit].col(kTra).sum());
  }
  return trace;
}

double total(const std::vector<double>& series) {
  return std::accumulate(series.begin(), series.end(), 0.0);
}

// ORI guards its exit from kPolicyStart; until `end_tick` (exclusive), when given.
Scenario with_exit_crackdown(Scenario scenario, int end_tick = -1) {
  scenario.events.push_back(
      set_event("crackdown", kPolicyStart, TargetKind::state, kOri, Lever::exit_enforcement, 0.8));
  if (end_tick >= 0) {
    scenario.events.push_back(
        set_event("relent", end_tick, TargetKind::state, kOri, Lever::exit_enforcement, 0.0));
  }
  return scenario;
}

TEST(GoingHomeFacts, LastingDeterrenceLowersFiveYearDepartures) {
  const int held = seeds_where([](std::uint64_t seed) {
    const double base = total(run(five_years(seed, true)).got_out);
    const double deterred = total(run(with_exit_crackdown(five_years(seed, true))).got_out);
    const double base_stuck = total(run(five_years(seed, false)).got_out);
    const double deterred_stuck = total(run(with_exit_crackdown(five_years(seed, false))).got_out);
    // Fewer get out over five years, and more so than when nobody can give up.
    return deterred < 0.8 * base && deterred / base < deterred_stuck / base_stuck - 0.05;
  });
  EXPECT_GE(held, kRequired);
}

TEST(GoingHomeFacts, TransitPoolsStayBounded) {
  // DST seals its border and turns everyone back; TRA's camps are full from the start.
  auto stranded = [](std::uint64_t seed, bool may_give_up) {
    Scenario scenario = five_years(seed, may_give_up);
    scenario.states[kTra].lever(Lever::hosting_capacity) = 1e4;
    scenario.states[kDst].lever(Lever::entry_enforcement) = 0.95;
    scenario.states[kDst].lever(Lever::pushback_rate) = 1.0;
    return run(std::move(scenario)).stranded_in_tra;
  };
  const int held = seeds_where([&](std::uint64_t seed) {
    const std::vector<double> giving_up = stranded(seed, true);
    const std::vector<double> staying = stranded(seed, false);
    // Growth over the last year, against growth over the first: a pool that levels off.
    const double early = giving_up[11] - giving_up[0];
    const double late = giving_up[kMonths - 1] - giving_up[kMonths - 13];
    const double early_stuck = staying[11] - staying[0];
    const double late_stuck = staying[kMonths - 1] - staying[kMonths - 13];
    return late < 0.2 * early && late_stuck > 0.5 * early_stuck;
  });
  EXPECT_GE(held, kRequired);
}

}  // namespace
}  // namespace migdip::testing
