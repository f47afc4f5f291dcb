// The route-value solver (docs/model.md 7.6.4): the value W(n,s) of being in each state, a logsum
// over settling, the open onward corridors and going home, solved by Gauss-Seidel sweeps.
//
// What does not change within a tick is prepared once, before any nationality is solved: the
// settlement utilities, each corridor's crossing disutility and the list of open corridors by
// state. Each nationality then keeps its values and arrival values in a column of its own.

#include <algorithm>
#include <cmath>
#include <limits>

#include "phases/migration/migration_steps.h"

namespace migdip {
namespace {

constexpr double kValueTolerance = 1e-9;
constexpr int kMaxValueIterations = 1000;

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

// D_c, V(n,c) without the continuation value: what the crossing itself costs in utility, at the
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

// The value of arriving in s: lower by the chance of being transferred to its third country
// (the share of last tick's arrivals it transferred) times what the transfer would take away.
double arrival_value(const MigrationInputs& in, const MigrationScratch& scratch, double value,
                     int nationality, int state) {
  const double transfer = scratch.transfer_share(state);
  if (transfer <= 0) {
    return value;
  }
  const int third = in.scenario.states[static_cast<std::size_t>(state)].offshore_state;
  return value - transfer * std::max(0.0, value - scratch.settlement_utility(nationality, third));
}

// What every nationality's solve shares this tick: D_c of every corridor, and the open ones by
// state with where they lead and what they cost.
void prepare_corridors(const MigrationInputs& in, const CorridorConditions& corridors,
                       RouteValueWork& work) {
  for (int c = 0; c < in.scenario.corridor_count(); ++c) {
    work.crossing(c) = crossing_disutility(in, corridors, c);
  }
  std::size_t next = 0;
  for (int s = 0; s < in.scenario.state_count(); ++s) {
    work.open_start[static_cast<std::size_t>(s)] = static_cast<int>(next);
    for (const int c : in.network.outgoing(s)) {
      if (corridors.open(c) > 0) {
        work.open_corridor[next] = c;
        work.open_to[next] = in.network.corridor_to(c);
        work.open_crossing[next] = work.crossing(c);
        ++next;
      }
    }
  }
  work.open_start[static_cast<std::size_t>(in.scenario.state_count())] = static_cast<int>(next);
}

struct Settings {
  double beta;
  double delta;
  bool home_option;
  double home_bonus;
  bool nested;
  double nest_scale;
};

// Solves W(n, .) of one nationality; reads and writes only its own columns of the work and its
// own rows of route_value and corridor_value. Returns the sweeps it made.
int solve_nationality(const MigrationInputs& in, const Settings& settings, int n,
                      MigrationScratch& scratch, Eigen::ArrayXXd& route_value) {
  RouteValueWork& work = scratch.route_work;
  const int states = in.scenario.state_count();
  const double beta = settings.beta;
  const double delta = settings.delta;
  const double nest_scale = settings.nest_scale;
  auto value = work.value.col(n);
  auto arrival = work.arrival.col(n);
  auto onward = work.onward.col(n);
  for (int s = 0; s < states; ++s) {
    value(s) = route_value(n, s);
    arrival(s) = arrival_value(in, scratch, value(s), n, s);
  }
  const double home = settings.home_option ? home_utility(in, n) + settings.home_bonus
                                           : -std::numeric_limits<double>::infinity();
  // W(n,s) = (1/beta) log( [may stay] exp(beta U) + exp(beta I) + home_weight exp(beta U_home) )
  // with the corridors' nest I = (lambda/beta) log sum_open exp(beta V_c / lambda),
  // V_c = delta W~(to) - D_c, over the open corridors into a state that is not a dead end.
  // A contraction for delta < 1; Gauss-Seidel sweeps from last tick's values converge fast.
  int sweeps = 0;
  for (int iteration = 0; iteration < kMaxValueIterations; ++iteration) {
    ++sweeps;
    double change = 0;
    for (int s = 0; s < states; ++s) {
      const bool stay = may_stay(in, n, s);
      const int first = work.open_start[static_cast<std::size_t>(s)];
      const int last = work.open_start[static_cast<std::size_t>(s) + 1];
      int options = 0;
      double best_corridor = -std::numeric_limits<double>::infinity();
      for (int k = first; k < last; ++k) {
        const int to = work.open_to[static_cast<std::size_t>(k)];
        if (value(to) > kNoOption) {
          const double v = delta * arrival(to) - work.open_crossing[static_cast<std::size_t>(k)];
          onward(options++) = v;
          best_corridor = std::max(best_corridor, v);
        }
      }
      const double utility = scratch.settlement_utility(n, s);
      const double best = std::max(
          {home, stay ? utility : -std::numeric_limits<double>::infinity(), best_corridor});
      double updated = kNoOption;
      if (best > kNoOption) {
        double sum = stay ? std::exp(beta * (utility - best)) : 0.0;
        if (settings.home_option) {
          sum += std::exp(beta * (home - best));
        }
        if (!settings.nested) {
          for (int k = 0; k < options; ++k) {
            sum += std::exp(beta * (onward(k) - best));
          }
        } else if (best_corridor > kNoOption) {
          double inner = 0;
          for (int k = 0; k < options; ++k) {
            inner += std::exp(beta * (onward(k) - best_corridor) / nest_scale);
          }
          const double nest_value = best_corridor + nest_scale * std::log(inner) / beta;
          sum += std::exp(beta * (nest_value - best));
        }
        updated = best + std::log(sum) / beta;
      }
      change = std::max(change, std::fabs(updated - value(s)));
      value(s) = updated;
      arrival(s) = arrival_value(in, scratch, updated, n, s);
    }
    if (change < kValueTolerance) {
      break;
    }
  }
  for (int s = 0; s < states; ++s) {
    route_value(n, s) = value(s);
  }
  for (int c = 0; c < in.scenario.corridor_count(); ++c) {
    scratch.corridor_value(n, c) = delta * arrival(in.network.corridor_to(c)) - work.crossing(c);
  }
  return sweeps;
}

}  // namespace

int solve_route_values(const MigrationInputs& in, const CorridorConditions& corridors,
                       const Population& population, MigrationScratch& scratch,
                       Eigen::ArrayXXd& route_value) {
  const ModelParameters& model = in.scenario.model;
  compute_settlement_utility(in, population, scratch.settlement_utility);
  prepare_corridors(in, corridors, scratch.route_work);
  // Going home enters as an option worth U_home + ln(home_weight) / beta, when it is one.
  // The onward corridors as one nest of scale lambda (7.6.4); lambda = 1 is the plain logit,
  // computed as before so that its results do not change by a rounding.
  const bool home_option = model.home_weight > 0;
  const Settings settings{
      model.choice_sensitivity,
      model.continuation_discount,
      home_option,
      home_option ? std::log(model.home_weight) / model.choice_sensitivity : 0.0,
      model.route_substitution > 0,
      1.0 - model.route_substitution};
  int sweeps = 0;
  for (int n = 0; n < in.scenario.nationality_count(); ++n) {
    sweeps += solve_nationality(in, settings, n, scratch, route_value);
  }
  return sweeps;
}

}  // namespace migdip
