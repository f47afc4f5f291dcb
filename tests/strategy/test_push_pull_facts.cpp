// Stylised facts of push and pull that events can set (docs/model.md 7.6.7, 7.6.9a), each required
// in at least 18 of 20 stochastic runs (seeds 1-20) of the chain world.

#include <gtest/gtest.h>

#include <functional>
#include <vector>

#include "migdip/simulation/simulation.h"
#include "support/scenario_builder.h"
#include "support/seeds.h"

namespace migdip::testing {
namespace {

constexpr int kOri = 0;
constexpr int kTra = 1;
constexpr int kTraDst = 1;

struct Series {
  std::vector<double> departures;  ///< on TRA-DST
  std::vector<double> arrivals;    ///< on TRA-DST
  std::vector<double> gone_home;   ///< displaced migrant workers gone home from TRA
  std::vector<double> returned;    ///< ORI nationals in status returned, end of tick
};

Series run(Scenario scenario) {
  Simulation simulation(share(std::move(scenario)));
  Series series;
  while (!simulation.finished()) {
    simulation.step();
    const World& world = simulation.world();
    series.departures.push_back(world.flows.departures.col(kTraDst).sum());
    series.arrivals.push_back(world.flows.arrivals.col(kTraDst).sum());
    series.gone_home.push_back(world.flows.labour_returned(0, kTra));
    series.returned.push_back(world.population[MigrantStatus::returned](0, kOri));
  }
  return series;
}

double sum(const std::vector<double>& series, int first, int last) {
  double total = 0;
  for (int t = first; t <= last; ++t) {
    total += series[static_cast<std::size_t>(t)];
  }
  return total;
}

Scenario stochastic_chain(std::uint64_t seed) {
  Scenario scenario = chain_scenario();
  scenario.settings.mode = SimulationMode::stochastic;
  scenario.settings.seed = seed;
  return scenario;
}

// A transit state where 100,000 ORI nationals live and work; its labour market collapses to a
// tenth of normal demand at tick 12 (as Libya's in 2011), or never.
Scenario labour_market(std::uint64_t seed, bool collapse) {
  Scenario scenario = stochastic_chain(seed);
  scenario.states[kTra].lever(Lever::hosting_capacity) = 4e5;
  InitialStock workers;
  workers.nationality = 0;
  workers.location = kTra;
  workers.people[index_of(MigrantStatus::hosted)] = 1e5;
  scenario.initial_stocks.push_back(workers);
  if (collapse) {
    scenario.events.push_back(
        set_event("collapse", 12, TargetKind::state, kTra, Lever::labour_demand, 0.1));
  }
  return scenario;
}

// A labour collapse in a transit state raises departures from it, and sends migrant workers home
// within months: in the six months after it, departures on TRA-DST are at least half as large
// again as in the same run without the collapse, and more than 30,000 of the 100,000 workers
// are home within four months.
TEST(PushPullFacts, LabourCollapseRaisesDeparturesAndSendsWorkersHome) {
  const int held = seeds_where([](std::uint64_t seed) {
    const Series calm = run(labour_market(seed, false));
    const Series collapse = run(labour_market(seed, true));
    const double before_ratio = sum(collapse.departures, 0, 11) / sum(calm.departures, 0, 11);
    return before_ratio == 1.0 &&  // nothing differs before the event
           sum(collapse.departures, 12, 17) > 1.5 * sum(calm.departures, 12, 17) &&
           sum(collapse.gone_home, 12, 15) > 3e4 && sum(calm.gone_home, 0, 23) == 0 &&
           collapse.returned[15] - collapse.returned[11] > 3e4;
  });
  EXPECT_GE(held, kRequired);
}

// Seasonality makes summer sea arrivals exceed winter ones: over the second and third years,
// arrivals on the sea crossing TRA-DST in June-August are at least 1.5 times those of
// December-February, while on the same crossing without seasonality they are within 20%.
TEST(PushPullFacts, SummerSeaArrivalsExceedWinterOnes) {
  auto summer_over_winter = [](const Series& series) {
    double summer = 0, winter = 0;
    for (int t = 12; t < 36; ++t) {  // the run starts in January
      const int month = t % 12;
      summer += month >= 5 && month <= 7 ? series.arrivals[static_cast<std::size_t>(t)] : 0;
      winter += month == 11 || month <= 1 ? series.arrivals[static_cast<std::size_t>(t)] : 0;
    }
    return summer / winter;
  };
  const int held = seeds_where([&](std::uint64_t seed) {
    Scenario scenario = stochastic_chain(seed);
    scenario.settings.ticks = 36;
    scenario.corridors[kTraDst].mode = CorridorMode::sea;
    const double flat = summer_over_winter(run(scenario));
    scenario.model.sea_seasonality = {0.3, 0.3, 0.5, 0.7, 0.9, 1, 1, 1, 0.8, 0.6, 0.4, 0.3};
    const double seasonal = summer_over_winter(run(scenario));
    return seasonal > 1.5 && flat > 0.8 && flat < 1.2;
  });
  EXPECT_GE(held, kRequired);
}

}  // namespace
}  // namespace migdip::testing
