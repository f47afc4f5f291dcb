#include "migdip/world/world.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "migdip/core/calendar.h"

#include "migdip/world/travel_delay.h"

namespace migdip {
namespace {

void initialise_population(const Scenario& scenario, Population& population) {
  const int nationalities = scenario.nationality_count();
  const int states = scenario.state_count();
  for (auto& cohort : population.stock) {
    cohort.setZero(nationalities, states);
  }
  for (const InitialStock& initial : scenario.initial_stocks) {
    for (std::size_t status = 0; status < kStatusCount; ++status) {
      population.stock[status](initial.nationality, initial.location) += initial.people[status];
    }
  }
  // Only origin states lose residents to emigration; others' residents never enter the model.
  population.residents.setZero(states);
  for (int state : scenario.nationality_states) {
    population.residents(state) = scenario.states[static_cast<std::size_t>(state)].population;
  }
  // Stochastic runs move whole people: start from whole numbers too.
  if (scenario.settings.mode == SimulationMode::stochastic) {
    for (auto& cohort : population.stock) {
      cohort = cohort.round();
    }
    population.residents = population.residents.round();
  }
  const Eigen::ArrayXi delay = travel_delay_ticks(scenario);
  const int slots = 1 + (delay.size() > 0 ? delay.maxCoeff() : 0);
  population.travelling.assign(static_cast<std::size_t>(slots),
                               Eigen::ArrayXXd::Zero(nationalities, scenario.corridor_count()));
}

// Each lever of an owner starts at its holders' spec values.
template <LeverOwner Owner, typename Spec>
void initialise_levers(const std::vector<Spec>& specs, LeverArrays<Owner>& levers) {
  const auto n = static_cast<Eigen::Index>(specs.size());
  for (const LeverTraits& row : levers_of(Owner)) {
    Eigen::ArrayXd& values = levers(row.lever);
    values.resize(n);
    for (Eigen::Index i = 0; i < n; ++i) {
      values(i) = specs[static_cast<std::size_t>(i)].lever(row.lever);
    }
  }
}

void initialise_policy(const Scenario& scenario, StatePolicy& policy) {
  const int n = scenario.state_count();
  initialise_levers(scenario.states, policy.lever);
  for (const LeverTraits& row : levers_of(LeverOwner::state)) {
    if (row.phased) {
      policy.target(row.lever) = policy.lever(row.lever);
    }
  }
  policy.facilitation_end_tick.setConstant(n, -1);
  policy.government.setZero(n);
  policy.push_relief.setZero(n);
}

void initialise_corridors(const Scenario& scenario, CorridorConditions& corridors) {
  const int n = scenario.corridor_count();
  initialise_levers(scenario.corridors, corridors.lever);
  corridors.open.resize(n);
  for (int c = 0; c < n; ++c) {
    corridors.open(c) = scenario.corridors[static_cast<std::size_t>(c)].open ? 1.0 : 0.0;
  }
  corridors.mortality = corridors.lever(Lever::mortality);
  for (const Lever lever : kBorderLevers) {
    corridors.border.overridden(lever).setConstant(n, false);
    corridors.border.own(lever).setZero(n);
    for (int c = 0; c < n; ++c) {
      if (const std::optional<double>& own =
              scenario.corridors[static_cast<std::size_t>(c)].border(lever)) {
        corridors.border.overridden(lever)(c) = true;
        corridors.border.own(lever)(c) = *own;
      }
    }
    corridors.border.target(lever) = corridors.border.own(lever);
  }
  corridors.border.facilitation_end_tick.setConstant(n, -1);
  corridors.exit_interception.setZero(n);
  corridors.entry_interception.setZero(n);
  corridors.effective_cost = corridors.lever(Lever::cost);
  corridors.recent_demand.setZero(n);
}

void initialise_treasury(const Scenario& scenario, Treasury& treasury) {
  treasury.slot_of_event.assign(scenario.events.size(), -1);
  for (std::size_t e = 0; e < scenario.events.size(); ++e) {
    if (scenario.events[e].type == EventType::transfer) {
      treasury.slot_of_event[e] = static_cast<int>(treasury.transfers.size());
      Transfer transfer;
      transfer.event = static_cast<int>(e);
      treasury.transfers.push_back(transfer);
    }
  }
  treasury.transfer_paid.setZero(static_cast<Eigen::Index>(treasury.transfers.size()));
  treasury.received.setZero(scenario.state_count());
  treasury.paid.setZero(scenario.state_count());
  treasury.removal_spending.setZero(scenario.state_count());
  treasury.budget.resize(scenario.actor_count());
  for (int a = 0; a < scenario.actor_count(); ++a) {
    treasury.budget(a) =
        a < scenario.state_count()
            ? scenario.states[static_cast<std::size_t>(a)].budget.initial
            : scenario.blocs[static_cast<std::size_t>(a - scenario.state_count())].budget.initial;
  }
  treasury.aid_felt.setZero(scenario.state_count());
}

void initialise_diplomacy(const Scenario& scenario, Diplomacy& diplomacy) {
  const int negotiations = scenario.negotiation_count();
  const int instruments = scenario.instrument_count();
  const int actors = scenario.actor_count();
  diplomacy.active_deal.setConstant(negotiations, -1);
  diplomacy.next_bargain_tick.resize(negotiations);
  int longest_lag = 0;
  for (int n = 0; n < negotiations; ++n) {
    const NegotiationSpec& negotiation = scenario.negotiations[static_cast<std::size_t>(n)];
    diplomacy.next_bargain_tick(n) = negotiation.start_tick;
    longest_lag = std::max(longest_lag, ticks_in_months(negotiation.monitoring_lag_months,
                                                        scenario.settings.tick_length));
  }
  diplomacy.last_inputs.setZero(negotiations, 4);
  diplomacy.surplus.setZero(negotiations);
  diplomacy.deal_payment.setZero(negotiations);
  diplomacy.compliance_history.setOnes(negotiations, longest_lag + 1);
  diplomacy.evaluations.setZero(negotiations);
  diplomacy.agreed_last.setZero(negotiations);
  diplomacy.changed.setZero(negotiations);
  diplomacy.opened.resize(negotiations);
  for (int n = 0; n < negotiations; ++n) {
    diplomacy.opened(n) =
        scenario.negotiations[static_cast<std::size_t>(n)].opens_at_salience > 0 ? 0 : 1;
  }
  diplomacy.reputation.resize(actors);
  for (int a = 0; a < actors; ++a) {
    diplomacy.reputation(a) =
        a < scenario.state_count()
            ? scenario.states[static_cast<std::size_t>(a)].conduct.reputation
            : scenario.blocs[static_cast<std::size_t>(a - scenario.state_count())]
                  .conduct.reputation;
  }
  diplomacy.credibility.setZero(instruments);
  diplomacy.in_force.setZero(instruments);
  diplomacy.baseline.setZero(instruments);
  diplomacy.applied_value.setZero(instruments);
  diplomacy.announced.setZero(instruments);
  diplomacy.holder.setConstant(instruments, -1);
  diplomacy.threat_tick.setConstant(instruments, -1);
  diplomacy.learned_effect.setOnes(instruments);
  diplomacy.audience_costs.setZero(actors);
  diplomacy.utility.setZero(scenario.state_count());
  diplomacy.leaked.setZero(scenario.state_count());
  // Deals and log lines are rare events; reserve so that a typical run never reallocates. A
  // table signs at most one deal a month (a deal is not reopened in its first month), and with
  // learning and renegotiation about one a quarter: reserve that, and at least four.
  const int month_ticks = std::max(1, ticks_in_months(1.0, scenario.settings.tick_length));
  const int quarters = scenario.settings.ticks / (3 * month_ticks) + 1;
  diplomacy.deals.reserve(static_cast<std::size_t>(negotiations) *
                          static_cast<std::size_t>(std::max(4, quarters)));
  diplomacy.log.reserve(static_cast<std::size_t>(negotiations) * 64);
}

// Before any salience: pressure 0 where it is on (1, full weight, where it is off), approval at
// its base, no successor yet, and the first election at next_election or one cycle in.
void initialise_domestic_politics(const Scenario& scenario, Politics& politics) {
  const int states = scenario.state_count();
  politics.pressure.setOnes(states);
  politics.approval.setZero(states);
  politics.arrival_cost_factor.setOnes(states);
  politics.next_election_tick.setConstant(states, -1);
  for (int s = 0; s < states; ++s) {
    const StateSpec& state = scenario.states[static_cast<std::size_t>(s)];
    politics.pressure(s) = state.politics.pressure_salience > 0 ? 0.0 : 1.0;
    politics.approval(s) = state.politics.approval;
    if (state.conduct.election_tick) {
      politics.next_election_tick(s) = *state.conduct.election_tick;
    } else if (state.politics.election_cycle_months > 0) {
      politics.next_election_tick(s) = std::max(
          1, ticks_in_months(state.politics.election_cycle_months, scenario.settings.tick_length));
    }
  }
}

void initialise_stances(const Scenario& scenario, Stances& stances) {
  stances.preferences.clear();
  for (const StateSpec& state : scenario.states) {
    stances.preferences.push_back(state.preferences);
  }
  const int instruments = scenario.instrument_count();
  stances.value_to_target.resize(instruments);
  stances.cost_to_user.resize(instruments);
  stances.amount.resize(instruments);
  for (int i = 0; i < instruments; ++i) {
    const InstrumentSpec& instrument = scenario.instruments[static_cast<std::size_t>(i)];
    stances.value_to_target(i) = instrument.value_to_target;
    stances.cost_to_user(i) = instrument.cost_to_user;
    stances.amount(i) = instrument.amount;
  }
}

void initialise_beliefs(const Scenario& scenario, Beliefs& beliefs) {
  const ModelParameters& model = scenario.model;
  beliefs.lag_ticks = static_cast<int>(
      std::lround(model.belief_lag_days / nominal_tick_days(scenario.settings.tick_length)));
  beliefs.memory_days = model.belief_memory_days;
  beliefs.active = beliefs_can_differ(scenario);
  if (!beliefs.active) {
    return;  // decisions read the truth: nothing to hold
  }
  for (const Belief belief : kBeliefs) {
    const Eigen::Index n =
        of_corridors(belief) ? scenario.corridor_count() : scenario.state_count();
    beliefs.believed(belief).setZero(n);
    beliefs.seen(belief).setZero(n, beliefs.lag_ticks + 1);
    beliefs.claimed(belief).setZero(n);
    beliefs.credibility(belief).setZero(n);
    beliefs.claim_end(belief).setZero(n);
  }
}

}  // namespace

World::World(const Scenario& scenario) {
  initialise_population(scenario, population);
  flows.resize(scenario.nationality_count(), scenario.state_count(), scenario.corridor_count(),
               scenario.pathway_count());
  initialise_policy(scenario, policy);
  initialise_corridors(scenario, corridors);
  initialise_beliefs(scenario, beliefs);
  initialise_levers(scenario.pathways, pathway_lever);
  initialise_treasury(scenario, treasury);
  route_value.setZero(scenario.nationality_count(), scenario.state_count());
  politics.observed_arrivals.setZero(scenario.state_count());
  politics.salience.resize(scenario.state_count());
  for (int s = 0; s < scenario.state_count(); ++s) {
    politics.salience(s) = scenario.states[static_cast<std::size_t>(s)].initial_salience;
  }
  politics.observed_deaths.setZero(scenario.state_count());
  initialise_domestic_politics(scenario, politics);
  initialise_stances(scenario, stances);
  // Every event of a tick, and again every announcement whose change takes effect then.
  applied_events.reserve(2 * scenario.events.size());
  initialise_diplomacy(scenario, diplomacy);
  initial_people = population.total_people();
}

}  // namespace migdip
