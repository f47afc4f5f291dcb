#include "migdip/recording/series_recorder.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <limits>
#include <span>
#include <string>
#include <utility>

#include "migdip/core/error.h"

namespace migdip {
namespace {

using Fill = std::function<void(const World&, std::span<double>)>;

// How each probe's ticks aggregate over an interval, declared with the probe (never guessed
// from its units): flows during the tick, stocks at its end, levels, shares and rates.
constexpr TimeAggregation kSummed = TimeAggregation::sum;
constexpr TimeAggregation kAtEnd = TimeAggregation::end;
constexpr TimeAggregation kAveraged = TimeAggregation::mean;

// One recorded variable: where it goes, what it means, and how to read one tick of it.
struct Probe {
  std::string group;
  Variable variable;  // metadata; data filled tick by tick
  std::size_t slice = 0;
  Fill fill;
  bool large = false;  // a (time, corridor, nationality) series: opt-in above a size
};

std::string roles_label(const StateSpec& state) {
  std::string roles;
  for (auto [role, name] :
       {std::pair{StateRole::origin, "origin"}, std::pair{StateRole::transit, "transit"},
        std::pair{StateRole::destination, "destination"}}) {
    if (state.has_role(role)) {
      roles += roles.empty() ? name : std::string(",") + name;
    }
  }
  return roles;
}

// Writes a nationality x column Eigen array (column-major) as a row-major column x nationality
// slice, or sums it over nationalities.
void column_sums(const Eigen::ArrayXXd& values, std::span<double> out) {
  for (Eigen::Index j = 0; j < values.cols(); ++j) {
    out[static_cast<std::size_t>(j)] = values.col(j).sum();
  }
}

void copy_array(const Eigen::ArrayXd& values, std::span<double> out) {
  for (Eigen::Index i = 0; i < values.size(); ++i) {
    out[static_cast<std::size_t>(i)] = values(i);
  }
}

class ProbeList {
 public:
  /// With `catalogue`, the optional probes are listed whatever the scenario: every series the
  /// recorder can write (the names an [outputs] declaration may use).
  explicit ProbeList(const Scenario& scenario, bool catalogue = false)
      : scenario_(scenario), catalogue_(catalogue) {}

  /// Whether the optional probes whose condition is `condition` are listed.
  bool lists(bool condition) const { return catalogue_ || condition; }

  Probe& add(TimeAggregation aggregation, std::string group, std::string name,
             std::vector<std::string> dims, std::string units, std::string long_name, Fill fill) {
    std::size_t slice = 1;
    for (const std::string& dim : dims) {
      slice *= extent(dim);
    }
    dims.insert(dims.begin(), "time");
    Variable variable{std::move(name),
                      std::move(dims),
                      std::move(long_name),
                      std::move(units),
                      {},
                      aggregation,
                      ""};
    probes.push_back(Probe{std::move(group), std::move(variable), slice, std::move(fill)});
    return probes.back();
  }

  std::vector<Probe> probes;

 private:
  std::size_t extent(const std::string& dim) const {
    if (dim == "state")
      return static_cast<std::size_t>(scenario_.state_count());
    if (dim == "corridor")
      return static_cast<std::size_t>(scenario_.corridor_count());
    if (dim == "nationality")
      return static_cast<std::size_t>(scenario_.nationality_count());
    if (dim == "pathway")
      return static_cast<std::size_t>(scenario_.pathway_count());
    if (dim == "status")
      return kStatusCount;
    if (dim == "negotiation")
      return static_cast<std::size_t>(scenario_.negotiation_count());
    if (dim == "instrument")
      return static_cast<std::size_t>(scenario_.instrument_count());
    if (dim == "bloc")
      return static_cast<std::size_t>(scenario_.bloc_count());
    if (dim == "transfer") {
      std::size_t transfers = 0;
      for (const EventSpec& event : scenario_.events) {
        transfers += event.type == EventType::transfer ? 1 : 0;
      }
      return transfers;
    }
    throw InternalError("unknown dimension " + dim);
  }
  const Scenario& scenario_;
  bool catalogue_;
};

template <LeverOwner Owner>
const LeverArrays<Owner>& levers_in(const World& world);
template <>
const LeverArrays<LeverOwner::state>& levers_in(const World& world) {
  return world.policy.lever;
}
template <>
const LeverArrays<LeverOwner::corridor>& levers_in(const World& world) {
  return world.corridors.lever;
}
template <>
const LeverArrays<LeverOwner::pathway>& levers_in(const World& world) {
  return world.pathway_lever;
}

// The levers of one owner that have series of their own, in its group: their values in force.
template <LeverOwner Owner>
void add_lever_probes(ProbeList& probes) {
  const std::string dim = Owner == LeverOwner::state      ? "state"
                          : Owner == LeverOwner::corridor ? "corridor"
                                                          : "pathway";
  for (const LeverTraits& row : levers_of(Owner)) {
    if (row.recorded_as.empty()) {
      continue;
    }
    probes.add(kAveraged, dim + "s", std::string(row.name), {dim},
               std::string(recorded_unit(row.quantity)), std::string(row.recorded_as),
               [lever = row.lever](const World& world, std::span<double> out) {
                 copy_array(levers_in<Owner>(world)(lever), out);
               });
  }
}

void add_state_probes(const Scenario& scenario, ProbeList& probes) {
  const std::vector<std::string> dims{"state"};
  for (std::size_t k = 0; k < kStatusCount; ++k) {
    const std::string status(kStatusNames[k]);
    probes.add(kAtEnd, "states", status, dims, "people",
               "people in status '" + status + "' located in the state at the end of the tick",
               [k](const World& world, std::span<double> out) {
                 column_sums(world.population.stock[k], out);
               });
  }
  probes.add(kAtEnd, "states", "residents", dims, "people",
             "residents of an origin state who have not emigrated (0 for other states)",
             [](const World& world, std::span<double> out) {
               copy_array(world.population.residents, out);
             });

  auto by_state = [&](std::string name, std::string long_name, auto member) {
    probes.add(kSummed, "states", std::move(name), dims, "people/tick", std::move(long_name),
               [member](const World& world, std::span<double> out) {
                 column_sums(world.flows.*member, out);
               });
  };
  by_state("emigrations", "residents who left their own country irregularly", &Flows::emigrated);
  by_state("settlements", "people who chose to stay: hosted or lodged an asylum claim",
           &Flows::settled);
  by_state("asylum_grants", "asylum decisions granting protection", &Flows::granted);
  by_state("asylum_refusals", "asylum decisions refusing protection", &Flows::refused);
  by_state("returns", "people returned to their own country by this state", &Flows::returned);
  by_state("releases", "detainees released into the state's pool", &Flows::released);
  by_state("legal_arrivals", "arrivals through legal pathways", &Flows::legal_arrivals);
  by_state("evictions", "hosted people pushed out by a fall in hosting capacity", &Flows::evicted);
  by_state("went_home", "people who went back to their own country of their own accord",
           &Flows::went_home);
  by_state("labour_displacements", "migrant workers who lost their place as labour demand fell",
           &Flows::labour_displaced);
  by_state("labour_returns", "of the displaced migrant workers: gone home to their own country",
           &Flows::labour_returned);
  by_state("deportations", "people already inside removed by the state to their own country",
           &Flows::deported);
  by_state("offshore_transfers", "arrivals the state transferred to a third country for processing",
           &Flows::transferred);

  // Corridor flows attributed to the state at either end.
  auto by_corridor_end = [&](std::string name, std::string long_name, auto member,
                             bool at_arrival) {
    const Scenario* s = &scenario;
    probes.add(kSummed, "states", std::move(name), dims, "people/tick", std::move(long_name),
               [member, at_arrival, s](const World& world, std::span<double> out) {
                 std::fill(out.begin(), out.end(), 0.0);
                 const Eigen::ArrayXXd& flow = world.flows.*member;
                 for (int c = 0; c < s->corridor_count(); ++c) {
                   const CorridorSpec& corridor = s->corridors[static_cast<std::size_t>(c)];
                   out[static_cast<std::size_t>(at_arrival ? corridor.to : corridor.from)] +=
                       flow.col(c).sum();
                 }
               });
  };
  by_corridor_end("arrivals", "irregular arrivals on the state's territory (incl. readmitted)",
                  &Flows::arrivals, true);
  by_corridor_end("departures", "irregular departures from the state", &Flows::departures, false);
  by_corridor_end("deaths", "deaths on corridors leaving the state", &Flows::deaths, false);
  by_corridor_end("exit_interceptions", "departures stopped by the state", &Flows::exit_intercepted,
                  false);
  by_corridor_end("entry_interceptions", "entries stopped by the state", &Flows::entry_intercepted,
                  true);
  by_corridor_end("pushbacks", "people the state expelled across its border", &Flows::pushed_back,
                  true);
  by_corridor_end("readmissions", "arrivals the state sent back to where they crossed from",
                  &Flows::readmitted, true);
  by_corridor_end("stock_readmissions",
                  "people already inside the state removed to a neighbour that readmits them",
                  &Flows::stock_readmitted, true);
  by_corridor_end("expulsions", "people already inside the state expelled across its border",
                  &Flows::expelled, true);

  add_lever_probes<LeverOwner::state>(probes);
  probes.add(kAtEnd, "states", "government", dims, "1",
             "government number: 0 at start, +1 per coup",
             [](const World& world, std::span<double> out) {
               for (Eigen::Index s = 0; s < world.policy.government.size(); ++s) {
                 out[static_cast<std::size_t>(s)] = world.policy.government(s);
               }
             });
  probes.add(kSummed, "states", "observed_arrivals", dims, "people/tick",
             "irregular arrivals as the government sees them: last tick's, net of readmissions",
             [](const World& world, std::span<double> out) {
               copy_array(world.politics.observed_arrivals, out);
             });
  probes.add(
      kAveraged, "states", "salience", dims, "1", "public salience of migration",
      [](const World& world, std::span<double> out) { copy_array(world.politics.salience, out); });
  probes.add(
      kSummed, "states", "money_received", dims, "EUR/tick", "transfers received",
      [](const World& world, std::span<double> out) { copy_array(world.treasury.received, out); });
  probes.add(
      kSummed, "states", "money_paid", dims, "EUR/tick",
      "transfers paid (bloc payments by population share)",
      [](const World& world, std::span<double> out) { copy_array(world.treasury.paid, out); });
  probes.add(kSummed, "states", "removal_spending", dims, "EUR/tick",
             "spent on removals and expulsions of people already inside and on transfers of "
             "arrivals to a third country",
             [](const World& world, std::span<double> out) {
               copy_array(world.treasury.removal_spending, out);
             });
  probes.add(
      kSummed, "states", "money_leaked", dims, "EUR/tick",
      "deal payments received that leaked to the regime (the partner's leakage share)",
      [](const World& world, std::span<double> out) { copy_array(world.diplomacy.leaked, out); });
  probes.add(
      kSummed, "states", "utility", dims, "EUR/tick",
      "realised utility of the government by its preferences (0 without negotiations)",
      [](const World& world, std::span<double> out) { copy_array(world.diplomacy.utility, out); });
  probes.add(kAveraged, "states", "reputation", dims, "1",
             "reputation for carrying out threats, in [0, 1]",
             [](const World& world, std::span<double> out) {
               for (std::size_t s = 0; s < out.size(); ++s) {
                 out[s] = world.diplomacy.reputation(static_cast<Eigen::Index>(s));
               }
             });
}

void add_diplomacy_probes(const Scenario& scenario, ProbeList& probes) {
  const int states = scenario.state_count();
  probes.add(kAveraged, "blocs", "reputation", {"bloc"}, "1",
             "reputation for carrying out threats, in [0, 1]",
             [states](const World& world, std::span<double> out) {
               for (std::size_t b = 0; b < out.size(); ++b) {
                 out[b] = world.diplomacy.reputation(states + static_cast<Eigen::Index>(b));
               }
             });
  const std::vector<std::string> tables{"negotiation"};
  probes.add(kSummed, "negotiations", "payment", tables, "EUR/tick",
             "paid this tick under the table's deal, after conditionality",
             [](const World& world, std::span<double> out) {
               copy_array(world.diplomacy.deal_payment, out);
             });
  probes.add(kAtEnd, "negotiations", "active_deal", tables, "1",
             "row of the deals table in force at the end of the tick, -1 for none",
             [](const World& world, std::span<double> out) {
               for (std::size_t n = 0; n < out.size(); ++n) {
                 out[n] = world.diplomacy.active_deal(static_cast<Eigen::Index>(n));
               }
             });
  probes.add(kAtEnd, "negotiations", "compliance", tables, "1",
             "partner's delivered share of its commitments as the demander last saw it (NaN "
             "without a deal)",
             [](const World& world, std::span<double> out) {
               const Diplomacy& diplomacy = world.diplomacy;
               for (std::size_t n = 0; n < out.size(); ++n) {
                 const int deal = diplomacy.active_deal(static_cast<Eigen::Index>(n));
                 out[n] = deal >= 0 ? diplomacy.deals[static_cast<std::size_t>(deal)].compliance
                                    : std::numeric_limits<double>::quiet_NaN();
               }
             });
  probes.add(
      kAveraged, "negotiations", "surplus", tables, "EUR/month",
      "joint gain of the best bundle at the table's last evaluation",
      [](const World& world, std::span<double> out) { copy_array(world.diplomacy.surplus, out); });
  const std::vector<std::string> instruments{"instrument"};
  probes.add(kAveraged, "instruments", "in_force", instruments, "1",
             "1 while the instrument is used (a threat carried out, a commitment in force)",
             [](const World& world, std::span<double> out) {
               for (std::size_t i = 0; i < out.size(); ++i) {
                 out[i] = world.diplomacy.in_force(static_cast<Eigen::Index>(i));
               }
             });
  probes.add(kAveraged, "instruments", "credibility", instruments, "1",
             "credibility of the instrument as a threat, last evaluated (0 if never)",
             [](const World& world, std::span<double> out) {
               copy_array(world.diplomacy.credibility, out);
             });
  if (probes.lists(scenario.diplomacy.learning_memory_months > 0)) {
    probes.add(kAveraged, "instruments", "learned_effect", instruments, "1",
               "what states believe the instrument does, as a multiple of the linear response "
               "of the valuation (recorded when [diplomacy] learning_memory_months > 0)",
               [](const World& world, std::span<double> out) {
                 copy_array(world.diplomacy.learned_effect, out);
               });
  }
}

void add_corridor_probes(ProbeList& probes) {
  const std::vector<std::string> dims{"corridor"};
  auto flow = [&](std::string name, std::string long_name, auto member) {
    probes.add(kSummed, "corridors", name, dims, "people/tick", long_name,
               [member](const World& world, std::span<double> out) {
                 column_sums(world.flows.*member, out);
               });
    // By nationality too: who crosses where is the question behind most corridor plots.
    Probe& by_nationality = probes.add(
        kSummed, "corridors", name + "_by_nationality", {"corridor", "nationality"}, "people/tick",
        long_name + ", by nationality", [member](const World& world, std::span<double> out) {
          const Eigen::ArrayXXd& values = world.flows.*member;  // nationality x corridor
          const auto nationalities = static_cast<std::size_t>(values.rows());
          for (Eigen::Index c = 0; c < values.cols(); ++c) {
            for (Eigen::Index n = 0; n < values.rows(); ++n) {
              out[static_cast<std::size_t>(c) * nationalities + static_cast<std::size_t>(n)] =
                  values(n, c);
            }
          }
        });
    by_nationality.large = true;
  };
  flow("departures", "people who set out (before exit interception)", &Flows::departures);
  flow("exit_interceptions", "people stopped on leaving", &Flows::exit_intercepted);
  flow("deaths", "people dead or missing on the way", &Flows::deaths);
  flow("entry_interceptions", "people stopped on entry", &Flows::entry_intercepted);
  flow("pushbacks", "people expelled back across the border", &Flows::pushed_back);
  flow("arrivals", "people who reached the state of arrival (incl. readmitted)", &Flows::arrivals);
  flow("readmissions", "arrivals readmitted to the state of departure", &Flows::readmitted);
  flow("stock_readmissions", "people already inside readmitted to the state of departure",
       &Flows::stock_readmitted);
  flow("expulsions", "people already inside expelled into the state of departure",
       &Flows::expelled);

  probes.add(kAtEnd, "corridors", "travelling", dims, "people",
             "people on the corridor at the end of the tick",
             [](const World& world, std::span<double> out) {
               std::fill(out.begin(), out.end(), 0.0);
               for (const Eigen::ArrayXXd& slot : world.population.travelling) {
                 for (Eigen::Index c = 0; c < slot.cols(); ++c) {
                   out[static_cast<std::size_t>(c)] += slot.col(c).sum();
                 }
               }
             });
  auto condition = [&](std::string name, std::string units, std::string long_name, auto member) {
    probes.add(kAveraged, "corridors", std::move(name), dims, std::move(units),
               std::move(long_name), [member](const World& world, std::span<double> out) {
                 copy_array(world.corridors.*member, out);
               });
  };
  condition("open", "1", "1 if open, 0 if closed", &CorridorConditions::open);
  condition("mortality", "1", "probability of death per crossing, after enforcement displacement",
            &CorridorConditions::mortality);
  condition("exit_interception_probability", "1", "probability of being stopped on leaving",
            &CorridorConditions::exit_interception);
  condition("entry_interception_probability", "1", "probability of being stopped on entry",
            &CorridorConditions::entry_interception);
  condition("cost", "EUR", "price per person in force, after facilitation and the smuggling market",
            &CorridorConditions::effective_cost);
  add_lever_probes<LeverOwner::corridor>(probes);
}

// Whether any corridor may have border controls of its own during the run: a key of its
// section, a `set` (or an announced change) of a state lever on it, or a surge aimed at it.
bool has_border_controls(const Scenario& scenario) {
  for (const CorridorSpec& corridor : scenario.corridors) {
    if (corridor.border.any()) {
      return true;
    }
  }
  for (const EventSpec& event : scenario.events) {
    const bool aimed = event.target_kind == TargetKind::corridor &&
                       (event.type == EventType::engineered_surge ||
                        ((event.type == EventType::set || event.type == EventType::announcement) &&
                         owner_of(event.parameter) == LeverOwner::state));
    if (aimed) {
      return true;
    }
  }
  return false;
}

// The border controls in force on each corridor, its own or its state's: written only when a
// corridor can have its own, since otherwise they are the states' series.
void add_border_probes(const Scenario& scenario, ProbeList& probes) {
  if (!probes.lists(has_border_controls(scenario))) {
    return;
  }
  for (const Lever lever : kBorderLevers) {
    const LeverTraits& row = traits_of(lever);
    const std::string side = row.border == Border::exit ? "from" : "to";
    probes.add(kAveraged, "corridors", std::string(row.name), {"corridor"},
               std::string(recorded_unit(row.quantity)),
               std::string(row.recorded_as) + " on the border: the corridor's own, else its '" +
                   side + "' state's",
               [lever, s = &scenario](const World& world, std::span<double> out) {
                 for (int c = 0; c < s->corridor_count(); ++c) {
                   const CorridorSpec& spec = s->corridors[static_cast<std::size_t>(c)];
                   const int state = side_state(lever, spec.from, spec.to);
                   out[static_cast<std::size_t>(c)] =
                       world.corridors.border.in_force(lever, c, world.policy.lever(lever)(state));
                 }
               });
  }
}

// What migrants believe of each corridor and state (docs/model.md 7.6.3a): written only when
// beliefs can differ from the truth, since otherwise they are the truth's series.
void add_belief_probes(const Scenario& scenario, ProbeList& probes) {
  if (!probes.lists(beliefs_can_differ(scenario))) {
    return;
  }
  auto believed = [&](std::string group, std::string dim, std::string name, Belief belief,
                      std::string long_name) {
    probes.add(kAveraged, std::move(group), std::move(name), {std::move(dim)}, "1",
               std::move(long_name), [belief](const World& world, std::span<double> out) {
                 copy_array(world.beliefs.believed(belief), out);
               });
  };
  believed("corridors", "corridor", "believed_mortality", Belief::mortality,
           "probability of death per crossing, as migrants believe it");
  believed("corridors", "corridor", "believed_exit_interception_probability",
           Belief::exit_interception,
           "probability of being stopped on leaving, as migrants "
           "believe it");
  believed("corridors", "corridor", "believed_entry_interception_probability",
           Belief::entry_interception,
           "probability of being stopped on entry, as migrants "
           "believe it");
  believed("states", "state", "believed_recognition_rate", Belief::recognition_rate,
           "share of decided claims granted, as migrants believe it");
}

// How governments answer to their public (docs/model.md 7.3): written only when a state has
// pressure or elections that can bring it down, since otherwise pressure is 1 and approval fixed.
void add_domestic_politics_probes(const Scenario& scenario, ProbeList& probes) {
  const bool any =
      std::any_of(scenario.states.begin(), scenario.states.end(), [](const StateSpec& state) {
        return state.politics.pressure_salience > 0 || state.politics.fall_below_approval > 0;
      });
  if (!probes.lists(any)) {
    return;
  }
  probes.add(
      kAveraged, "states", "pressure", {"state"}, "1",
      "weight of migration's costs in the government's decisions: salience / (salience + "
      "pressure_salience), 1 where pressure_salience is 0",
      [](const World& world, std::span<double> out) { copy_array(world.politics.pressure, out); });
  probes.add(
      kAveraged, "states", "approval", {"state"}, "1", "approval of the government",
      [](const World& world, std::span<double> out) { copy_array(world.politics.approval, out); });
}

// Budget lines and root-causes aid (docs/model.md 7.5.3-7.5.4): written only when some line is
// limited (a finite `budget`, or an event that sets one) and when some origin's push answers to
// aid, since otherwise every line is unlimited and no aid is felt.
void add_budget_probes(const Scenario& scenario, ProbeList& probes) {
  const auto limited = [](const BudgetLine& line) { return std::isfinite(line.initial); };
  const bool any_line =
      std::any_of(scenario.states.begin(), scenario.states.end(),
                  [&](const StateSpec& state) { return limited(state.budget); }) ||
      std::any_of(scenario.blocs.begin(), scenario.blocs.end(),
                  [&](const BlocSpec& bloc) { return limited(bloc.budget); }) ||
      std::any_of(scenario.events.begin(), scenario.events.end(),
                  [](const EventSpec& event) { return event.stance == StanceParameter::budget; });
  if (probes.lists(any_line)) {
    const int states = scenario.state_count();
    probes.add(kAtEnd, "states", "budget", {"state"}, "EUR",
               "left on the state's budget line at the end of the tick (+inf: unlimited)",
               [](const World& world, std::span<double> out) {
                 for (std::size_t s = 0; s < out.size(); ++s) {
                   out[s] = world.treasury.budget(static_cast<Eigen::Index>(s));
                 }
               });
    probes.add(kAtEnd, "blocs", "budget", {"bloc"}, "EUR",
               "left on the bloc's own budget line at the end of the tick (+inf: unlimited)",
               [states](const World& world, std::span<double> out) {
                 for (std::size_t b = 0; b < out.size(); ++b) {
                   out[b] = world.treasury.budget(states + static_cast<Eigen::Index>(b));
                 }
               });
  }
  const bool any_aid =
      std::any_of(scenario.states.begin(), scenario.states.end(),
                  [](const StateSpec& state) { return state.aid.push_effect > 0; });
  if (probes.lists(any_aid)) {
    probes.add(kAveraged, "states", "aid_felt", {"state"}, "EUR/month",
               "aid the state's push answers to: what it received, through the lag of its "
               "aid_push_lag_months",
               [](const World& world, std::span<double> out) {
                 copy_array(world.treasury.aid_felt, out);
               });
  }
}

void add_nationality_probes(const Scenario& scenario, ProbeList& probes) {
  probes.add(kAtEnd, "nationalities", "stock", {"nationality", "status"}, "people",
             "people of each nationality in each status, all locations",
             [](const World& world, std::span<double> out) {
               for (std::size_t k = 0; k < kStatusCount; ++k) {
                 const Eigen::ArrayXXd& stock = world.population.stock[k];
                 for (Eigen::Index n = 0; n < stock.rows(); ++n) {
                   out[static_cast<std::size_t>(n) * kStatusCount + k] = stock.row(n).sum();
                 }
               }
             });
  auto flow = [&](std::string name, std::string long_name, auto member) {
    probes.add(kSummed, "nationalities", std::move(name), {"nationality"}, "people/tick",
               std::move(long_name), [member](const World& world, std::span<double> out) {
                 const Eigen::ArrayXXd& values = world.flows.*member;
                 for (Eigen::Index n = 0; n < values.rows(); ++n) {
                   // Without corridors the corridor flows have no columns and no storage:
                   // taking a row of them would offset a null pointer.
                   out[static_cast<std::size_t>(n)] =
                       values.cols() == 0 ? 0.0 : values.row(n).sum();
                 }
               });
  };
  flow("emigrations", "people who left their country irregularly", &Flows::emigrated);
  flow("arrivals", "irregular arrivals, all corridors", &Flows::arrivals);
  flow("deaths", "dead or missing, all corridors", &Flows::deaths);
  flow("asylum_grants", "protection granted", &Flows::granted);
  flow("asylum_refusals", "protection refused", &Flows::refused);
  flow("returns", "returned to their own country", &Flows::returned);
  flow("deportations", "already inside: removed to their own country", &Flows::deported);
  flow("offshore_transfers", "transferred to a third country for processing", &Flows::transferred);
  flow("legal_arrivals", "arrivals through legal pathways", &Flows::legal_arrivals);
  flow("went_home", "went back to their own country of their own accord", &Flows::went_home);
  if (probes.lists(scenario.outputs.stocks_by_location)) {
    probes.add(kAtEnd, "nationalities", "stock_by_location", {"nationality", "state", "status"},
               "people", "people of each nationality in each status at each location",
               [](const World& world, std::span<double> out) {
                 const auto states = static_cast<std::size_t>(world.population.residents.size());
                 for (std::size_t k = 0; k < kStatusCount; ++k) {
                   const Eigen::ArrayXXd& stock = world.population.stock[k];
                   for (Eigen::Index n = 0; n < stock.rows(); ++n) {
                     for (Eigen::Index s = 0; s < stock.cols(); ++s) {
                       out[(static_cast<std::size_t>(n) * states + static_cast<std::size_t>(s)) *
                               kStatusCount +
                           k] = stock(n, s);
                     }
                   }
                 }
               });
  }
}

void add_pathway_and_transfer_probes(ProbeList& probes) {
  probes.add(kSummed, "pathways", "moved", {"pathway"}, "people/tick",
             "people moved through the pathway", [](const World& world, std::span<double> out) {
               copy_array(world.flows.pathway_moved, out);
             });
  add_lever_probes<LeverOwner::pathway>(probes);
  probes.add(kSummed, "transfers", "paid", {"transfer"}, "EUR/tick", "amount paid this tick",
             [](const World& world, std::span<double> out) {
               copy_array(world.treasury.transfer_paid, out);
             });
}

std::string label_of(const Scenario& scenario, const Party& party) {
  return party.kind == TargetKind::state ? scenario.states[static_cast<std::size_t>(party.index)].id
                                         : scenario.blocs[static_cast<std::size_t>(party.index)].id;
}

std::string target_label(const Scenario& scenario, const EventSpec& event) {
  const auto index = static_cast<std::size_t>(event.target);
  switch (event.target_kind) {
    case TargetKind::state:
      return scenario.states[index].id;
    case TargetKind::bloc:
      return scenario.blocs[index].id;
    case TargetKind::corridor:
      return scenario.corridors[index].id;
    case TargetKind::pathway:
      return scenario.pathways[index].id;
    case TargetKind::instrument:
      return scenario.instruments[index].id;
    case TargetKind::none:
      break;
  }
  if (event.type == EventType::transfer) {
    return label_of(scenario, event.payer) + "->" + label_of(scenario, event.payee);
  }
  return "";
}

Coordinate labels(std::string name, std::string long_name, std::vector<std::string> values) {
  return Coordinate{std::move(name), std::move(long_name), "", {}, std::move(values)};
}

template <typename Spec>
std::vector<std::string> ids(const std::vector<Spec>& specs) {
  std::vector<std::string> result;
  for (const Spec& spec : specs) {
    result.push_back(spec.id);
  }
  return result;
}

std::vector<RecordGroup> group_skeletons(const Scenario& scenario, const Calendar& calendar) {
  Coordinate time{"time",
                  "start of the tick",
                  "days since " + format_date(calendar.start_date()) + " 00:00:00",
                  {},
                  {}};
  AuxiliaryCoordinate tick{"tick", "time", "tick number", "1", {}, {}};
  AuxiliaryCoordinate tick_days{"tick_days", "time", "length of the tick", "days", {}, {}};
  for (int t = 0; t < calendar.ticks(); ++t) {
    time.values.push_back(calendar.days_since_start(t));
    tick.values.push_back(t);
    tick_days.values.push_back(calendar.tick_days(t));
  }
  std::vector<std::string> nationality_ids;
  for (int state : scenario.nationality_states) {
    nationality_ids.push_back(scenario.states[static_cast<std::size_t>(state)].id);
  }
  std::vector<std::string> status_names(kStatusNames.begin(), kStatusNames.end());

  RecordGroup states{"states",
                     "series by tick and state",
                     {time, labels("state", "state id", ids(scenario.states))},
                     {tick, tick_days},
                     {}};
  AuxiliaryCoordinate state_name{"state_name", "state", "state name", "", {}, {}};
  AuxiliaryCoordinate state_roles{"state_roles", "state", "roles in the scenario", "", {}, {}};
  for (const StateSpec& state : scenario.states) {
    state_name.labels.push_back(state.name);
    state_roles.labels.push_back(roles_label(state));
  }
  states.auxiliary.push_back(state_name);
  states.auxiliary.push_back(state_roles);

  RecordGroup corridors{"corridors",
                        "series by tick and corridor",
                        {time, labels("corridor", "corridor id", ids(scenario.corridors)),
                         labels("nationality", "nationality (state id)", nationality_ids)},
                        {tick, tick_days},
                        {}};
  AuxiliaryCoordinate from{"corridor_from", "corridor", "state of departure", "", {}, {}};
  AuxiliaryCoordinate to{"corridor_to", "corridor", "state of arrival", "", {}, {}};
  AuxiliaryCoordinate mode{"corridor_mode", "corridor", "land, sea or air", "", {}, {}};
  for (const CorridorSpec& corridor : scenario.corridors) {
    from.labels.push_back(scenario.states[static_cast<std::size_t>(corridor.from)].id);
    to.labels.push_back(scenario.states[static_cast<std::size_t>(corridor.to)].id);
    mode.labels.emplace_back(to_string(corridor.mode));
  }
  corridors.auxiliary.insert(corridors.auxiliary.end(), {from, to, mode});

  std::vector<Coordinate> nationality_coordinates{
      time, labels("nationality", "nationality (state id)", nationality_ids),
      labels("status", "migrant status", status_names)};
  if (scenario.outputs.stocks_by_location) {
    nationality_coordinates.push_back(labels("state", "state id", ids(scenario.states)));
  }
  RecordGroup nationalities{"nationalities",
                            "series by tick and nationality",
                            nationality_coordinates,
                            {tick, tick_days},
                            {}};

  RecordGroup pathways{"pathways",
                       "legal pathways by tick",
                       {time, labels("pathway", "pathway id", ids(scenario.pathways))},
                       {tick, tick_days},
                       {}};
  AuxiliaryCoordinate pathway_from{"pathway_from", "pathway", "host or origin state", "", {}, {}};
  AuxiliaryCoordinate pathway_to{"pathway_to", "pathway", "destination state", "", {}, {}};
  AuxiliaryCoordinate pathway_nationality{
      "pathway_nationality", "pathway", "nationality moved", "", {}, {}};
  AuxiliaryCoordinate pathway_kind{"pathway_kind", "pathway", "resettlement or labour", "", {}, {}};
  for (const PathwaySpec& pathway : scenario.pathways) {
    pathway_from.labels.push_back(scenario.states[static_cast<std::size_t>(pathway.from)].id);
    pathway_to.labels.push_back(scenario.states[static_cast<std::size_t>(pathway.to)].id);
    pathway_nationality.labels.push_back(
        nationality_ids[static_cast<std::size_t>(pathway.nationality)]);
    pathway_kind.labels.emplace_back(to_string(pathway.kind));
  }
  pathways.auxiliary.insert(pathways.auxiliary.end(),
                            {pathway_from, pathway_to, pathway_nationality, pathway_kind});

  std::vector<std::string> transfer_ids;
  AuxiliaryCoordinate payer{"transfer_payer", "transfer", "paying state or bloc", "", {}, {}};
  AuxiliaryCoordinate payee{"transfer_payee", "transfer", "receiving state or bloc", "", {}, {}};
  for (const EventSpec& event : scenario.events) {
    if (event.type == EventType::transfer) {
      transfer_ids.push_back(event.id);
      payer.labels.push_back(label_of(scenario, event.payer));
      payee.labels.push_back(label_of(scenario, event.payee));
    }
  }
  RecordGroup transfers{"transfers",
                        "transfers by tick (one per transfer event)",
                        {time, labels("transfer", "transfer event id", transfer_ids)},
                        {tick, tick_days, payer, payee},
                        {}};

  RecordGroup blocs{"blocs",
                    "series by tick and bloc",
                    {time, labels("bloc", "bloc id", ids(scenario.blocs))},
                    {tick, tick_days},
                    {}};
  RecordGroup negotiations{
      "negotiations",
      "series by tick and negotiation (bargaining table)",
      {time, labels("negotiation", "negotiation id", ids(scenario.negotiations))},
      {tick, tick_days},
      {}};
  AuxiliaryCoordinate demander{
      "negotiation_demander", "negotiation", "demanding state or bloc (pays)", "", {}, {}};
  AuxiliaryCoordinate partner{
      "negotiation_partner", "negotiation", "partner state (paid)", "", {}, {}};
  for (const NegotiationSpec& negotiation : scenario.negotiations) {
    demander.labels.push_back(label_of(scenario, negotiation.demander));
    partner.labels.push_back(label_of(scenario, negotiation.partner));
  }
  negotiations.auxiliary.insert(negotiations.auxiliary.end(), {demander, partner});
  RecordGroup instruments{"instruments",
                          "series by tick and instrument",
                          {time, labels("instrument", "instrument id", ids(scenario.instruments))},
                          {tick, tick_days},
                          {}};
  AuxiliaryCoordinate type{"instrument_type", "instrument", "instrument type", "", {}, {}};
  AuxiliaryCoordinate family{
      "instrument_family", "instrument", "incentive, threat or flow_control", "", {}, {}};
  AuxiliaryCoordinate user{"instrument_user", "instrument", "state or bloc using it", "", {}, {}};
  for (const InstrumentSpec& instrument : scenario.instruments) {
    type.labels.emplace_back(to_string(instrument.type));
    family.labels.emplace_back(to_string(family_of(instrument.type)));
    user.labels.push_back(label_of(scenario, instrument.user));
  }
  instruments.auxiliary.insert(instruments.auxiliary.end(), {type, family, user});
  return {states, corridors, nationalities, pathways, transfers, blocs, negotiations, instruments};
}

// A tick's start date, also past the end of the run (where a deal would expire).
std::string date_of_tick(const Calendar& calendar, int tick) {
  using namespace std::chrono;
  if (tick <= calendar.ticks()) {
    return format_date(calendar.tick_start(tick));
  }
  const sys_days start = calendar.start_date();
  switch (calendar.tick_length()) {
    case TickLength::day:
      return format_date(start + days(tick));
    case TickLength::week:
      return format_date(start + days(7 * tick));
    case TickLength::month:
      return format_date(sys_days(year_month_day(start) + months(tick)));
  }
  return "";
}

std::string actor_label(const Scenario& scenario, int actor) {
  if (actor < 0) {
    return "";
  }
  return actor < scenario.state_count()
             ? scenario.states[static_cast<std::size_t>(actor)].id
             : scenario.blocs[static_cast<std::size_t>(actor - scenario.state_count())].id;
}

void record_diplomacy(const RunView& view, RecordTables& record) {
  const Scenario& scenario = view.scenario;
  const Diplomacy& diplomacy = view.world.diplomacy;
  for (std::size_t d = 0; d < diplomacy.deals.size(); ++d) {
    const Deal& deal = diplomacy.deals[d];
    const NegotiationSpec& negotiation =
        scenario.negotiations[static_cast<std::size_t>(deal.negotiation)];
    DealRow row;
    row.deal = static_cast<std::int32_t>(d);
    row.negotiation = negotiation.id;
    row.demander = label_of(scenario, negotiation.demander);
    row.partner = label_of(scenario, negotiation.partner);
    const std::size_t asks = negotiation.asks.size();
    for (std::size_t k = 0; k < asks + negotiation.offers.size(); ++k) {
      if ((deal.items >> k) & 1U) {
        const int instrument = k < asks ? negotiation.asks[k] : negotiation.offers[k - asks];
        row.terms += (row.terms.empty() ? "" : "+") +
                     scenario.instruments[static_cast<std::size_t>(instrument)].id;
      }
    }
    if (negotiation.payment >= 0 && deal.payment_per_month > 0) {
      row.terms += "+" + scenario.instruments[static_cast<std::size_t>(negotiation.payment)].id;
    }
    row.conditionality = std::string(to_string(negotiation.conditionality));
    row.payment_per_month = deal.payment_per_month;
    row.signed_tick = deal.signed_tick;
    row.signed_date = date_of_tick(view.calendar, deal.signed_tick);
    row.end_tick = deal.closed_tick >= 0 ? deal.closed_tick : deal.end_tick;
    row.end_date = date_of_tick(view.calendar, row.end_tick);
    row.status = std::string(to_string(deal.status));
    row.paid = deal.paid;
    row.compliance = deal.compliance;
    row.demander_gain = deal.demander_gain;
    row.partner_gain = deal.partner_gain;
    record.deals.push_back(std::move(row));
  }
  for (const NegotiationEntry& entry : diplomacy.log) {
    NegotiationRow row;
    row.tick = entry.tick;
    row.date = date_of_tick(view.calendar, entry.tick);
    row.negotiation = scenario.negotiations[static_cast<std::size_t>(entry.negotiation)].id;
    row.deal = entry.deal;
    row.action = std::string(to_string(entry.action));
    row.actor = actor_label(scenario, entry.actor);
    row.instrument = entry.instrument >= 0
                         ? scenario.instruments[static_cast<std::size_t>(entry.instrument)].id
                         : "";
    row.value = entry.value;
    record.negotiation_log.push_back(std::move(row));
  }
}

ProbeList all_probes(const Scenario& scenario, bool catalogue = false) {
  ProbeList list(scenario, catalogue);
  add_state_probes(scenario, list);
  add_corridor_probes(list);
  add_border_probes(scenario, list);
  add_belief_probes(scenario, list);
  add_domestic_politics_probes(scenario, list);
  add_budget_probes(scenario, list);
  add_nationality_probes(scenario, list);
  add_pathway_and_transfer_probes(list);
  add_diplomacy_probes(scenario, list);
  return list;
}

// The values a tick of the scenario's (time, corridor, nationality) series holds.
std::uint64_t large_series_values(const Scenario& scenario) {
  return static_cast<std::uint64_t>(scenario.corridor_count()) *
         static_cast<std::uint64_t>(scenario.nationality_count());
}

// The scenario's probes that `selection` keeps.
std::vector<Probe> selected_probes(const Scenario& scenario, const RecordSelection& selection) {
  std::vector<Probe> probes = all_probes(scenario).probes;
  const std::uint64_t large_values = large_series_values(scenario);
  std::erase_if(probes, [&](const Probe& probe) {
    return !selection.keeps(probe.group, probe.variable.name, probe.large, large_values);
  });
  return probes;
}

}  // namespace

const std::vector<RecordableVariable>& recordable_variables() {
  static const std::vector<RecordableVariable> variables = [] {
    std::vector<RecordableVariable> listed;
    const Scenario nothing;
    for (const Probe& probe : all_probes(nothing, true).probes) {
      listed.push_back(RecordableVariable{probe.group, probe.variable.name, probe.large});
    }
    return listed;
  }();
  return variables;
}

std::uint64_t recorded_values_per_tick(const Scenario& scenario) {
  std::uint64_t values = 0;
  for (std::uint64_t slice : recorded_slice_sizes(scenario)) {
    values += slice;
  }
  return values;
}

std::vector<std::uint64_t> recorded_slice_sizes(const Scenario& scenario,
                                                const RecordSelection& selection) {
  std::vector<std::uint64_t> slices;
  for (const Probe& probe : selected_probes(scenario, selection)) {
    slices.push_back(probe.slice);
  }
  return slices;
}

struct SeriesRecorder::Buffers {
  std::vector<Probe> probes;         // each with its place in `tick_values`
  std::vector<std::size_t> offsets;  // of each probe's slice in `tick_values`
  std::vector<double> tick_values;   // one tick of every variable, in the layout's order
  std::vector<EventRow> events;
};

SeriesRecorder::SeriesRecorder() : memory_(std::make_unique<MemorySink>()), sink_(memory_.get()) {}
SeriesRecorder::SeriesRecorder(RecordSink& sink, RecordSelection selection)
    : sink_(&sink), selection_(std::move(selection)) {}
SeriesRecorder::~SeriesRecorder() = default;

void SeriesRecorder::on_start(const RunView& view) {
  const Scenario& scenario = view.scenario;
  buffers_ = std::make_unique<Buffers>();
  buffers_->probes = selected_probes(scenario, selection_);
  RecordLayout layout;
  layout.groups = group_skeletons(scenario, view.calendar);
  // The layout lists variables group by group, each group's in the order of its probes; every
  // probe's slice goes where its variable is in that order.
  buffers_->offsets.assign(buffers_->probes.size(), 0);
  std::size_t offset = 0;
  for (RecordGroup& group : layout.groups) {
    for (std::size_t p = 0; p < buffers_->probes.size(); ++p) {
      const Probe& probe = buffers_->probes[p];
      if (probe.group == group.name) {
        group.variables.push_back(probe.variable);
        buffers_->offsets[p] = offset;
        offset += probe.slice;
      }
    }
  }
  for (const Probe& probe : buffers_->probes) {
    if (std::none_of(layout.groups.begin(), layout.groups.end(),
                     [&](const RecordGroup& group) { return group.name == probe.group; })) {
      throw InternalError("recorded variable " + probe.variable.name + " has no group " +
                          probe.group);
    }
  }
  // A group whose every series the selection left out is not written at all.
  std::erase_if(layout.groups, [](const RecordGroup& group) { return group.variables.empty(); });
  buffers_->tick_values.assign(offset, 0.0);
  buffers_->events.reserve(2 * scenario.events.size());  // announcements: announced, in force
  sink_->begin(layout);
}

void SeriesRecorder::on_tick(const RunView& view) {
  std::span<double> values(buffers_->tick_values);
  for (std::size_t p = 0; p < buffers_->probes.size(); ++p) {
    Probe& probe = buffers_->probes[p];
    probe.fill(view.world, values.subspan(buffers_->offsets[p], probe.slice));
  }
  sink_->write_tick(static_cast<std::size_t>(view.tick), values);
  if (view.world.applied_events.empty()) {
    return;  // most ticks: no date to format
  }
  const std::string date = format_date(view.calendar.tick_start(view.tick));
  for (int index : view.world.applied_events) {
    const EventSpec& event = view.scenario.events[static_cast<std::size_t>(index)];
    EventRow row;
    row.tick = view.tick;
    row.date = date;
    row.event = event.id;
    row.type = std::string(to_string(event.type));
    row.target = target_label(view.scenario, event);
    const bool names_parameter = event.type == EventType::set ||
                                 event.type == EventType::announcement ||
                                 event.type == EventType::rumour;
    row.parameter = names_parameter ? std::string(to_string(event.parameter)) : "";
    row.value = event.type == EventType::transfer ? event.amount : event.value;
    buffers_->events.push_back(std::move(row));
  }
}

void SeriesRecorder::on_finish(const RunView& view) {
  RecordTables tables;
  tables.events = std::move(buffers_->events);
  record_diplomacy(view, tables);
  buffers_.reset();
  sink_->end_series(std::move(tables));
}

RunRecord SeriesRecorder::take_record() {
  if (!memory_) {
    throw InternalError("a recorder writing to a sink of its caller keeps no record");
  }
  return memory_->take_record();
}

}  // namespace migdip
