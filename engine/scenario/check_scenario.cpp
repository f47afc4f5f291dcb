// The one home of the scenario's rules: the invariants the engine relies on and every rule that
// relates values or items, for scenarios however they were built. Loaders only translate text
// (each value's syntax, type and range, ids to indices, dates to ticks) and record where each
// item was written (Scenario::sources), so that a rule broken here is reported at its line.

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <utility>

#include "migdip/core/error.h"
#include "migdip/core/quote.h"
#include "migdip/recording/record_selection.h"
#include "migdip/scenario/burden_sharing.h"
#include "migdip/scenario/scenario.h"
#include "migdip/world/beliefs.h"
#include "migdip/world/migrant_status.h"

namespace migdip {
namespace {

std::string show(double value) {
  std::ostringstream out;
  out.precision(17);
  out << value;
  return out.str();
}

// Reports problems of one section ("state TUR", "event eu_deal") by key: at the key's line when
// it was written, else at the section's header, as the loader reports its own.
class Checker {
 public:
  Checker(std::string section, const std::string& file, const WrittenItem* written)
      : section_(std::move(section)), file_(file), written_(written) {}

  [[noreturn]] void fail(const std::string& key, const std::string& problem) const {
    const WrittenKey* entry = written_ == nullptr ? nullptr : written_->find(key);
    if (entry != nullptr) {
      throw InputError({file_, entry->line, section_, key}, problem + entry->note);
    }
    throw InputError({file_, written_ == nullptr ? 0 : written_->line, section_, key}, problem);
  }

  /// Whether the section was written with this key (scenarios built in code have none).
  bool written(std::string_view key) const {
    return written_ != nullptr && written_->find(key) != nullptr;
  }

  void at_least(const std::string& key, double value, double low) const {
    finite(key, value);
    if (!(value >= low)) {
      fail(key, "must be >= " + show(low) + ", got " + show(value));
    }
  }

  void above(const std::string& key, double value, double low) const {
    finite(key, value);
    if (!(value > low)) {
      fail(key, "must be > " + show(low) + ", got " + show(value));
    }
  }

  void unit_interval(const std::string& key, double value) const {
    finite(key, value);
    if (!(value >= 0 && value <= 1)) {
      fail(key, "must be in [0, 1], got " + show(value));
    }
  }

  void finite(const std::string& key, double value) const {
    if (!std::isfinite(value)) {
      fail(key, "must be a finite number, got " + show(value));
    }
  }

  /// A lever's value (or the value an event gives it) against the lever's range.
  void in_range(const std::string& key, double value, const LeverRange& range) const {
    if (range.unlimited) {
      // Infinity is the one non-finite value allowed.
      if (std::isnan(value) || !(range.low_open ? value > range.low : value >= range.low)) {
        fail(key, "must be " + std::string(range.low_open ? "> " : ">= ") + show(range.low) +
                      " (or unlimited), got " + show(value));
      }
      return;
    }
    finite(key, value);
    if (std::isfinite(range.high)) {
      if (!((range.low_open ? value > range.low : value >= range.low) && value <= range.high)) {
        fail(key, "must be in " + std::string(range.low_open ? "(" : "[") + show(range.low) + ", " +
                      show(range.high) + "], got " + show(value));
      }
    } else if (std::isfinite(range.low)) {
      if (range.low_open) {
        above(key, value, range.low);
      } else {
        at_least(key, value, range.low);
      }
    }
  }

  void index(const std::string& key, int value, int count, const std::string& what) const {
    if (value < 0 || value >= count) {
      fail(key, what + " index " + std::to_string(value) + " is out of range [0, " +
                    std::to_string(count) + ")");
    }
  }

 private:
  std::string section_;
  const std::string& file_;
  const WrittenItem* written_;
};

// The checker of item `index` of a kind, located where the loader read it.
Checker checker_of(const std::string& section, const std::string& file,
                   const std::vector<WrittenItem>& written, std::size_t index) {
  return Checker(section, file, index < written.size() ? &written[index] : nullptr);
}

std::string name_of(const std::string& kind, const std::string& id, std::size_t index) {
  std::string name = kind + " ";
  if (id.empty()) {
    name += '#';
    name += std::to_string(index);
  } else {
    name += id;
  }
  return name;
}

void check_settings(const ScenarioSettings& settings, const SourceMap& sources) {
  const Checker check("scenario", sources.file, &sources.settings);
  if (settings.ticks < 1) {
    check.fail("ticks", "must be >= 1, got " + std::to_string(settings.ticks));
  }
  if (settings.tick_length != TickLength::day && settings.tick_length != TickLength::week &&
      settings.tick_length != TickLength::month) {
    check.fail("tick_length", "is not a valid tick length");
  }
  if (settings.mode != SimulationMode::expected && settings.mode != SimulationMode::stochastic) {
    check.fail("mode", "is not a valid simulation mode");
  }
}

void check_model(const ModelParameters& model, const SourceMap& sources) {
  const Checker check("model", sources.file, &sources.model);
  check.at_least("push_elasticity", model.push_elasticity, 0);
  check.at_least("income_elasticity", model.income_elasticity, 0);
  check.at_least("network_elasticity", model.network_elasticity, 0);
  check.above("choice_sensitivity", model.choice_sensitivity, 0);
  check.above("route_value_tolerance", model.route_value_tolerance, 0);
  if (!(model.route_value_tolerance < 0.01)) {
    check.fail("route_value_tolerance",
               "must be in (0, 0.01), got " + show(model.route_value_tolerance));
  }
  check.at_least("continuation_discount", model.continuation_discount, 0);
  if (!(model.continuation_discount < 1)) {
    check.fail("continuation_discount",
               "must be in [0, 1), got " + show(model.continuation_discount));
  }
  check.at_least("income_weight", model.income_weight, 0);
  check.at_least("protection_weight", model.protection_weight, 0);
  check.at_least("network_weight", model.network_weight, 0);
  check.above("network_scale", model.network_scale, 0);
  check.at_least("cost_weight", model.cost_weight, 0);
  check.at_least("time_weight", model.time_weight, 0);
  check.at_least("risk_weight", model.risk_weight, 0);
  check.at_least("interception_weight", model.interception_weight, 0);
  check.at_least("route_substitution", model.route_substitution, 0);
  if (!(model.route_substitution < 1)) {
    check.fail("route_substitution", "must be in [0, 1), got " + show(model.route_substitution));
  }
  check.at_least("transit_reconsider_rate", model.transit_reconsider_rate, 0);
  check.at_least("hosted_reconsider_rate", model.hosted_reconsider_rate, 0);
  check.at_least("home_weight", model.home_weight, 0);
  check.at_least("repatriation_rate", model.repatriation_rate, 0);
  check.at_least("home_push_weight", model.home_push_weight, 0);
  check.at_least("belief_lag_days", model.belief_lag_days, 0);
  check.at_least("belief_memory_days", model.belief_memory_days, 0);
  check.at_least("enforcement_risk_elasticity", model.enforcement_risk_elasticity, 0);
  check.unit_interval("surge_cost_cut", model.surge_cost_cut);
  check.at_least("surge_mobilisation", model.surge_mobilisation, 0);
  check.at_least("price_enforcement_elasticity", model.price_enforcement_elasticity, 0);
  check.at_least("price_demand_elasticity", model.price_demand_elasticity, 0);
  check.at_least("labour_shed_rate", model.labour_shed_rate, 0);
  check.unit_interval("labour_return_share", model.labour_return_share);
  check.at_least("labour_demand_weight", model.labour_demand_weight, 0);
  check.above("salience_memory_days", model.salience_memory_days, 0);
  check.at_least("salience_gain", model.salience_gain, 0);
  check.at_least("salience_death_gain", model.salience_death_gain, 0);
  for (std::size_t month = 0; month < model.sea_seasonality.size(); ++month) {
    const double factor = model.sea_seasonality[month];
    if (!std::isfinite(factor) || factor < 0) {
      check.fail("sea_seasonality", "month " + std::to_string(month + 1) +
                                        " must be a finite number >= 0, got " + show(factor));
    }
  }
}

template <LeverOwner Owner>
void check_levers(const LeverValues<Owner>& levers, const Checker& check) {
  for (const LeverTraits& row : levers_of(Owner)) {
    check.in_range(std::string(row.name), levers(row.lever), row.range);
  }
}

void check_state(const StateSpec& state, const Checker& check) {
  constexpr auto kAllRoles = static_cast<std::uint8_t>(
      static_cast<std::uint8_t>(StateRole::origin) | static_cast<std::uint8_t>(StateRole::transit) |
      static_cast<std::uint8_t>(StateRole::destination));
  if (state.roles == 0) {
    check.fail("roles", "a state needs at least one role");
  }
  if ((state.roles & ~kAllRoles) != 0) {
    check.fail("roles", "holds unknown role bits " + std::to_string(state.roles));
  }
  check.above("population", state.population, 0);
  check.above("income_per_head", state.income_per_head, 0);
  check.at_least("emigration_rate", state.emigration_rate, 0);
  check.unit_interval("protection_need", state.protection_need);
  check.at_least("policy_lag_days", state.policy_lag_days, 0);
  check_levers(state.lever, check);

  const StatePreferences& preferences = state.preferences;
  check.at_least("arrival_cost", preferences.arrival_cost, 0);
  check.at_least("salience_weight", preferences.salience_weight, 0);
  check.at_least("polarisation", preferences.polarisation, 0);
  check.at_least("enforcement_cost", preferences.enforcement_cost, 0);
  check.at_least("hosting_cost", preferences.hosting_cost, 0);
  check.at_least("hypocrisy_cost", preferences.hypocrisy_cost, 0);
  check.at_least("remittance_per_worker", preferences.remittance_per_worker, 0);
  check.at_least("labour_value", preferences.labour_value, 0);
  check.at_least("substitution_months", preferences.substitution_months, 0);

  const DomesticPoliticsSpec& politics = state.politics;
  check.at_least("pressure_salience", politics.pressure_salience, 0);
  check.unit_interval("approval", politics.approval);
  check.unit_interval("fall_below_approval", politics.fall_below_approval);
  check.at_least("election_cycle_months", politics.election_cycle_months, 0);
  check.at_least("successor_arrival_cost", politics.successor_arrival_cost, 0);
}

// The third state of transfers is another state. (A transfer capacity without one moves nobody:
// a `set` on a bloc gives it to members with and without a third state alike.)
void check_offshore(const Scenario& scenario, int state, const Checker& check) {
  const StateSpec& spec = scenario.states[static_cast<std::size_t>(state)];
  if (spec.offshore_state < 0) {
    return;
  }
  check.index("offshore_state", spec.offshore_state, scenario.state_count(), "state");
  if (spec.offshore_state == state) {
    check.fail("offshore_state", "must be another state than " + quote(spec.id));
  }
}

void check_conduct(const ActorConduct& conduct, int ticks, const Checker& check) {
  check.unit_interval("bargaining_power", conduct.bargaining_power);
  check.above("patience", conduct.patience, 0);
  if (conduct.election_tick && (*conduct.election_tick < 0 || *conduct.election_tick >= ticks)) {
    check.fail("next_election", "the election tick must be in [0, " + std::to_string(ticks) +
                                    "), got " + std::to_string(*conduct.election_tick));
  }
  check.unit_interval("reputation", conduct.reputation);
  check.unit_interval("democracy", conduct.democracy);
  check.at_least("audience_cost", conduct.audience_cost, 0);
  check.at_least("reputation_stake", conduct.reputation_stake, 0);
  check.unit_interval("compliance", conduct.compliance);
  check.unit_interval("leakage", conduct.leakage);
}

const std::string& state_id(const Scenario& scenario, int state) {
  return scenario.states[static_cast<std::size_t>(state)].id;
}

// "state 'TUR'" or "bloc 'EU'", for a party already checked.
std::string party_name(const Scenario& scenario, const Party& party) {
  return party.kind == TargetKind::bloc
             ? "bloc " + quote(scenario.blocs[static_cast<std::size_t>(party.index)].id)
             : "state " + quote(state_id(scenario, party.index));
}

// A corridor's or a pathway's two ends.
void check_ends(const Scenario& scenario, int from, int to, const std::string& what,
                const Checker& check) {
  check.index("from", from, scenario.state_count(), "state");
  check.index("to", to, scenario.state_count(), "state");
  if (from == to) {
    check.fail("to", "'from' and 'to' are both " + quote(state_id(scenario, to)) + "; a " + what +
                         " joins two different states");
  }
}

void check_corridor(const Scenario& scenario, const CorridorSpec& corridor, const Checker& check) {
  check_ends(scenario, corridor.from, corridor.to, "corridor", check);
  if (corridor.mode != CorridorMode::land && corridor.mode != CorridorMode::sea &&
      corridor.mode != CorridorMode::air) {
    check.fail("mode", "is not a valid corridor mode");
  }
  check.at_least("travel_days", corridor.travel_days, 0);
  check_levers(corridor.lever, check);
  for (const Lever lever : kBorderLevers) {
    if (const std::optional<double>& own = corridor.border(lever)) {
      check.in_range(std::string(to_string(lever)), *own, traits_of(lever).range);
    }
  }
}

void check_pathway(const Scenario& scenario, const PathwaySpec& pathway, const Checker& check) {
  if (pathway.kind != PathwayKind::resettlement && pathway.kind != PathwayKind::labour) {
    check.fail("kind", "is not a valid pathway kind");
  }
  check_ends(scenario, pathway.from, pathway.to, "pathway", check);
  if (pathway.kind == PathwayKind::labour) {
    // Its people leave their own country: its nationality is that of `from`, which must be one.
    // Loaders give -1 for a state given as the nationality that is none.
    const std::optional<int> own = scenario.nationality_of_state(pathway.from);
    const bool valid =
        pathway.nationality >= 0 && pathway.nationality < scenario.nationality_count();
    if (valid ? scenario.nationality_states[static_cast<std::size_t>(pathway.nationality)] !=
                    pathway.from
              : own.has_value()) {
      check.fail("nationality",
                 "must be 'from' for a labour pathway, which moves people straight from their "
                 "own country");
    }
    if (!own) {
      check.fail("from", "state " + quote(state_id(scenario, pathway.from)) +
                             " has no origin role, so its people are not a nationality of the "
                             "model");
    }
  }
  check.index("nationality", pathway.nationality, scenario.nationality_count(), "nationality");
  check_levers(pathway.lever, check);
}

void check_stocks(const Scenario& scenario) {
  // Two stocks of the same nationality at the same location simply add up, so they are allowed
  // here; the INI loader rejects them as duplicate sections.
  for (std::size_t i = 0; i < scenario.initial_stocks.size(); ++i) {
    const InitialStock& stock = scenario.initial_stocks[i];
    const Checker unnamed =
        checker_of(name_of("stock", "", i), scenario.sources.file, scenario.sources.stocks, i);
    unnamed.index("nationality", stock.nationality, scenario.nationality_count(), "nationality");
    unnamed.index("location", stock.location, scenario.state_count(), "state");
    const Checker check = checker_of(
        "stock " +
            state_id(scenario,
                     scenario.nationality_states[static_cast<std::size_t>(stock.nationality)]) +
            " in " + state_id(scenario, stock.location),
        scenario.sources.file, scenario.sources.stocks, i);
    for (std::size_t status = 0; status < kStatusCount; ++status) {
      check.at_least(std::string(kStatusNames[status]), stock.people[status], 0);
    }
  }
}

int target_count(const Scenario& scenario, TargetKind kind) {
  switch (kind) {
    case TargetKind::state:
      return scenario.state_count();
    case TargetKind::bloc:
      return static_cast<int>(scenario.blocs.size());
    case TargetKind::corridor:
      return scenario.corridor_count();
    case TargetKind::pathway:
      return scenario.pathway_count();
    case TargetKind::instrument:
      return scenario.instrument_count();
    case TargetKind::none:
      break;
  }
  return 0;
}

std::string with_article(TargetKind kind) {
  switch (kind) {
    case TargetKind::state:
      return "a state";
    case TargetKind::bloc:
      return "a bloc";
    case TargetKind::corridor:
      return "a corridor";
    case TargetKind::pathway:
      return "a pathway";
    case TargetKind::instrument:
      return "an instrument";
    case TargetKind::none:
      break;
  }
  return "nothing";
}

void check_target(const Scenario& scenario, const EventSpec& event, const Checker& check,
                  TargetKind wanted) {
  if (event.target_kind != wanted) {
    check.fail("", "this event type needs a target of another kind");
  }
  check.index("", event.target, target_count(scenario, wanted), "target");
}

void check_party(const Scenario& scenario, const Party& party, const std::string& key,
                 const Checker& check) {
  if (party.kind != TargetKind::state && party.kind != TargetKind::bloc) {
    check.fail(key, "must be a state or a bloc");
  }
  check.index(key, party.index, target_count(scenario, party.kind),
              party.kind == TargetKind::state ? "state" : "bloc");
}

// A bloc's burden-sharing key must give every member a weight, and the weights a positive sum.
void check_burden_sharing(const Scenario& scenario, const BlocSpec& bloc, const Checker& check) {
  const bool explicit_shares = bloc.burden_sharing == BurdenSharing::explicit_shares;
  if (!explicit_shares && !bloc.burden_shares.empty()) {
    check.fail("burden_shares", "is read only with 'burden_sharing = explicit', but the key is " +
                                    quote(std::string(to_string(bloc.burden_sharing))));
  }
  if (explicit_shares && bloc.burden_shares.size() != bloc.members.size()) {
    check.fail("burden_shares", "'burden_sharing = explicit' needs one weight per member (" +
                                    std::to_string(bloc.members.size()) + "), got " +
                                    std::to_string(bloc.burden_shares.size()));
  }
  for (std::size_t k = 0; k < bloc.members.size() && explicit_shares; ++k) {
    const double weight = bloc.burden_shares[k];
    if (!(weight >= 0) || !std::isfinite(weight)) {
      check.fail("burden_shares",
                 "member " + quote(state_id(scenario, bloc.members[k])) +
                     (std::isnan(weight) ? " has no weight" : " has a weight below 0 or infinite"));
    }
  }
  if (!(burden_total(scenario, bloc) > 0)) {
    check.fail("burden_sharing", "the members' weights under '" +
                                     std::string(to_string(bloc.burden_sharing)) +
                                     "' sum to 0: nobody would carry the bloc's money");
  }
}

// Whether a party is the state, or a bloc with the state among its members.
bool party_holds(const Scenario& scenario, const Party& party, int state) {
  if (party.kind == TargetKind::state) {
    return party.index == state;
  }
  const auto& members = scenario.blocs[static_cast<std::size_t>(party.index)].members;
  return std::find(members.begin(), members.end(), state) != members.end();
}

// An announcement or a rumour: about a lever migrants hold beliefs about (7.6.3a), on a target
// whose belief it is; an announced change takes effect later in the run, a rumour ends after
// it starts.
void check_claim(const Scenario& scenario, const EventSpec& event, const Checker& check) {
  const int ticks = scenario.settings.ticks;
  const std::string type(to_string(event.type));
  const std::optional<Belief> belief = belief_about(event.parameter);
  if (!belief) {
    check.fail("parameter", "an " + type +
                                " concerns exit_enforcement, entry_enforcement, mortality or "
                                "recognition_rate, not '" +
                                std::string(to_string(event.parameter)) + "'");
  }
  // Enforcement of a state or of one border; mortality of a corridor; recognition of a state.
  const bool at_border = traits_of(event.parameter).border != Border::none;
  const TargetKind owner = target_kind_of(event.parameter);
  const bool fits =
      event.target_kind == owner || (at_border && event.target_kind == TargetKind::corridor);
  if (!fits) {
    check.fail("parameter", "'" + std::string(to_string(event.parameter)) + "' is a parameter of " +
                                with_article(owner) + ", so an " + type + " cannot concern " +
                                with_article(event.target_kind));
  }
  check.index("", event.target, target_count(scenario, event.target_kind), "target");
  check.in_range("value", event.value, traits_of(event.parameter).range);
  check.unit_interval("credibility", event.credibility);
  if (event.type == EventType::announcement &&
      (event.effective_tick <= event.tick || event.effective_tick >= ticks)) {
    // Files may give it as a date, which the loader turned into effective_tick.
    check.fail(check.written("effective_date") ? "effective_date" : "effective_tick",
               "an announced change takes effect after it is announced (tick " +
                   std::to_string(event.tick) + ") and inside the run (before tick " +
                   std::to_string(ticks) + "), but it takes effect at tick " +
                   std::to_string(event.effective_tick));
  }
  if (event.type == EventType::rumour && event.end_tick &&
      (*event.end_tick <= event.tick || *event.end_tick > ticks)) {
    check.fail(check.written("end_date") ? "end_date" : "end_tick",
               "a rumour ends after it starts (tick " + std::to_string(event.tick) +
                   ") and at the end of the run at the latest (tick " + std::to_string(ticks) +
                   "), but it ends at tick " + std::to_string(*event.end_tick));
  }
}

// A `set` of a parameter other than a lever (7.1): a state's on a state or a bloc (its members),
// an actor's on a state or a bloc (its own), an instrument's on an instrument; in its range.
void check_stance_event(const Scenario& scenario, const EventSpec& event, const Checker& check) {
  const StanceTraits& stance = traits_of(*event.stance);
  const bool fits =
      stance.owner == StanceOwner::instrument
          ? event.target_kind == TargetKind::instrument
          : event.target_kind == TargetKind::state || event.target_kind == TargetKind::bloc;
  if (!fits) {
    check.fail("parameter", "'" + std::string(stance.name) + "' is a parameter of " +
                                (stance.owner == StanceOwner::instrument ? "an instrument"
                                                                         : "a state or a bloc") +
                                ", so it cannot be set on " + with_article(event.target_kind));
  }
  check.index("", event.target, target_count(scenario, event.target_kind), "target");
  check.in_range("value", event.value, stance.range);
  if (*event.stance == StanceParameter::amount && fits) {
    const InstrumentSpec& instrument = scenario.instruments[static_cast<std::size_t>(event.target)];
    if (traits_of(instrument.type).money == InstrumentMoney::none) {
      check.fail("parameter", "instrument '" + instrument.id + "' (" +
                                  std::string(to_string(instrument.type)) +
                                  ") moves no money, so it has no 'amount' to set");
    }
  }
}

// A budget line: what is on it at the start (unlimited allowed) and what a year adds.
void check_budget(const BudgetLine& budget, const Checker& check) {
  check.in_range("budget", budget.initial, traits_of(StanceParameter::budget).range);
  check.at_least("budget_per_year", budget.per_year, 0);
}

// The deal in force at the start: instruments of the table's agenda, each once, with a payment
// only where the table pays.
void check_deal_at_start(const Scenario& scenario, const NegotiationSpec& negotiation,
                         const Checker& check) {
  const DealAtStart& deal = negotiation.at_start;
  check.at_least("payment_at_start", deal.payment_per_month, 0);
  if (!deal.given()) {
    if (deal.payment_per_month > 0) {
      check.fail("payment_at_start", "a payment at the start needs a deal: 'in_force_at_start'");
    }
    return;
  }
  std::set<int> seen;
  for (int item : deal.items) {
    check.index("in_force_at_start", item, scenario.instrument_count(), "instrument");
    const bool on_agenda = std::find(negotiation.asks.begin(), negotiation.asks.end(), item) !=
                               negotiation.asks.end() ||
                           std::find(negotiation.offers.begin(), negotiation.offers.end(), item) !=
                               negotiation.offers.end();
    const std::string name =
        "instrument " + quote(scenario.instruments[static_cast<std::size_t>(item)].id);
    if (!on_agenda) {
      check.fail("in_force_at_start", name + " is not among the table's 'asks' or 'offers'");
    }
    if (!seen.insert(item).second) {
      check.fail("in_force_at_start", name + " is listed twice");
    }
  }
  if (deal.payment_per_month > 0 &&
      (negotiation.payment < 0 || negotiation.conditionality == Conditionality::negative)) {
    check.fail("payment_at_start",
               "the table pays no money (no 'payment', or negative conditionality), so its deal "
               "at the start cannot carry a payment");
  }
}

void check_event(const Scenario& scenario, const EventSpec& event, const Checker& check) {
  const int ticks = scenario.settings.ticks;
  if (event.tick < 0 || event.tick >= ticks) {
    check.fail("tick",
               "must be in [0, " + std::to_string(ticks) + "), got " + std::to_string(event.tick));
  }
  switch (event.type) {
    case EventType::set: {
      if (event.stance) {
        check_stance_event(scenario, event, check);
        return;
      }
      const auto parameter = static_cast<std::size_t>(event.parameter);
      if (parameter >= kLeverCount || !kLevers[parameter].keyed) {
        check.fail("parameter", "is not a valid event parameter");
      }
      const TargetKind owner = target_kind_of(event.parameter);
      // A state lever acting at a border may also be set on one corridor, as its own.
      const bool at_border = traits_of(event.parameter).border != Border::none;
      const bool fits = event.target_kind == owner ||
                        (owner == TargetKind::state && event.target_kind == TargetKind::bloc) ||
                        (at_border && event.target_kind == TargetKind::corridor);
      if (!fits) {
        check.fail("parameter", "'" + std::string(to_string(event.parameter)) +
                                    "' is a parameter of " + with_article(owner) +
                                    ", so it cannot be set on " + with_article(event.target_kind));
      }
      check.index("", event.target, target_count(scenario, event.target_kind), "target");
      check.in_range("value", event.value, traits_of(event.parameter).range);
      return;
    }
    case EventType::open_corridor:
    case EventType::close_corridor:
      check_target(scenario, event, check, TargetKind::corridor);
      return;
    case EventType::transfer:
      check_party(scenario, event.payer, "from", check);
      check_party(scenario, event.payee, "to", check);
      if (event.payer.kind == event.payee.kind && event.payer.index == event.payee.index) {
        check.fail("to",
                   "a transfer needs two different parties, but 'from' and 'to' are both " +
                       quote(event.payee.kind == TargetKind::bloc
                                 ? scenario.blocs[static_cast<std::size_t>(event.payee.index)].id
                                 : state_id(scenario, event.payee.index)));
      }
      check.above("amount", event.amount, 0);
      check.above("over_months", event.over_months, 0);
      return;
    case EventType::coup:
      check_target(scenario, event, check, TargetKind::state);
      for (const LeverTraits& lever : levers_of(LeverOwner::state)) {
        if (const std::optional<double>& chosen = event.new_government(lever.lever)) {
          if (!lever.coup_choice) {
            check.fail(std::string(lever.name), "is not a lever a new government chooses");
          }
          check.in_range(std::string(lever.name), *chosen, lever.range);
        }
      }
      return;
    case EventType::engineered_surge:
      // By a state, or aimed at one of its borders.
      check_target(
          scenario, event, check,
          event.target_kind == TargetKind::corridor ? TargetKind::corridor : TargetKind::state);
      check.unit_interval("value", event.value);
      if (event.end_tick && *event.end_tick > ticks) {
        check.fail("end_tick", "must be in (" + std::to_string(event.tick) + ", " +
                                   std::to_string(ticks) + "], got " +
                                   std::to_string(*event.end_tick));
      }
      if (event.end_tick && *event.end_tick <= event.tick) {
        // Files may give the end as a date, which the loader turned into end_tick.
        check.fail(check.written("end_date") ? "end_date" : "end_tick",
                   "the surge must end after it starts (tick " + std::to_string(event.tick) +
                       "), but it ends at tick " + std::to_string(*event.end_tick));
      }
      return;
    case EventType::announcement:
    case EventType::rumour:
      check_claim(scenario, event, check);
      return;
  }
  check.fail("type", "is not a valid event type");
}

void check_diplomacy(const DiplomacySettings& diplomacy, const SourceMap& sources) {
  const Checker check("diplomacy", sources.file, &sources.diplomacy);
  if (diplomacy.protocol != BargainingProtocol::nash &&
      diplomacy.protocol != BargainingProtocol::rubinstein) {
    check.fail("protocol", "is not a valid bargaining protocol");
  }
  check.above("horizon_months", diplomacy.horizon_months, 0);
  check.unit_interval("reputation_step", diplomacy.reputation_step);
  check.above("round_months", diplomacy.round_months, 0);
  check.at_least("reevaluation_tolerance", diplomacy.reevaluation_tolerance, 0);
  check.at_least("threat_minimum_months", diplomacy.threat_minimum_months, 0);
  check.at_least("threat_bite_months", diplomacy.threat_bite_months, 0);
  check.at_least("learning_memory_months", diplomacy.learning_memory_months, 0);
  check.above("counterfactual_months", diplomacy.counterfactual_months, 0);
}

// The loader already refuses unknown names, with a suggestion; this covers scenarios built in
// code, and the values of the enumerations.
void check_outputs(const OutputSettings& outputs, const SourceMap& sources) {
  const Checker check("outputs", sources.file, &sources.outputs);
  for (const char* key : {"variables", "exclude"}) {
    for (const std::string& item :
         std::string_view(key) == "variables" ? outputs.variables : outputs.exclude) {
      if (const std::optional<std::string> problem = output_name_problem(item)) {
        check.fail(key, *problem);
      }
    }
  }
  if (outputs.interval != OutputInterval::tick && outputs.interval != OutputInterval::month &&
      outputs.interval != OutputInterval::year && outputs.interval != OutputInterval::run) {
    check.fail("interval", "is not a valid interval");
  }
  if (outputs.precision != OutputPrecision::float64 &&
      outputs.precision != OutputPrecision::float32) {
    check.fail("precision", "is not a valid precision");
  }
  if (outputs.compression != kAutomaticCompression &&
      (outputs.compression < 0 || outputs.compression > 9)) {
    check.fail("compression",
               "must be auto or a deflate level 0-9, got " + std::to_string(outputs.compression));
  }
}

bool same_party(const Party& a, const Party& b) {
  return a.kind == b.kind && a.index == b.index;
}

void check_instrument(const Scenario& scenario, const InstrumentSpec& instrument,
                      const Checker& check) {
  const auto type = static_cast<std::size_t>(instrument.type);
  if (type >= kInstrumentTypeCount) {
    check.fail("type", "is not a valid instrument type");
  }
  const std::string name(to_string(instrument.type));
  check_party(scenario, instrument.user, "user", check);
  const int user = instrument.user.index;
  const bool state_user = instrument.user.kind == TargetKind::state;
  if (needs_state_user(instrument.type) && !state_user) {
    check.fail("user", "an instrument of type '" + name +
                           "' acts on its user's own levers, so its user must be a state, not "
                           "the " +
                           party_name(scenario, instrument.user));
  }
  if (needs_origin_user(instrument.type) && !scenario.nationality_of_state(user)) {
    check.fail("user", "an instrument of type '" + name +
                           "' acts on its user's own nationals, so its user needs the origin "
                           "role, which " +
                           party_name(scenario, instrument.user) + " does not have");
  }
  if (uses_target(instrument.type)) {
    check.index("target", instrument.target, scenario.state_count(), "state");
    if (state_user && instrument.target == user) {
      check.fail("target", "an instrument is aimed at another state, but 'target' is its user " +
                               quote(state_id(scenario, user)));
    }
  }
  if (uses_corridor(instrument.type)) {
    check.index("corridor", instrument.corridor, scenario.corridor_count(), "corridor");
    const CorridorSpec& corridor =
        scenario.corridors[static_cast<std::size_t>(instrument.corridor)];
    if (corridor.from != user) {
      check.fail("corridor", "corridor " + quote(corridor.id) + " leaves " +
                                 quote(state_id(scenario, corridor.from)) + ", but a '" + name +
                                 "' instrument readmits arrivals into its user " +
                                 quote(state_id(scenario, user)) +
                                 ": the corridor must leave the user");
    }
  }
  if (!instrument.corridors.empty() && !aims_at_corridors(instrument.type)) {
    check.fail("corridors", "does not apply to instruments of type '" + name + "'");
  }
  std::set<int> aimed_at;
  for (int c : instrument.corridors) {
    check.index("corridors", c, scenario.corridor_count(), "corridor");
    const CorridorSpec& corridor = scenario.corridors[static_cast<std::size_t>(c)];
    const bool exit_side = traits_of(instrument.type).lever == Lever::exit_enforcement;
    if (exit_side && corridor.from != user) {
      check.fail("corridors", "corridor " + quote(corridor.id) + " goes from " +
                                  quote(state_id(scenario, corridor.from)) + " to " +
                                  quote(state_id(scenario, corridor.to)) + ", but a '" + name +
                                  "' instrument controls exits only on corridors out of its user " +
                                  quote(state_id(scenario, user)));
    } else if (corridor.from != user && corridor.to != user) {
      check.fail("corridors", "corridor " + quote(corridor.id) + " goes from " +
                                  quote(state_id(scenario, corridor.from)) + " to " +
                                  quote(state_id(scenario, corridor.to)) + ", but a '" + name +
                                  "' instrument acts only on corridors into or out of its user " +
                                  quote(state_id(scenario, user)));
    }
    if (!aimed_at.insert(c).second) {
      check.fail("corridors", "corridor " + quote(corridor.id) + " is listed twice");
    }
  }
  if (uses_pathway(instrument.type)) {
    check.index("pathway", instrument.pathway, scenario.pathway_count(), "pathway");
    const PathwaySpec& pathway = scenario.pathways[static_cast<std::size_t>(instrument.pathway)];
    if (instrument.type == InstrumentType::deployment_ban) {
      if (pathway.kind != PathwayKind::labour) {
        check.fail("pathway", "pathway " + quote(pathway.id) +
                                  " is a resettlement pathway, but a deployment_ban stops "
                                  "workers: it needs a labour pathway");
      }
      if (pathway.from != user) {
        check.fail("pathway", "pathway " + quote(pathway.id) + " starts in " +
                                  quote(state_id(scenario, pathway.from)) +
                                  ", but a deployment_ban stops its user's workers: the pathway "
                                  "must start in " +
                                  quote(state_id(scenario, user)));
      }
    }
  }
  if (level_is_share(instrument.type)) {
    check.unit_interval("level", instrument.level);
  } else if (uses_level(instrument.type)) {
    check.at_least("level", instrument.level, 0);
  }
  check.at_least("amount", instrument.amount, 0);
  check.finite("value_to_target", instrument.value_to_target);
  check.at_least("cost_to_user", instrument.cost_to_user, 0);
  check.unit_interval("mobilised_share", instrument.mobilised_share);
}

// An index list of a negotiation: every item a valid instrument, none twice.
void check_instrument_list(const Scenario& scenario, const std::vector<int>& items,
                           const std::string& key, const Checker& check) {
  std::set<int> seen;
  for (int item : items) {
    check.index(key, item, scenario.instrument_count(), "instrument");
    if (!seen.insert(item).second) {
      check.fail(key, "instrument " + scenario.instruments[static_cast<std::size_t>(item)].id +
                          " is listed twice");
    }
  }
}

// Under negative conditionality the stick replaces the money: no payment, and the demander's
// aid cut against the partner among the threats.
void check_conditionality(const Scenario& scenario, const NegotiationSpec& negotiation,
                          const Checker& check) {
  switch (negotiation.conditionality) {
    case Conditionality::none:
    case Conditionality::positive:
    case Conditionality::reverse:
      return;
    case Conditionality::negative: {
      if (negotiation.payment != -1) {
        check.fail(
            "conditionality",
            "'negative' conditionality pays no new money, so the negotiation takes no "
            "'payment' (here " +
                quote(scenario.instruments[static_cast<std::size_t>(negotiation.payment)].id) +
                ")");
      }
      const bool stick =
          std::any_of(negotiation.threats.begin(), negotiation.threats.end(), [&](int t) {
            const InstrumentSpec& threat = scenario.instruments[static_cast<std::size_t>(t)];
            return threat.type == InstrumentType::aid_cut &&
                   same_party(threat.user, negotiation.demander) &&
                   party_holds(scenario, negotiation.partner, threat.target);
          });
      if (!stick) {
        check.fail("conditionality",
                   "'negative' conditionality needs an aid_cut of the demander against the "
                   "partner among the 'threats'");
      }
      return;
    }
  }
  check.fail("conditionality", "is not a valid conditionality");
}

void check_negotiation(const Scenario& scenario, const NegotiationSpec& negotiation,
                       const Checker& check) {
  constexpr std::size_t kMostAgendaItems = 10;
  check_party(scenario, negotiation.demander, "demander", check);
  check_party(scenario, negotiation.partner, "partner", check);
  const Party& demander = negotiation.demander;
  const Party& partner = negotiation.partner;
  if (same_party(demander, partner)) {
    check.fail("partner", "the partner must differ from the demander, but both are " +
                              quote(partner.kind == TargetKind::bloc
                                        ? scenario.blocs[static_cast<std::size_t>(partner.index)].id
                                        : state_id(scenario, partner.index)));
  }
  // No state sits on both sides: a bloc does not negotiate with its own members.
  for (int state = 0; state < scenario.state_count(); ++state) {
    if (!party_holds(scenario, demander, state) || !party_holds(scenario, partner, state)) {
      continue;
    }
    const std::string member = "state " + quote(state_id(scenario, state));
    if (partner.kind == TargetKind::state) {
      check.fail("partner", member + " is a member of the demander " +
                                party_name(scenario, demander) +
                                ", which does not negotiate with its own members");
    }
    check.fail("partner", member + " is a member of the partner " + party_name(scenario, partner) +
                              (demander.kind == TargetKind::state
                                   ? std::string(", which does not negotiate with its own members")
                                   : " and of the demander " + party_name(scenario, demander) +
                                         ": a state sits on one side of a table"));
  }
  auto instrument = [&](int index) -> const InstrumentSpec& {
    return scenario.instruments[static_cast<std::size_t>(index)];
  };
  auto instrument_name = [&](int index) { return "instrument " + quote(instrument(index).id); };
  auto user_name = [&](int index) { return party_name(scenario, instrument(index).user); };
  // A side's instruments are its own, or, for a bloc, also its members'.
  auto used_by = [&](int index, const Party& side) {
    const Party& user = instrument(index).user;
    return same_party(user, side) ||
           (user.kind == TargetKind::state && side.kind == TargetKind::bloc &&
            party_holds(scenario, side, user.index));
  };
  auto side_name = [&](const Party& side) {
    return party_name(scenario, side) + (side.kind == TargetKind::bloc ? " or its members" : "");
  };
  check_instrument_list(scenario, negotiation.asks, "asks", check);
  for (int ask : negotiation.asks) {
    if (!used_by(ask, partner)) {
      check.fail("asks", instrument_name(ask) + " is used by the " + user_name(ask) +
                             ", but asks are the partner's instruments (" + side_name(partner) +
                             ")");
    }
  }
  check_instrument_list(scenario, negotiation.offers, "offers", check);
  for (int offer : negotiation.offers) {
    if (!used_by(offer, demander)) {
      check.fail("offers", instrument_name(offer) + " is used by the " + user_name(offer) +
                               ", but offers are the demander's instruments (" +
                               side_name(demander) + ")");
    }
    if (instrument(offer).type == InstrumentType::transfer) {
      check.fail("offers", instrument_name(offer) +
                               " is a transfer: money goes in 'payment', not in 'offers'");
    }
  }
  const std::size_t items = negotiation.asks.size() + negotiation.offers.size();
  if (items == 0) {
    check.fail("asks", "asks and offers together must hold 1 to " +
                           std::to_string(kMostAgendaItems) + " instruments, got 0");
  }
  if (items > kMostAgendaItems) {
    check.fail(negotiation.offers.empty() ? "asks" : "offers",
               "a negotiation's agenda holds at most " + std::to_string(kMostAgendaItems) +
                   " items, but 'asks' and 'offers' list " + std::to_string(items));
  }
  if (negotiation.payment != -1) {
    check.index("payment", negotiation.payment, scenario.instrument_count(), "instrument");
    const InstrumentSpec& payment = instrument(negotiation.payment);
    if (payment.type != InstrumentType::transfer) {
      check.fail("payment", instrument_name(negotiation.payment) + " is of type '" +
                                std::string(to_string(payment.type)) +
                                "', but the payment must be a transfer");
    }
    // A bloc partner is paid as a bloc (shared by its burden-sharing key): the transfer's
    // target names one of its members.
    if (!same_party(payment.user, demander) || !party_holds(scenario, partner, payment.target)) {
      check.fail("payment", instrument_name(negotiation.payment) +
                                " must be a transfer from the demander (" +
                                party_name(scenario, demander) + ") to the partner (" +
                                side_name(partner) + ")");
    }
  }
  check_instrument_list(scenario, negotiation.threats, "threats", check);
  for (int threat : negotiation.threats) {
    if (family_of(instrument(threat).type) == InstrumentFamily::incentive) {
      check.fail("threats", instrument_name(threat) + " is an incentive ('" +
                                std::string(to_string(instrument(threat).type)) +
                                "'); threats are of the threat or flow_control family");
    }
    if (!used_by(threat, demander) && !used_by(threat, partner)) {
      check.fail("threats", instrument_name(threat) + " is used by the " + user_name(threat) +
                                ", which is neither the demander nor the partner (the demander "
                                "is the " +
                                side_name(demander) + ", the partner the " + side_name(partner) +
                                ")");
    }
  }
  check_conditionality(scenario, negotiation, check);
  const int ticks = scenario.settings.ticks;
  if (negotiation.start_tick < 0 || negotiation.start_tick >= ticks) {
    check.fail("start_date", "the start tick must be in [0, " + std::to_string(ticks) + "), got " +
                                 std::to_string(negotiation.start_tick));
  }
  check.above("duration_months", negotiation.duration_months, 0);
  check.at_least("monitoring_lag_months", negotiation.monitoring_lag_months, 0);
  check.at_least("implementation_lag_months", negotiation.implementation_lag_months, 0);
  check.unit_interval("breach_threshold", negotiation.breach_threshold);
  check.at_least("cooldown_months", negotiation.cooldown_months, 0);
  check.at_least("renegotiation_margin", negotiation.renegotiation_margin, 0);
  check.at_least("opens_at_salience", negotiation.opens_at_salience, 0);
  if (negotiation.compliance_basis != ComplianceBasis::lever &&
      negotiation.compliance_basis != ComplianceBasis::outcome) {
    check.fail("compliance_basis", "is not a valid compliance basis");
  }
  check_deal_at_start(scenario, negotiation, check);
}

template <typename Spec>
void check_ids(const std::vector<Spec>& items, const std::string& kind, const std::string& file,
               const std::vector<WrittenItem>& written) {
  std::set<std::string> ids;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string& id = items[i].id;
    if (id.empty() || !ids.insert(id).second) {
      checker_of(name_of(kind, id, i), file, written, i)
          .fail("", "a " + kind + " needs an id of its own");
    }
  }
}

void check_unique_ids(const Scenario& scenario) {
  const SourceMap& sources = scenario.sources;
  // States and blocs share a namespace: transfers name either by id.
  std::set<std::string> state_ids;
  for (std::size_t i = 0; i < scenario.states.size(); ++i) {
    const std::string& id = scenario.states[i].id;
    const Checker check = checker_of(name_of("state", id, i), sources.file, sources.states, i);
    if (id.empty()) {
      check.fail("", "a state needs an id");
    }
    if (!state_ids.insert(id).second) {
      check.fail("", "a second state with id " + quote(id));
    }
  }
  std::set<std::string> bloc_ids;
  for (std::size_t i = 0; i < scenario.blocs.size(); ++i) {
    const std::string& id = scenario.blocs[i].id;
    const Checker check = checker_of(name_of("bloc", id, i), sources.file, sources.blocs, i);
    if (id.empty()) {
      check.fail("", "a bloc needs an id");
    }
    if (state_ids.count(id) != 0) {
      check.fail("", "bloc id " + quote(id) +
                         " is already a state id; states and blocs share one namespace");
    }
    if (!bloc_ids.insert(id).second) {
      check.fail("", "id " + quote(id) + " is already used by a state or bloc");
    }
  }
  check_ids(scenario.corridors, "corridor", sources.file, sources.corridors);
  check_ids(scenario.pathways, "pathway", sources.file, sources.pathways);
  check_ids(scenario.instruments, "instrument", sources.file, sources.instruments);
  check_ids(scenario.negotiations, "negotiation", sources.file, sources.negotiations);
}

}  // namespace

void check_scenario(const Scenario& scenario) {
  const SourceMap& sources = scenario.sources;
  const std::string& file = sources.file;
  check_settings(scenario.settings, sources);
  check_model(scenario.model, sources);
  if (scenario.states.empty()) {
    throw InputError({file, 0, "", ""}, "the scenario has no states; it needs at least one");
  }
  check_unique_ids(scenario);
  check_diplomacy(scenario.diplomacy, sources);
  check_outputs(scenario.outputs, sources);
  for (std::size_t i = 0; i < scenario.states.size(); ++i) {
    const Checker check =
        checker_of(name_of("state", scenario.states[i].id, i), file, sources.states, i);
    check_state(scenario.states[i], check);
    check_conduct(scenario.states[i].conduct, scenario.settings.ticks, check);
    check_offshore(scenario, static_cast<int>(i), check);
    check_budget(scenario.states[i].budget, check);
    check.at_least("initial_salience", scenario.states[i].initial_salience, 0);
    check.at_least("aid_push_effect", scenario.states[i].aid.push_effect, 0);
    check.above("aid_push_lag_months", scenario.states[i].aid.lag_months, 0);
  }

  std::vector<int> origins;
  for (int s = 0; s < scenario.state_count(); ++s) {
    if (scenario.states[static_cast<std::size_t>(s)].has_role(StateRole::origin)) {
      origins.push_back(s);
    }
  }
  if (origins != scenario.nationality_states) {
    throw InputError({file, 0, "", ""},
                     "nationality_states does not list the origin-role states in order; call "
                     "Scenario::index_nationalities() after editing states");
  }

  for (std::size_t i = 0; i < scenario.blocs.size(); ++i) {
    const BlocSpec& bloc = scenario.blocs[i];
    const Checker check = checker_of(name_of("bloc", bloc.id, i), file, sources.blocs, i);
    if (bloc.members.empty()) {
      check.fail("members", "a bloc needs at least one member");
    }
    std::set<int> members;
    for (int member : bloc.members) {
      check.index("members", member, scenario.state_count(), "state");
      if (!members.insert(member).second) {
        check.fail("members", "state " + state_id(scenario, member) + " is listed twice");
      }
    }
    check_conduct(bloc.conduct, scenario.settings.ticks, check);
    check_burden_sharing(scenario, bloc, check);
    check_budget(bloc.budget, check);
  }
  for (std::size_t i = 0; i < scenario.corridors.size(); ++i) {
    check_corridor(
        scenario, scenario.corridors[i],
        checker_of(name_of("corridor", scenario.corridors[i].id, i), file, sources.corridors, i));
  }
  for (std::size_t i = 0; i < scenario.pathways.size(); ++i) {
    check_pathway(
        scenario, scenario.pathways[i],
        checker_of(name_of("pathway", scenario.pathways[i].id, i), file, sources.pathways, i));
  }
  check_stocks(scenario);

  for (std::size_t i = 0; i < scenario.events.size(); ++i) {
    const EventSpec& event = scenario.events[i];
    const Checker check = checker_of(name_of("event", event.id, i), file, sources.events, i);
    check_event(scenario, event, check);
    if (i > 0 && event.tick < scenario.events[i - 1].tick) {
      check.fail("tick", "events must be sorted by tick, but tick " + std::to_string(event.tick) +
                             " follows tick " + std::to_string(scenario.events[i - 1].tick));
    }
  }
  for (std::size_t i = 0; i < scenario.instruments.size(); ++i) {
    check_instrument(scenario, scenario.instruments[i],
                     checker_of(name_of("instrument", scenario.instruments[i].id, i), file,
                                sources.instruments, i));
  }
  for (std::size_t i = 0; i < scenario.negotiations.size(); ++i) {
    check_negotiation(scenario, scenario.negotiations[i],
                      checker_of(name_of("negotiation", scenario.negotiations[i].id, i), file,
                                 sources.negotiations, i));
  }
}

CheckedScenario::CheckedScenario(std::shared_ptr<const Scenario> scenario)
    : scenario_(std::move(scenario)) {
  if (scenario_ == nullptr) {
    throw InternalError("no scenario to check");
  }
  check_scenario(*scenario_);
}

}  // namespace migdip
