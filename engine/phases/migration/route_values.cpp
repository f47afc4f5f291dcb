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

// The values serve the choice probabilities P = exp(beta (x - W(n,s))), x the option's value (U,
// V_c = delta W~(to) - D_c, or going home). Moving every W by at most e moves each log P by at most
// beta (1 + delta) e. A component's sweeps stop when its last sweep moved no choice probability by
// more than a relative `route_value_tolerance`: beta (1 + delta) max |W_new - W_old| < it.
// Its default, 1.9e-9, is the old rule (max |W_new - W_old| < 1e-9) at the default beta = 1, delta
// = 0.9. The sweeps' own truncation error is of that size in the outputs: stopping at 1e-8 instead
// moved outputs of a 200-state world by up to 2e-8 relative (benchmarks/README.md), beyond what a
// change of solver may move them (1e-9).
constexpr int kMaxValueIterations = 1000;
// Within a tick the sweeps of a large component settle geometrically, at a rate fixed by one
// slow mode: every sweep moves the values along the same direction, by a step a constant
// factor rho smaller than the last (about 0.81 a sweep in the 200 x 5,000 world, where a value
// moved by 1e-5 needed 60 sweeps to settle below 1e-9). Once rho has held for two sweeps, the
// remaining geometric series is summed at once (Aitken's extrapolation: W + rho / (1 - rho) x
// the last step) and the sweeps go on from there. The stopping rule is unchanged, so the values
// meet the same tolerance; extrapolation only shortens the way there. rho must agree between
// the two sweeps to within this share, and be below the largest rate, beyond which the sum would
// amplify the estimate's error more than it saves.
constexpr double kSteadyRateAgreement = 0.02;
constexpr double kLargestExtrapolatedRate = 0.98;
// Sweeps of a component before its rate is trusted: the first carry the tick's new conditions.
constexpr int kSweepsBeforeExtrapolation = 3;
// Below this a sum of factors may have lost terms to underflow: the logsum is then computed term
// by term (each factor is at most about 1, so a term lost is below 1e-308).
constexpr double kSmallestFactorSum = 1e-250;

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
void prepare_corridors(const MigrationInputs& in, const CorridorConditions& corridors, double beta,
                       double nest_scale, RouteValueWork& work) {
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
  // G_c = exp(-beta (D_c - g) / lambda), g the cheapest open corridor out of the same state.
  const double scale = beta / nest_scale;
  for (int s = 0; s < in.scenario.state_count(); ++s) {
    const auto first = static_cast<std::size_t>(work.open_start[static_cast<std::size_t>(s)]);
    const auto last = static_cast<std::size_t>(work.open_start[static_cast<std::size_t>(s) + 1]);
    double floor = 0;
    if (first < last) {
      floor = *std::min_element(work.open_crossing.begin() + static_cast<std::ptrdiff_t>(first),
                                work.open_crossing.begin() + static_cast<std::ptrdiff_t>(last));
    }
    work.open_floor[static_cast<std::size_t>(s)] = floor;
    for (std::size_t k = first; k < last; ++k) {
      work.open_factor[k] = std::exp(-scale * (work.open_crossing[k] - floor));
    }
  }
}

// The strongly connected components of the graph of open corridors (Tarjan 1972), each emitted
// once every component it leads to has been: solving them in that order, a state from which no
// corridor leads back is valued once, exactly, from values already final.
void order_components(int states, RouteValueWork& work) {
  const auto at = [](int i) { return static_cast<std::size_t>(i); };
  std::fill(work.visit_index.begin(), work.visit_index.end(), -1);
  std::fill(work.on_visit_stack.begin(), work.on_visit_stack.end(), char{0});
  int counter = 0;
  int stack_size = 0;
  int written = 0;
  work.component_count = 0;
  const auto enter = [&](int state, int depth) {
    work.visit_index[at(state)] = work.visit_low[at(state)] = counter++;
    work.visit_stack[at(stack_size++)] = state;
    work.on_visit_stack[at(state)] = 1;
    work.call_state[at(depth)] = state;
    work.call_next[at(depth)] = work.open_start[at(state)];
  };
  for (int root = 0; root < states; ++root) {
    if (work.visit_index[at(root)] >= 0) {
      continue;
    }
    int depth = 0;
    enter(root, depth++);
    while (depth > 0) {
      const int v = work.call_state[at(depth - 1)];
      int& next = work.call_next[at(depth - 1)];
      if (next < work.open_start[at(v) + 1]) {
        const int w = work.open_to[at(next++)];
        if (work.visit_index[at(w)] < 0) {
          enter(w, depth++);
        } else if (work.on_visit_stack[at(w)] != 0) {
          work.visit_low[at(v)] = std::min(work.visit_low[at(v)], work.visit_index[at(w)]);
        }
        continue;
      }
      --depth;
      if (depth > 0) {
        const int parent = work.call_state[at(depth - 1)];
        work.visit_low[at(parent)] = std::min(work.visit_low[at(parent)], work.visit_low[at(v)]);
      }
      if (work.visit_low[at(v)] == work.visit_index[at(v)]) {
        const int first = written;
        int w = -1;
        do {
          w = work.visit_stack[at(--stack_size)];
          work.on_visit_stack[at(w)] = 0;
          work.component_states[at(written++)] = w;
        } while (w != v);
        std::sort(work.component_states.begin() + first, work.component_states.begin() + written);
        work.component_start[at(work.component_count++)] = first;
      }
    }
  }
  work.component_start[at(work.component_count)] = written;
}

struct Settings {
  double beta;
  double delta;
  bool home_option;
  double home_bonus;
  double nest_scale;  ///< lambda, 1 for the plain logit
  /// beta (1 + delta): the most a choice probability's log moves per unit move of the values.
  double probability_per_value;
  double probability_tolerance;
};

// The corridors' logsum L = (lambda/beta) log sum_c exp(beta V_c / lambda) at state s over the
// open corridors into states that are not dead ends, from the factors A(to) G_c; -infinity when
// there is none. When every term is too small for the factors (or one grew too large within the
// sweep), it is computed term by term from its largest V_c instead.
template <typename Column>
double corridors_logsum(const Settings& settings, const RouteValueWork& work, int s,
                        double reference, const Column& value, const Column& arrival,
                        const Column& factor) {
  const std::size_t first = static_cast<std::size_t>(work.open_start[static_cast<std::size_t>(s)]);
  const std::size_t last =
      static_cast<std::size_t>(work.open_start[static_cast<std::size_t>(s) + 1]);
  bool any = false;
  double total = 0;
  for (std::size_t k = first; k < last; ++k) {
    const int to = work.open_to[k];
    any = any || value(to) > kNoOption;
    total += factor(to) * work.open_factor[k];
  }
  if (!any) {
    return -std::numeric_limits<double>::infinity();
  }
  const double scale = settings.nest_scale / settings.beta;
  if (total >= kSmallestFactorSum && total <= std::numeric_limits<double>::max()) {
    return reference - work.open_floor[static_cast<std::size_t>(s)] + scale * std::log(total);
  }
  double best = -std::numeric_limits<double>::infinity();
  for (std::size_t k = first; k < last; ++k) {
    const int to = work.open_to[k];
    if (value(to) > kNoOption) {
      best = std::max(best, settings.delta * arrival(to) - work.open_crossing[k]);
    }
  }
  double inner = 0;
  for (std::size_t k = first; k < last; ++k) {
    const int to = work.open_to[k];
    if (value(to) > kNoOption) {
      inner += std::exp((settings.delta * arrival(to) - work.open_crossing[k] - best) / scale);
    }
  }
  return best + scale * std::log(inner);
}

// W(n,s) = (1/beta) log( [may stay] exp(beta U) + exp(beta L) + home_weight exp(beta U_home) ),
// evaluated from the largest of the three (kNoOption when no option is worth more).
template <typename Column>
double state_value(const Settings& settings, const RouteValueWork& work, double utility,
                   double home, bool stay, int s, double reference, const Column& value,
                   const Column& arrival, const Column& factor) {
  const double corridors = corridors_logsum(settings, work, s, reference, value, arrival, factor);
  const double settle = stay ? utility : -std::numeric_limits<double>::infinity();
  const double best = std::max({home, settle, corridors});
  if (!(best > kNoOption)) {
    return kNoOption;
  }
  const double beta = settings.beta;
  // The best option's term is exp(0) = 1 exactly: no need to compute it.
  const auto term = [&](double option) {
    return option == best ? 1.0 : std::exp(beta * (option - best));
  };
  double sum = stay ? term(utility) : 0.0;
  if (settings.home_option) {
    sum += term(home);
  }
  if (corridors > -std::numeric_limits<double>::infinity()) {
    sum += term(corridors);
  }
  return best + std::log(sum) / beta;
}

bool leads_to_itself(const RouteValueWork& work, int state) {
  for (int k = work.open_start[static_cast<std::size_t>(state)];
       k < work.open_start[static_cast<std::size_t>(state) + 1]; ++k) {
    if (work.open_to[static_cast<std::size_t>(k)] == state) {
      return true;
    }
  }
  return false;
}

// Solves W(n, .) of one nationality; reads and writes only its own columns of the work and its
// own rows of route_value and corridor_value. Returns the number of state values it computed.
int solve_nationality(const MigrationInputs& in, const Settings& settings, int n,
                      MigrationScratch& scratch, Eigen::ArrayXXd& route_value) {
  RouteValueWork& work = scratch.route_work;
  const int states = in.scenario.state_count();
  const double beta = settings.beta;
  const double delta = settings.delta;
  const double nest_scale = settings.nest_scale;
  auto value = work.value.col(n);
  auto arrival = work.arrival.col(n);
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
  // exp(beta (V_c - B) / lambda) = A(to) G_c with A(s) = exp(beta (delta W~(s) - a) / lambda)
  // and G_c = exp(-beta (D_c - g) / lambda), B = a - g: one exponential per state and sweep
  // instead of one per corridor. a is the largest delta W~ at the start of the sweep and g the
  // cheapest open corridor out of the state, so that neither factor overflows.
  auto factor = work.arrival_factor.col(n);
  const double scale = beta / nest_scale;
  const auto refresh = [&](int s, double reference) {
    factor(s) = value(s) > kNoOption ? std::exp(scale * (delta * arrival(s) - reference)) : 0.0;
  };
  double reference = -std::numeric_limits<double>::infinity();
  for (int s = 0; s < states; ++s) {
    if (value(s) > kNoOption) {
      reference = std::max(reference, delta * arrival(s));
    }
  }
  if (!std::isfinite(reference)) {
    reference = 0;
  }
  for (int s = 0; s < states; ++s) {
    refresh(s, reference);
  }
  auto step = work.last_step.col(n);
  const auto set_value = [&](int s, double updated) {
    value(s) = updated;
    arrival(s) = arrival_value(in, scratch, updated, n, s);
    refresh(s, reference);
  };
  const auto revalue = [&](int s) {
    const double updated = state_value(settings, work, scratch.settlement_utility(n, s), home,
                                       may_stay(in, n, s), s, reference, value, arrival, factor);
    // A value that is or becomes "no option" is not part of the geometric settling.
    step(s) = updated > kNoOption && value(s) > kNoOption ? updated - value(s) : 0.0;
    const double change = std::fabs(updated - value(s));
    set_value(s, updated);
    return change;
  };
  // Components in reverse topological order: every corridor out of a component leads to one
  // solved already. A single state with no corridor back to itself is valued once; the states of
  // a larger component are swept in state order until they settle.
  int valuations = 0;
  for (int k = 0; k < work.component_count; ++k) {
    const auto first = static_cast<std::size_t>(work.component_start[static_cast<std::size_t>(k)]);
    const auto last =
        static_cast<std::size_t>(work.component_start[static_cast<std::size_t>(k) + 1]);
    const int single = work.component_states[first];
    if (last - first == 1 && !leads_to_itself(work, single)) {
      revalue(single);
      ++valuations;
      continue;
    }
    double last_change = 0;
    double last_rate = 0;
    int sweeps_since_extrapolation = 0;
    for (int iteration = 0; iteration < kMaxValueIterations; ++iteration) {
      double change = 0;
      for (std::size_t i = first; i < last; ++i) {
        change = std::max(change, revalue(work.component_states[i]));
      }
      valuations += static_cast<int>(last - first);
      if (settings.probability_per_value * change < settings.probability_tolerance) {
        break;
      }
      const double rate = last_change > 0 ? change / last_change : 0.0;
      ++sweeps_since_extrapolation;
      if (sweeps_since_extrapolation >= kSweepsBeforeExtrapolation && rate > 0 &&
          rate < kLargestExtrapolatedRate &&
          std::fabs(rate - last_rate) <= kSteadyRateAgreement * rate) {
        const double remaining = rate / (1.0 - rate);
        for (std::size_t i = first; i < last; ++i) {
          const int s = work.component_states[i];
          const double extrapolated = value(s) + remaining * step(s);
          if (step(s) != 0.0 && extrapolated > kNoOption) {
            set_value(s, extrapolated);
          }
        }
        sweeps_since_extrapolation = 0;
        change = 0;  // the next rate is measured afresh
      }
      last_rate = rate;
      last_change = change;
    }
  }
  for (int s = 0; s < states; ++s) {
    route_value(n, s) = value(s);
  }
  for (int c = 0; c < in.scenario.corridor_count(); ++c) {
    scratch.corridor_value(n, c) = delta * arrival(in.network.corridor_to(c)) - work.crossing(c);
  }
  return valuations;
}

}  // namespace

int solve_route_values(const MigrationInputs& in, const CorridorConditions& corridors,
                       const Population& population, MigrationScratch& scratch,
                       Eigen::ArrayXXd& route_value, WorkerPool* pool) {
  const ModelParameters& model = in.scenario.model;
  compute_settlement_utility(in, population, scratch.settlement_utility);
  const double nest_scale = model.route_substitution > 0 ? 1.0 - model.route_substitution : 1.0;
  prepare_corridors(in, corridors, model.choice_sensitivity, nest_scale, scratch.route_work);
  order_components(in.scenario.state_count(), scratch.route_work);
  // Going home enters as an option worth U_home + ln(home_weight) / beta, when it is one.
  // The onward corridors as one nest of scale lambda (7.6.4); lambda = 1 is the plain logit.
  const bool home_option = model.home_weight > 0;
  const Settings settings{
      model.choice_sensitivity,
      model.continuation_discount,
      home_option,
      home_option ? std::log(model.home_weight) / model.choice_sensitivity : 0.0,
      nest_scale,
      model.choice_sensitivity * (1.0 + model.continuation_discount),
      model.route_value_tolerance};
  auto solve = [&](int n) {
    scratch.route_work.valuations[static_cast<std::size_t>(n)] =
        solve_nationality(in, settings, n, scratch, route_value);
  };
  if (pool != nullptr && pool->threads() > 1) {
    pool->for_each(in.scenario.nationality_count(), solve);
  } else {
    for (int n = 0; n < in.scenario.nationality_count(); ++n) {
      solve(n);
    }
  }
  int valuations = 0;
  for (const int count : scratch.route_work.valuations) {
    valuations += count;
  }
  return valuations;
}

}  // namespace migdip
