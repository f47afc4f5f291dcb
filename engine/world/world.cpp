#include "migdip/world/world.h"

#include <algorithm>

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

void initialise_policy(const Scenario& scenario, StatePolicy& policy) {
  const int n = scenario.state_count();
  auto from_specs = [&](double StateSpec::*field) {
    Eigen::ArrayXd values(n);
    for (int s = 0; s < n; ++s) {
      values(s) = scenario.states[static_cast<std::size_t>(s)].*field;
    }
    return values;
  };
  policy.push_intensity = from_specs(&StateSpec::push_intensity);
  policy.stay_utility = from_specs(&StateSpec::stay_utility);
  policy.exit_enforcement = from_specs(&StateSpec::exit_enforcement);
  policy.exit_enforcement_target = policy.exit_enforcement;
  policy.entry_enforcement = from_specs(&StateSpec::entry_enforcement);
  policy.entry_enforcement_target = policy.entry_enforcement;
  policy.pushback_rate = from_specs(&StateSpec::pushback_rate);
  policy.readmission_acceptance = from_specs(&StateSpec::readmission_acceptance);
  policy.return_rate = from_specs(&StateSpec::return_rate);
  policy.hosting_capacity = from_specs(&StateSpec::hosting_capacity);
  policy.recognition_rate = from_specs(&StateSpec::recognition_rate);
  policy.asylum_processing_rate = from_specs(&StateSpec::asylum_processing_rate);
  policy.facilitation.setZero(n);
  policy.facilitation_end_tick.setConstant(n, -1);
  policy.government.setZero(n);
}

void initialise_corridors(const Scenario& scenario, CorridorConditions& corridors) {
  const int n = scenario.corridor_count();
  auto from_specs = [&](auto field) {
    Eigen::ArrayXd values(n);
    for (int c = 0; c < n; ++c) {
      values(c) = static_cast<double>(scenario.corridors[static_cast<std::size_t>(c)].*field);
    }
    return values;
  };
  corridors.open = from_specs(&CorridorSpec::open);
  corridors.base_mortality = from_specs(&CorridorSpec::mortality);
  corridors.cost = from_specs(&CorridorSpec::cost);
  corridors.capacity = from_specs(&CorridorSpec::capacity);
  corridors.readmission_rate = from_specs(&CorridorSpec::readmission_rate);
  corridors.mortality = corridors.base_mortality;
  corridors.exit_interception.setZero(n);
  corridors.entry_interception.setZero(n);
  corridors.effective_cost = corridors.cost;
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
  diplomacy.audience_costs.setZero(actors);
  diplomacy.utility.setZero(scenario.state_count());
  diplomacy.leaked.setZero(scenario.state_count());
  // Deals and log lines are rare events; reserve so that a typical run never reallocates.
  diplomacy.deals.reserve(static_cast<std::size_t>(negotiations) * 4);
  diplomacy.log.reserve(static_cast<std::size_t>(negotiations) * 64);
}

}  // namespace

World::World(const Scenario& scenario) {
  initialise_population(scenario, population);
  flows.resize(scenario.nationality_count(), scenario.state_count(), scenario.corridor_count(),
               scenario.pathway_count());
  initialise_policy(scenario, policy);
  initialise_corridors(scenario, corridors);
  pathway_quota.resize(scenario.pathway_count());
  for (int p = 0; p < scenario.pathway_count(); ++p) {
    pathway_quota(p) = scenario.pathways[static_cast<std::size_t>(p)].quota;
  }
  initialise_treasury(scenario, treasury);
  route_value.setZero(scenario.nationality_count(), scenario.state_count());
  politics.observed_arrivals.setZero(scenario.state_count());
  politics.salience.setZero(scenario.state_count());
  applied_events.reserve(scenario.events.size());
  initialise_diplomacy(scenario, diplomacy);
  initial_people = population.total_people();
}

}  // namespace migdip
