#include "phases/migration/migration_steps.h"

#include <algorithm>
#include <tuple>

namespace migdip {
namespace {

// Where a person of nationality n removed from s can be sent, as shares of those the state
// tries to remove: shares[0] home (the origin's acceptance), shares[1 + k] the state of departure
// of the k-th corridor into s, under that corridor's readmission arrangement, for those the
// origin refuses. Returns their sum, the share of attempts that end in a removal.
double removal_shares(const MigrationInputs& in, const CorridorConditions& corridors, int n, int s,
                      std::span<double> shares) {
  const int origin = in.network.origin_of(n);
  const double acceptance = in.policy.lever(Lever::readmission_acceptance)(origin);
  const auto incoming = in.network.incoming(s);
  // The origin has already answered for itself: its own corridors readmit nobody here.
  double arrangements = 0;
  for (std::size_t k = 0; k < incoming.size(); ++k) {
    const int c = incoming[k];
    shares[k + 1] =
        in.network.corridor_from(c) == origin ? 0.0 : corridors.lever(Lever::readmission_rate)(c);
    arrangements += shares[k + 1];
  }
  const double scale = (1.0 - acceptance) / std::max(1.0, arrangements);
  shares[0] = acceptance;
  double returnable = acceptance;
  for (std::size_t k = 0; k < incoming.size(); ++k) {
    shares[k + 1] *= scale;
    returnable += shares[k + 1];
  }
  return returnable;
}

// Removes up to `capacity` people of s (refused claimants first, then people present
// irregularly), as far as somebody takes them. Returns the number removed.
double remove_from_state(const MigrationInputs& in, const CorridorConditions& corridors, int s,
                         double capacity, MigrationScratch& scratch, Population& population,
                         Flows& flows) {
  Eigen::ArrayXXd& rejected = population[MigrantStatus::rejected];
  Eigen::ArrayXXd& in_transit = population[MigrantStatus::in_transit];
  const auto incoming = in.network.incoming(s);
  const std::size_t options = incoming.size() + 1;
  const std::span<double> shares(scratch.probabilities.data(), options);
  const std::span<double> counts(scratch.counts.data(), options);

  // The returnable among each group: what the capacity is shared over.
  double refused_demand = 0;
  double irregular_demand = 0;
  for (int n = 0; n < in.scenario.nationality_count(); ++n) {
    if (in.network.origin_of(n) == s || (rejected(n, s) <= 0 && in_transit(n, s) <= 0)) {
      continue;
    }
    const double returnable = removal_shares(in, corridors, n, s, shares);
    refused_demand += rejected(n, s) * returnable;
    irregular_demand += in_transit(n, s) * returnable;
  }
  const double refused_share = refused_demand > 0 ? std::min(1.0, capacity / refused_demand) : 0;
  const double left = std::max(0.0, capacity - refused_demand);
  const double irregular_share = irregular_demand > 0 ? std::min(1.0, left / irregular_demand) : 0;
  if (refused_share <= 0 && irregular_share <= 0) {
    return 0;
  }

  double removed = 0;
  for (int n = 0; n < in.scenario.nationality_count(); ++n) {
    const int origin = in.network.origin_of(n);
    if (origin == s) {
      continue;
    }
    for (auto [stock, share, purpose] :
         {std::tuple{&rejected, refused_share, DrawPurpose::removal_of_refused},
          std::tuple{&in_transit, irregular_share, DrawPurpose::removal_of_irregular}}) {
      double& people = (*stock)(n, s);
      if (people <= 0 || share <= 0) {
        continue;
      }
      removal_shares(in, corridors, n, s, shares);
      for (double& option : shares) {
        option *= share;
      }
      in.tick.split(people, shares, counts, cohort_entity(in, n, s), purpose);
      people -= counts[0];
      population[MigrantStatus::returned](n, origin) += counts[0];
      flows.deported(n, s) += counts[0];
      removed += counts[0];
      for (std::size_t k = 0; k < incoming.size(); ++k) {
        const int c = incoming[k];
        people -= counts[k + 1];
        // Held by the state of departure and processed there next tick, as readmissions are.
        population[MigrantStatus::intercepted](n, in.network.corridor_from(c)) += counts[k + 1];
        flows.stock_readmitted(n, c) += counts[k + 1];
        removed += counts[k + 1];
      }
    }
  }
  return removed;
}

// Expels people present irregularly in s across the borders of the corridors into s that carry
// an expulsion capacity, into the pool of each corridor's state of departure. Returns the number
// expelled.
double expel_from_state(const MigrationInputs& in, const CorridorConditions& corridors, int s,
                        MigrationScratch& scratch, Population& population, Flows& flows) {
  Eigen::ArrayXXd& in_transit = population[MigrantStatus::in_transit];
  const auto incoming = in.network.incoming(s);
  const std::span<double> shares(scratch.probabilities.data(), incoming.size());
  const std::span<double> counts(scratch.counts.data(), incoming.size());

  double places = 0;
  for (std::size_t k = 0; k < incoming.size(); ++k) {
    shares[k] = corridors.lever(Lever::expulsion_capacity)(incoming[k]) * in.tick.months();
    places += shares[k];
  }
  if (places <= 0) {
    return 0;
  }
  double pool = 0;
  for (int n = 0; n < in.scenario.nationality_count(); ++n) {
    pool += in.network.origin_of(n) == s ? 0.0 : in_transit(n, s);
  }
  if (pool <= 0) {
    return 0;
  }
  // Each border takes its capacity's share of the pool; all of it at most.
  const double scale = 1.0 / std::max(pool, places);
  for (double& share : shares) {
    share *= scale;
  }

  double expelled = 0;
  for (int n = 0; n < in.scenario.nationality_count(); ++n) {
    if (in.network.origin_of(n) == s || in_transit(n, s) <= 0) {
      continue;
    }
    in.tick.split(in_transit(n, s), shares, counts, cohort_entity(in, n, s),
                  DrawPurpose::expulsion);
    for (std::size_t k = 0; k < incoming.size(); ++k) {
      const int c = incoming[k];
      in_transit(n, s) -= counts[k];
      // Like pushbacks: left at the border, they rejoin the neighbour's pool next tick.
      population[MigrantStatus::pushed_back](n, in.network.corridor_from(c)) += counts[k];
      flows.expelled(n, c) += counts[k];
      expelled += counts[k];
    }
  }
  return expelled;
}

}  // namespace

void remove_people_inside(const MigrationInputs& in, const CorridorConditions& corridors,
                          MigrationScratch& scratch, Population& population, Flows& flows,
                          Eigen::ArrayXd& removal_spending) {
  for (int s = 0; s < in.scenario.state_count(); ++s) {
    const double capacity = in.policy.lever(Lever::removal_capacity)(s) * in.tick.months();
    double moved = 0;
    if (capacity > 0) {
      moved += remove_from_state(in, corridors, s, capacity, scratch, population, flows);
    }
    moved += expel_from_state(in, corridors, s, scratch, population, flows);
    removal_spending(s) += in.policy.lever(Lever::removal_cost)(s) * moved;
  }
}

}  // namespace migdip
