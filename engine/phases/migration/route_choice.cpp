#include "phases/migration/migration_steps.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace migdip {
namespace {

constexpr double kValueTolerance = 1e-9;
constexpr int kMaxValueIterations = 1000;

bool may_stay(const MigrationInputs& in, int nationality, int state) {
  return state != in.network.origin_of(nationality);
}

// A corridor is an option when it is open and its end offers somewhere to stay or go on.
bool leads_somewhere(const CorridorConditions& corridors, const Eigen::ArrayXXd& route_value,
                     int nationality, int corridor, const MigrationInputs& in) {
  return corridors.open(corridor) > 0 &&
         route_value(nationality, in.network.corridor_to(corridor)) > kNoOption;
}

// The value of arriving in s: lower by the chance of being transferred to its third country
// (the share of last tick's arrivals it transferred) times what the transfer would take away.
double arrival_value(const MigrationInputs& in, const MigrationScratch& scratch,
                     const Eigen::ArrayXXd& route_value, int nationality, int state) {
  const double value = route_value(nationality, state);
  const double transfer = scratch.transfer_share(state);
  if (transfer <= 0) {
    return value;
  }
  const int third = in.scenario.states[static_cast<std::size_t>(state)].offshore_state;
  return value - transfer * std::max(0.0, value - scratch.settlement_utility(nationality, third));
}

// U(n,s): income, protection, network, living conditions and work of settling in s.
void compute_settlement_utility(const MigrationInputs& in, const Population& population,
                                Eigen::ArrayXXd& utility) {
  const ModelParameters& model = in.scenario.model;
  // The chance of protection as migrants believe it (7.6.3a).
  const Eigen::ArrayXd& recognition = in.beliefs != nullptr
                                          ? in.beliefs->believed(Belief::recognition_rate)
                                          : in.policy.lever(Lever::recognition_rate);
  for (int n = 0; n < in.scenario.nationality_count(); ++n) {
    const StateSpec& origin = in.scenario.states[static_cast<std::size_t>(in.network.origin_of(n))];
    for (int s = 0; s < in.scenario.state_count(); ++s) {
      const StateSpec& state = in.scenario.states[static_cast<std::size_t>(s)];
      utility(n, s) =
          model.income_weight * std::log(state.income_per_head / origin.income_per_head) +
          model.protection_weight * recognition(s) * origin.protection_need +
          model.network_weight *
              std::log1p(people_present(population, n, s) / model.network_scale) +
          in.policy.lever(Lever::stay_utility)(s) -
          model.labour_demand_weight * (1.0 - in.policy.lever(Lever::labour_demand)(s));
    }
  }
}

// V(n,c) without the continuation value: what the crossing itself costs in utility, at the
// risk and interception migrants believe in (7.6.3a) and the price they are asked.
double crossing_disutility(const MigrationInputs& in, const CorridorConditions& corridors, int c) {
  const ModelParameters& model = in.scenario.model;
  const Beliefs* beliefs = in.beliefs;
  const double exit = beliefs != nullptr ? beliefs->believed(Belief::exit_interception)(c)
                                         : corridors.exit_interception(c);
  const double entry = beliefs != nullptr ? beliefs->believed(Belief::entry_interception)(c)
                                          : corridors.entry_interception(c);
  const double mortality =
      beliefs != nullptr ? beliefs->believed(Belief::mortality)(c) : corridors.mortality(c);
  const double caught = exit + (1.0 - exit) * (1.0 - mortality) * entry;
  const CorridorSpec& spec = in.scenario.corridors[static_cast<std::size_t>(c)];
  return model.cost_weight * corridors.effective_cost(c) / 1000.0 +
         model.time_weight * spec.travel_days / kDaysPerMonth + model.risk_weight * mortality +
         model.interception_weight * caught;
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

int solve_route_values(const MigrationInputs& in, const CorridorConditions& corridors,
                       const Population& population, MigrationScratch& scratch,
                       Eigen::ArrayXXd& route_value) {
  const ModelParameters& model = in.scenario.model;
  const double beta = model.choice_sensitivity;
  const double delta = model.continuation_discount;
  compute_settlement_utility(in, population, scratch.settlement_utility);

  Eigen::ArrayXXd& crossing = scratch.corridor_value;  // disutility now, value after solving
  for (int c = 0; c < in.scenario.corridor_count(); ++c) {
    crossing.col(c).setConstant(crossing_disutility(in, corridors, c));
  }

  // Going home enters as an option worth U_home + ln(home_weight) / beta, when it is one.
  const bool home_option = model.home_weight > 0;
  const double home_bonus = home_option ? std::log(model.home_weight) / beta : 0.0;
  // The onward corridors as one nest of scale lambda (7.6.4); lambda = 1 is the plain logit,
  // computed as before so that its results do not change by a rounding.
  const bool nested = model.route_substitution > 0;
  const double nest_scale = 1.0 - model.route_substitution;

  int sweeps = 0;
  for (int n = 0; n < in.scenario.nationality_count(); ++n) {
    const double home =
        home_option ? home_utility(in, n) + home_bonus : -std::numeric_limits<double>::infinity();
    // W(n,s) = (1/beta) log( [may stay] exp(beta U) + exp(beta I) + home_weight exp(beta U_home) )
    // with the corridors' nest I = (lambda/beta) log sum_open exp(beta V_c / lambda),
    // V_c = delta W(to) - cost.
    // A contraction for delta < 1; Gauss-Seidel sweeps from last tick's values converge fast.
    for (int iteration = 0; iteration < kMaxValueIterations; ++iteration) {
      ++sweeps;
      double change = 0;
      for (int s = 0; s < in.scenario.state_count(); ++s) {
        const bool stay = may_stay(in, n, s);
        const auto onward = [&](int c) {
          return delta * arrival_value(in, scratch, route_value, n, in.network.corridor_to(c)) -
                 crossing(n, c);
        };
        double best_corridor = -std::numeric_limits<double>::infinity();
        for (int c : in.network.outgoing(s)) {
          if (leads_somewhere(corridors, route_value, n, c, in)) {
            best_corridor = std::max(best_corridor, onward(c));
          }
        }
        const double best = std::max(
            {home,
             stay ? scratch.settlement_utility(n, s) : -std::numeric_limits<double>::infinity(),
             best_corridor});
        double value = kNoOption;
        if (best > kNoOption) {
          double sum = stay ? std::exp(beta * (scratch.settlement_utility(n, s) - best)) : 0.0;
          if (home_option) {
            sum += std::exp(beta * (home - best));
          }
          if (!nested) {
            for (int c : in.network.outgoing(s)) {
              if (leads_somewhere(corridors, route_value, n, c, in)) {
                sum += std::exp(beta * (onward(c) - best));
              }
            }
          } else if (best_corridor > kNoOption) {
            double inner = 0;
            for (int c : in.network.outgoing(s)) {
              if (leads_somewhere(corridors, route_value, n, c, in)) {
                inner += std::exp(beta * (onward(c) - best_corridor) / nest_scale);
              }
            }
            const double nest_value = best_corridor + nest_scale * std::log(inner) / beta;
            sum += std::exp(beta * (nest_value - best));
          }
          value = best + std::log(sum) / beta;
        }
        change = std::max(change, std::fabs(value - route_value(n, s)));
        route_value(n, s) = value;
      }
      if (change < kValueTolerance) {
        break;
      }
    }
    for (int c = 0; c < in.scenario.corridor_count(); ++c) {
      crossing(n, c) =
          delta * arrival_value(in, scratch, route_value, n, in.network.corridor_to(c)) -
          crossing(n, c);
    }
  }
  return sweeps;
}

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
