#include "phases/diplomacy/valuation.h"

#include <algorithm>
#include <cmath>
#include <span>
#include <tuple>

#include "migdip/world/migrant_status.h"
#include "phases/diplomacy/instrument_levers.h"

namespace migdip {
namespace {

const ActorConduct& conduct(const Scenario& scenario, int state) {
  return scenario.states[static_cast<std::size_t>(state)].conduct;
}

}  // namespace

double pass_through_ratio(double before, double after, double facilitation) {
  const double open_before = 1.0 - before * (1.0 - facilitation);
  const double open_after = 1.0 - after * (1.0 - facilitation);
  return open_before > 1e-9 ? open_after / open_before : 1.0;
}

ObservedFlows::ObservedFlows(const Scenario& scenario)
    : arrivals(Eigen::ArrayXd::Zero(scenario.corridor_count())),
      departures(Eigen::ArrayXd::Zero(scenario.corridor_count())),
      entry_intercepted(Eigen::ArrayXd::Zero(scenario.corridor_count())),
      returned(Eigen::ArrayXXd::Zero(scenario.nationality_count(), scenario.state_count())),
      hosted(Eigen::ArrayXd::Zero(scenario.state_count())),
      pool(Eigen::ArrayXd::Zero(scenario.state_count())),
      stay_share(Eigen::ArrayXd::Ones(scenario.state_count())),
      arrivals_window_(scenario.corridor_count(), scenario.settings.tick_length),
      departures_window_(scenario.corridor_count(), scenario.settings.tick_length),
      intercepted_window_(scenario.corridor_count(), scenario.settings.tick_length),
      returned_window_(returned.size(), scenario.settings.tick_length),
      corridor_sums_(Eigen::ArrayXd::Zero(scenario.corridor_count())) {}

void ObservedFlows::observe(const DiplomacyView& view, const Network& network) {
  for (auto [flow, window, observed] :
       {std::tuple{&view.flows.arrivals, &arrivals_window_, &arrivals},
        std::tuple{&view.flows.departures, &departures_window_, &departures},
        std::tuple{&view.flows.entry_intercepted, &intercepted_window_, &entry_intercepted}}) {
    corridor_sums_ = flow->colwise().sum().transpose();
    window->record(corridor_sums_);
    *observed = window->mean();
  }
  returned_window_.record(view.flows.returned.reshaped());
  returned.reshaped() = returned_window_.mean();
  hosted = view.population[MigrantStatus::hosted].colwise().sum().transpose();
  pool = hosted + view.population[MigrantStatus::in_transit].colwise().sum().transpose();
  for (Eigen::Index s = 0; s < stay_share.size(); ++s) {
    double in = 0;
    double out = 0;
    for (int c : network.incoming(static_cast<int>(s))) {
      in += arrivals(c);
    }
    bool way_on = false;
    for (int c : network.outgoing(static_cast<int>(s))) {
      out += departures(c);
      way_on = way_on || view.corridors.open(c) > 0;
    }
    // Governments know which routes are open now: where every way on is closed, arrivals stay.
    stay_share(s) = !way_on ? 1.0 : in > 0 ? std::clamp(1.0 - out / in, 0.0, 1.0) : 1.0;
  }
}

Valuation::Valuation(const Scenario& scenario, const Network& network, const TickContext& tick,
                     const DiplomacyView& view, const ObservedFlows& observed)
    : scenario_(scenario),
      network_(network),
      view_(view),
      observed_(observed),
      months_(tick.months()),
      horizon_(scenario.diplomacy.horizon_months) {}

bool Valuation::contains(int actor, int state) const {
  if (actor < scenario_.state_count()) {
    return actor == state;
  }
  const auto& members =
      scenario_.blocs[static_cast<std::size_t>(actor - scenario_.state_count())].members;
  return std::find(members.begin(), members.end(), state) != members.end();
}

double Valuation::arrival_price(int actor, int state) const {
  if (!contains(actor, state)) {
    return 0;
  }
  const StatePreferences& wants = preferences(scenario_, state);
  // The government's own price (its successors may differ: 7.3), weighed by pressure.
  return pressure(state) * wants.arrival_cost * view_.politics.arrival_cost_factor(state) *
         (1.0 +
          wants.salience_weight * (1.0 + wants.polarisation) * view_.politics.salience(state));
}

double Valuation::arrival_value(int actor, int state) const {
  if (!contains(actor, state)) {
    return 0;
  }
  return arrival_price(actor, state) +
         hosting_cost(state) * retained_months() * observed_.stay_share(state);
}

double Valuation::hosting_cost(int state) const {
  return pressure(state) * preferences(scenario_, state).hosting_cost;
}

// Call sites name the scenario, as when preferences were read from it; they are the world's now.
const StatePreferences& Valuation::preferences(const Scenario& /*scenario*/, int state) const {
  return view_.stances.preferences[static_cast<std::size_t>(state)];
}

PartyValues Valuation::at_actor(int actor, double value, int demander, int partner) const {
  return {actor == demander ? value : 0.0, actor == partner ? value : 0.0};
}

PartyValues Valuation::at_state(int state, double value, int demander, int partner) const {
  return {contains(demander, state) ? value : 0.0, contains(partner, state) ? value : 0.0};
}

PartyValues Valuation::at_party(int actor, double value, int demander, int partner) const {
  return actor < scenario_.state_count() ? at_state(actor, value, demander, partner)
                                         : at_actor(actor, value, demander, partner);
}

PartyValues Valuation::money(int payer_actor, int payee_actor, double amount, int demander,
                             int partner) const {
  PartyValues values = at_party(payer_actor, -amount, demander, partner);
  values += at_party(payee_actor, amount, demander, partner);
  return values;
}

PartyValues Valuation::onward(std::span<const int> corridors, int from, double people, int demander,
                              int partner) const {
  PartyValues values;
  double total = 0;
  int open = 0;
  for (int c : corridors) {
    if (network_.corridor_from(c) == from) {
      total += view_.corridors.open(c) * observed_.departures(c);
      open += view_.corridors.open(c) > 0 ? 1 : 0;
    }
  }
  for (int c : corridors) {
    if (network_.corridor_from(c) != from || view_.corridors.open(c) <= 0) {
      continue;
    }
    // Along the corridors people used last tick, evenly when nobody moved.
    const double share = total > 0 ? observed_.departures(c) / total : 1.0 / open;
    const int to = network_.corridor_to(c);
    const double through =
        people * share * (1.0 - view_.policy.lever(Lever::entry_enforcement)(to));
    values.demander -= arrival_value(demander, to) * through;
    values.partner -= arrival_value(partner, to) * through;
  }
  return values;
}

PartyValues Valuation::release(int state, double people, int demander, int partner) const {
  const auto corridors = network_.outgoing(state);
  if (corridors.empty() || people <= 0) {
    return {};
  }
  PartyValues values = onward(corridors, state, people, demander, partner);
  // The people who leave no longer cost the state that hosted them.
  values += at_state(state, hosting_cost(state) * people * retained_months(), demander, partner);
  return values;
}

double Valuation::inbound_ratio(int corridor, double from, double to) const {
  const int origin = network_.corridor_from(corridor);
  const BorderControls& border = view_.corridors.border;
  const double exit = border.in_force(Lever::exit_enforcement, corridor,
                                      view_.policy.lever(Lever::exit_enforcement)(origin));
  const double cut = scenario_.model.surge_cost_cut;
  // Departures in proportion to 1 + cut * f (the price falls by the share cut * f: a unit price
  // elasticity, linear in the cut), each getting past the origin's exit control cut by f
  // (corridor_risk.cpp).
  auto through = [&](double f) { return (1.0 + cut * f) * (1.0 - exit * (1.0 - f)); };
  return through(from) > 1e-9 ? through(to) / through(from) : 1.0;
}

PartyValues Valuation::surge_on_corridors(int instrument, int demander, int partner) const {
  const InstrumentSpec& spec = scenario_.instruments[static_cast<std::size_t>(instrument)];
  const bool in_force = view_.diplomacy.in_force(instrument) != 0;
  const int user = spec.user.index;
  const std::span<const int> corridors(spec.corridors);
  const bool aims_out = std::any_of(corridors.begin(), corridors.end(),
                                    [&](int c) { return network_.corridor_from(c) == user; });
  PartyValues values;
  // Out of the user: its pool mobilised as by a state-wide surge, along the listed borders only.
  const double mobilised = aims_out ? spec.mobilised_share * spec.level * observed_.pool(user) : 0;
  if (mobilised > 0) {
    values += onward(corridors, user, mobilised, demander, partner);
    values += at_state(user, hosting_cost(user) * mobilised * retained_months(), demander, partner);
  }
  // Into the user: the arrivals observed on each listed corridor, scaled by what its own
  // facilitation does to departures and exit interception. In force, the surge is already in
  // what was observed: it is valued by what returning the corridor to its state would undo.
  const BorderControls& border = view_.corridors.border;
  double brought = 0;
  for (int c : corridors) {
    if (network_.corridor_to(c) != user) {
      continue;
    }
    const double state_value = view_.policy.lever(Lever::facilitation)(network_.corridor_from(c));
    const double now = border.in_force(Lever::facilitation, c, state_value);
    const double arrivals = per_month(observed_.arrivals(c));
    brought += in_force ? arrivals * (1.0 - inbound_ratio(c, now, state_value))
                        : arrivals * (inbound_ratio(c, now, spec.level) - 1.0);
  }
  if (brought == 0) {
    return values;
  }
  if (aims_out) {
    // The surge moves them on along the listed borders: they only pass through the user.
    values.demander -= arrival_price(demander, user) * brought;
    values.partner -= arrival_price(partner, user) * brought;
    values += onward(corridors, user, brought, demander, partner);
  } else {
    // They arrive like the user's observed arrivals: the share that moved on moves on.
    values.demander -= arrival_value(demander, user) * brought;
    values.partner -= arrival_value(partner, user) * brought;
    values += onward(network_.outgoing(user), user, brought * (1.0 - observed_.stay_share(user)),
                     demander, partner);
  }
  return values;
}

void Valuation::add_exit_change(PartyValues& values, int corridor, double from, double to,
                                double facilitation, int demander, int partner) const {
  const int user = network_.corridor_from(corridor);
  const double ratio = pass_through_ratio(from, to, facilitation);
  const StatePreferences& wants = preferences(scenario_, user);
  const double arrivals = per_month(observed_.arrivals(corridor)) * (ratio - 1.0);
  const double stopped =
      per_month(observed_.departures(corridor)) * (to - from) * (1 - facilitation);
  const int destination = network_.corridor_to(corridor);
  values.demander -= arrival_value(demander, destination) * arrivals;
  values.partner -= arrival_value(partner, destination) * arrivals;
  if (scenario_.diplomacy.value_onward_moves) {
    // The arrivals removed that would have moved on, as the arrivals a surge brings into a
    // state move on (surge_on_corridors): the destination's observed share and routes.
    values += onward(network_.outgoing(destination), destination,
                     arrivals * (1.0 - observed_.stay_share(destination)), demander, partner);
  }
  // Those stopped are the user's to hold (or release) for the rest of the horizon.
  values +=
      at_state(user, -stopped * (wants.enforcement_cost + hosting_cost(user) * retained_months()),
               demander, partner);
}

PartyValues Valuation::exit_on_corridors(int instrument, int demander, int partner) const {
  const InstrumentSpec& spec = scenario_.instruments[static_cast<std::size_t>(instrument)];
  const bool in_force = view_.diplomacy.in_force(instrument) != 0;
  const int user = spec.user.index;
  const BorderControls& border = view_.corridors.border;
  const double state_decided = view_.policy.decided(Lever::exit_enforcement)(user);
  const double state_facilitation = view_.policy.lever(Lever::facilitation)(user);
  PartyValues values;
  for (int c : spec.corridors) {
    const double current = exit_decided_on(border, c, view_.policy, user);
    const double facilitation = border.in_force(Lever::facilitation, c, state_facilitation);
    if (in_force) {
      // Its effect is already in what was observed: value it as what ending it (the corridor
      // following its state again) would undo.
      PartyValues undo;
      add_exit_change(undo, c, current, state_decided, facilitation, demander, partner);
      values += -undo;
    } else {
      add_exit_change(values, c, current, committed_level(spec), facilitation, demander, partner);
    }
  }
  return values;
}

PartyValues Valuation::lever_change(int instrument, double from, double to, int demander,
                                    int partner) const {
  const InstrumentSpec& spec = scenario_.instruments[static_cast<std::size_t>(instrument)];
  const int user = spec.user.index;  // lever instruments are used by states
  PartyValues values;
  const std::optional<Lever> lever = traits_of(spec.type).lever;
  if (!lever) {
    return values;
  }
  switch (*lever) {
    case Lever::exit_enforcement: {
      const double facilitation = view_.policy.lever(Lever::facilitation)(user);
      for (int c : network_.outgoing(user)) {
        add_exit_change(values, c, from, to, facilitation, demander, partner);
      }
      break;
    }
    case Lever::entry_enforcement: {
      const StatePreferences& wants = preferences(scenario_, user);
      const double hypocrisy = wants.hypocrisy_cost * conduct(scenario_, user).democracy *
                               (1.0 + wants.polarisation) *
                               view_.policy.lever(Lever::pushback_rate)(user);
      for (int c : network_.incoming(user)) {
        // Attempts inferred from arrivals through the entry control in force.
        const double attempts = from < 1 ? per_month(observed_.arrivals(c)) / (1.0 - from) : 0.0;
        const double stopped = attempts * (to - from);
        values.demander += arrival_value(demander, user) * stopped;
        values.partner += arrival_value(partner, user) * stopped;
        values +=
            at_state(user, -stopped * (wants.enforcement_cost + hypocrisy), demander, partner);
        // Those turned away wait on the other side.
        const int origin = network_.corridor_from(c);
        values += at_state(origin, -stopped * hosting_cost(origin) * retained_months(), demander,
                           partner);
      }
      break;
    }
    case Lever::pushback_rate: {
      const StatePreferences& wants = preferences(scenario_, user);
      const double hypocrisy =
          wants.hypocrisy_cost * conduct(scenario_, user).democracy * (1.0 + wants.polarisation);
      for (int c : network_.incoming(user)) {
        const double pushed = per_month(observed_.entry_intercepted(c)) * (to - from);
        const int origin = network_.corridor_from(c);
        values += at_state(user, pushed * (hosting_cost(user) * retained_months() - hypocrisy),
                           demander, partner);
        values +=
            at_state(origin, -pushed * hosting_cost(origin) * retained_months(), demander, partner);
      }
      break;
    }
    case Lever::readmission_rate: {
      const int c = spec.corridor;
      const double readmitted = per_month(observed_.arrivals(c)) * (to - from);
      const int destination = network_.corridor_to(c);
      values.demander += arrival_value(demander, destination) * readmitted;
      values.partner += arrival_value(partner, destination) * readmitted;
      values +=
          at_state(user, -readmitted * hosting_cost(user) * retained_months(), demander, partner);
      break;
    }
    case Lever::quota: {
      const PathwaySpec& pathway = scenario_.pathways[static_cast<std::size_t>(spec.pathway)];
      const double moved = to - from;  // people per month
      const double stock = moved * retained_months();
      const int origin = network_.origin_of(pathway.nationality);
      if (pathway.kind == PathwayKind::labour) {
        const StatePreferences& host = preferences(scenario_, pathway.to);
        // Workers withheld by a ban are replaced over substitution_months: only the share of
        // the horizon's shortfall left unfilled counts, whether the ban starts or ends.
        const double unsubstituted =
            spec.type == InstrumentType::deployment_ban
                ? host.substitution_months / (host.substitution_months + horizon_)
                : 1.0;
        values +=
            at_state(pathway.to, host.labour_value * stock * unsubstituted, demander, partner);
        values += at_state(origin, preferences(scenario_, origin).remittance_per_worker * stock,
                           demander, partner);
      } else {
        values += at_state(pathway.from, hosting_cost(pathway.from) * stock, demander, partner);
      }
      break;
    }
    case Lever::facilitation:
    case Lever::hosting_capacity:
    case Lever::readmission_acceptance:
      break;  // valued by use() through the people they move, not as a lever change
    case Lever::push_intensity:
    case Lever::stay_utility:
    case Lever::labour_demand:
    case Lever::return_rate:
    case Lever::recognition_rate:
    case Lever::asylum_processing_rate:
    case Lever::mortality:
    case Lever::cost:
    case Lever::capacity:
    case Lever::removal_capacity:
    case Lever::removal_cost:
    case Lever::offshore_capacity:
    case Lever::offshore_cost:
    case Lever::expulsion_capacity:
      break;  // no instrument sets these (kInstrumentTypes)
  }
  return values;
}

PartyValues Valuation::use(int instrument, int demander, int partner) const {
  const InstrumentSpec& spec = scenario_.instruments[static_cast<std::size_t>(instrument)];
  const Diplomacy& diplomacy = view_.diplomacy;
  const bool in_force = diplomacy.in_force(instrument) != 0;
  const int user_actor = scenario_.actor_of(spec.user);
  // A member's instrument at its bloc's table costs the bloc what it costs the member.
  PartyValues values =
      at_party(user_actor, -view_.stances.cost_to_user(instrument), demander, partner);
  if (spec.target >= 0) {
    values += at_state(spec.target, view_.stances.value_to_target(instrument), demander, partner);
  }
  const int user = spec.user.index;
  switch (spec.type) {
    case InstrumentType::transfer:
      break;  // the price of a deal: set by the bargain, not valued here
    case InstrumentType::budget_support:
    case InstrumentType::migration_funding:
      values += money(user_actor, spec.target, view_.stances.amount(instrument), demander, partner);
      break;
    case InstrumentType::visa_liberalisation:
    case InstrumentType::trade_access:
    case InstrumentType::worker_protections:
    case InstrumentType::visa_restriction:
    case InstrumentType::sanctions:
      break;  // valued through value_to_target and cost_to_user alone
    case InstrumentType::aid_cut: {
      double aid = 0;
      for (const Transfer& transfer : view_.treasury.transfers) {
        if (transfer.active && is_aid_cut_by(scenario_, transfer, spec)) {
          aid += transfer.per_month;
        }
      }
      values += money(spec.target, user_actor, aid, demander, partner);
      break;
    }
    case InstrumentType::open_gates:
    case InstrumentType::engineered_surge: {
      if (!spec.corridors.empty()) {
        values += surge_on_corridors(instrument, demander, partner);
        break;
      }
      const double people = spec.mobilised_share * spec.level * observed_.pool(user);
      values += release(user, people, demander, partner);
      break;
    }
    case InstrumentType::camp_closure: {
      const double evicted = spec.level * observed_.hosted(user);
      values += release(user, spec.mobilised_share * evicted, demander, partner);
      break;
    }
    case InstrumentType::refuse_readmission: {
      const auto nationality = scenario_.nationality_of_state(user);
      if (nationality) {
        for (int s = 0; s < scenario_.state_count(); ++s) {
          const double returned = per_month(observed_.returned(*nationality, s));
          values.demander -= arrival_value(demander, s) * returned;
          values.partner -= arrival_value(partner, s) * returned;
        }
      }
      break;
    }
    case InstrumentType::exit_enforcement:
    case InstrumentType::departure_ban:
    case InstrumentType::entry_enforcement:
    case InstrumentType::pushback:
    case InstrumentType::readmission:
    case InstrumentType::legal_pathway:
    case InstrumentType::deployment_ban: {
      const double current = lever_value(spec, view_);
      // What the states have learned it does, relative to the linear response (learning.cpp).
      const double effect = diplomacy.learned_effect(instrument);
      if (!spec.corridors.empty()) {
        values += exit_on_corridors(instrument, demander, partner).scaled(effect);
        break;
      }
      if (in_force) {
        // Its effect is already in what was observed: value it as what ending it would undo.
        values +=
            -lever_change(instrument, current, diplomacy.baseline(instrument), demander, partner)
                 .scaled(effect);
        break;
      }
      values += lever_change(instrument, current, committed_level(spec), demander, partner)
                    .scaled(effect);
      break;
    }
  }
  return values;
}

}  // namespace migdip
