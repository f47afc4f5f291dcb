#include "phases/migration/migration_steps.h"

#include <algorithm>
#include <cmath>

namespace migdip {

void settle(const MigrationInputs& in, MigrationScratch& scratch, Population& population,
            Flows& flows) {
  Eigen::ArrayXXd& in_transit = population[MigrantStatus::in_transit];
  Eigen::ArrayXXd& hosted = population[MigrantStatus::hosted];
  Eigen::ArrayXXd& arrived = population[MigrantStatus::arrived];

  for (int s = 0; s < in.scenario.state_count(); ++s) {
    const auto staying = scratch.wanting_to_stay.col(s);
    if (in.network.is_destination(s)) {
      // Staying in a destination means lodging an asylum claim there.
      in_transit.col(s) -= staying;
      arrived.col(s) += staying;
      flows.settled.col(s) += staying;
      continue;
    }
    // Elsewhere staying means hosting, while there is room; the rest wait in the pool. Room is
    // shared out in proportion to demand so that no nationality goes first.
    const double demand = staying.sum();
    if (demand <= 0) {
      continue;
    }
    const double room =
        std::max(0.0, in.policy.lever(Lever::hosting_capacity)(s) - hosted.col(s).sum());
    const double admitted_share = std::min(1.0, room / demand);
    for (int n = 0; n < in.scenario.nationality_count(); ++n) {
      const double admitted = in.tick.draw(staying(n), admitted_share, cohort_entity(in, n, s),
                                           DrawPurpose::settlement);
      in_transit(n, s) -= admitted;
      hosted(n, s) += admitted;
      flows.settled(n, s) += admitted;
    }
  }
}

void depart(const MigrationInputs& in, CorridorConditions& corridors, MigrationScratch& scratch,
            Population& population, Flows& flows) {
  Eigen::ArrayXXd& in_transit = population[MigrantStatus::in_transit];
  Eigen::ArrayXXd& hosted = population[MigrantStatus::hosted];
  Eigen::ArrayXXd& intercepted = population[MigrantStatus::intercepted];

  for (int c = 0; c < in.scenario.corridor_count(); ++c) {
    const int from = in.network.corridor_from(c);
    const int slot = (in.tick.tick() + in.network.delay_ticks(c)) % population.travel_slots();
    Eigen::ArrayXXd& travelling = population.travelling[static_cast<std::size_t>(slot)];

    // Smugglers, boats and border posts move only so many people a month.
    const double wanting =
        scratch.leaving_from_transit.col(c).sum() + scratch.leaving_from_hosting.col(c).sum();
    const double limit = corridors.lever(Lever::capacity)(c) * in.tick.months();
    // The smuggling market's demand: those who chose the corridor, per month, with a memory of
    // about a month whatever the tick length.
    const double memory = std::exp(-in.tick.months());
    corridors.recent_demand(c) =
        memory * corridors.recent_demand(c) + (1.0 - memory) * wanting / in.tick.months();
    double kept_share = wanting > limit ? limit / wanting : 1.0;
    // Weather and sea state: fewer boats leave in winter. Those held back stay where they are.
    if (in.scenario.corridors[static_cast<std::size_t>(c)].mode == CorridorMode::sea) {
      kept_share = std::min(
          1.0,
          kept_share *
              in.scenario.model.sea_seasonality[static_cast<std::size_t>(in.tick.month_of_year())]);
    }

    for (int n = 0; n < in.scenario.nationality_count(); ++n) {
      const std::uint32_t entity = crossing_entity(in, n, c);
      const double from_transit = in.tick.draw(scratch.leaving_from_transit(n, c), kept_share,
                                               entity, DrawPurpose::corridor_capacity);
      const double from_hosting = in.tick.draw(scratch.leaving_from_hosting(n, c), kept_share,
                                               entity, DrawPurpose::hosted_corridor_capacity);
      in_transit(n, from) -= from_transit;
      hosted(n, from) -= from_hosting;
      const double leaving = from_transit + from_hosting;
      flows.departures(n, c) += leaving;

      const double stopped = in.tick.draw(leaving, corridors.exit_interception(c), entity,
                                          DrawPurpose::exit_interception);
      intercepted(n, from) += stopped;
      flows.exit_intercepted(n, c) += stopped;
      travelling(n, c) += leaving - stopped;
    }
  }
}

}  // namespace migdip
