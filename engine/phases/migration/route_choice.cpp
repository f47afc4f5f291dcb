#include "phases/migration/migration_steps.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace migdip {
namespace {

// A corridor is an option when it is open and its end offers somewhere to stay or go on.
bool leads_somewhere(const CorridorConditions& corridors, const Eigen::ArrayXXd& route_value,
                     int nationality, int corridor, const MigrationInputs& in) {
  return corridors.open(corridor) > 0 &&
         route_value(nationality, in.network.corridor_to(corridor)) > kNoOption;
}

// A surge mobilises the people of a state as strongly as the strongest facilitation on any
// border it has: the state's own while every border follows it (or it has none).
double mobilising_facilitation(const MigrationInputs& in, const CorridorConditions& corridors,
                               int state) {
  const double state_value = in.policy.lever(Lever::facilitation)(state);
  const auto outgoing = in.network.outgoing(state);
  if (outgoing.empty()) {
    return state_value;
  }
  double strongest = 0;
  for (const int c : outgoing) {
    strongest = std::max(strongest, corridors.border.in_force(Lever::facilitation, c, state_value));
  }
  return strongest;
}

// The worth of the nest of onward corridors from s, I = m + (lambda/beta) log sum_c
// exp(beta (V_c - m) / lambda) over the open corridors, m their best V_c; kNoOption if none.
double corridor_nest_value(const MigrationInputs& in, const CorridorConditions& corridors,
                           const Eigen::ArrayXXd& route_value, const MigrationScratch& scratch,
                           int nationality, int state, double beta, double nest_scale) {
  double best = -std::numeric_limits<double>::infinity();
  for (int c : in.network.outgoing(state)) {
    if (leads_somewhere(corridors, route_value, nationality, c, in)) {
      best = std::max(best, scratch.corridor_value(nationality, c));
    }
  }
  if (!(best > kNoOption)) {
    return kNoOption;
  }
  double inner = 0;
  for (int c : in.network.outgoing(state)) {
    if (leads_somewhere(corridors, route_value, nationality, c, in)) {
      inner += std::exp(beta * (scratch.corridor_value(nationality, c) - best) / nest_scale);
    }
  }
  return best + nest_scale * std::log(inner) / beta;
}

}  // namespace

void choose_moves(const MigrationInputs& in, const CorridorConditions& corridors,
                  const Population& population, const Eigen::ArrayXXd& route_value,
                  MigrationScratch& scratch) {
  const ModelParameters& model = in.scenario.model;
  const double beta = model.choice_sensitivity;
  scratch.leaving_from_transit.setZero();
  scratch.leaving_from_hosting.setZero();
  scratch.wanting_to_stay.setZero();

  scratch.going_home_from_transit.setZero();
  scratch.going_home_from_hosted.setZero();
  const bool home_option = model.home_weight > 0;
  const bool nested = model.route_substitution > 0;
  const double nest_scale = 1.0 - model.route_substitution;

  for (int n = 0; n < in.scenario.nationality_count(); ++n) {
    const double home = home_option ? home_utility(in, n) : 0.0;
    for (int s = 0; s < in.scenario.state_count(); ++s) {
      const double in_transit = population[MigrantStatus::in_transit](n, s);
      const double hosted = population[MigrantStatus::hosted](n, s);
      if (in_transit <= 0 && hosted <= 0) {
        continue;
      }
      // Option 0 is staying; then each corridor leaving s, closed ones with probability 0; then,
      // when it is an option, going home.
      const auto outgoing = in.network.outgoing(s);
      const std::size_t options = outgoing.size() + (home_option ? 2 : 1);
      const double value = route_value(n, s);
      scratch.probabilities[0] = may_stay(in, n, s) && value > kNoOption
                                     ? std::exp(beta * (scratch.settlement_utility(n, s) - value))
                                     : 0.0;
      // Nested: P(c) = P(nest) P(c | nest) = exp(beta (I - W)) exp(beta (V_c - I) / lambda).
      const double nest_value =
          nested ? corridor_nest_value(in, corridors, route_value, scratch, n, s, beta, nest_scale)
                 : 0.0;
      for (std::size_t k = 0; k < outgoing.size(); ++k) {
        const int c = outgoing[k];
        const double utility = scratch.corridor_value(n, c);
        const double exponent =
            nested ? beta * (nest_value - value) + beta * (utility - nest_value) / nest_scale
                   : beta * (utility - value);
        scratch.probabilities[k + 1] =
            leads_somewhere(corridors, route_value, n, c, in) && value > kNoOption
                ? std::exp(exponent)
                : 0.0;
      }
      if (home_option) {
        scratch.probabilities[options - 1] =
            value > kNoOption ? model.home_weight * std::exp(beta * (home - value)) : 0.0;
      }
      // Logit shares sum to 1 up to rounding; never let rounding move more people than exist.
      double total = 0;
      for (std::size_t k = 0; k < options; ++k) {
        total += scratch.probabilities[k];
      }
      if (total > 1.0) {
        for (std::size_t k = 0; k < options; ++k) {
          scratch.probabilities[k] /= total;
        }
      }
      const std::span<const double> shares(scratch.probabilities.data(), options);
      const std::span<double> counts(scratch.counts.data(), options);
      const double mobilisation =
          1.0 + model.surge_mobilisation * mobilising_facilitation(in, corridors, s);
      const std::uint32_t entity = cohort_entity(in, n, s);

      const double transit_movers = in.tick.draw(
          in_transit, in.tick.probability(model.transit_reconsider_rate * mobilisation), entity,
          DrawPurpose::departure);
      in.tick.split(transit_movers, shares, counts, entity, DrawPurpose::route_choice);
      scratch.wanting_to_stay(n, s) = counts[0];
      for (std::size_t k = 0; k < outgoing.size(); ++k) {
        scratch.leaving_from_transit(n, outgoing[k]) = counts[k + 1];
      }
      if (home_option) {
        scratch.going_home_from_transit(n, s) = counts[options - 1];
      }

      // Hosted people who reconsider and choose to stay simply remain hosted.
      const double hosted_movers =
          in.tick.draw(hosted, in.tick.probability(model.hosted_reconsider_rate * mobilisation),
                       entity, DrawPurpose::hosted_departure);
      in.tick.split(hosted_movers, shares, counts, entity, DrawPurpose::hosted_route_choice);
      for (std::size_t k = 0; k < outgoing.size(); ++k) {
        scratch.leaving_from_hosting(n, outgoing[k]) = counts[k + 1];
      }
      if (home_option) {
        scratch.going_home_from_hosted(n, s) = counts[options - 1];
      }
    }
  }
}

}  // namespace migdip
