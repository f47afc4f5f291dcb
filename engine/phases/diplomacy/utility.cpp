// Realised utility: what each state got over the tick just simulated, in the same units and by
// the same preferences its government bargains with (docs/model.md, "Submodel: diplomacy").

#include "migdip/scenario/burden_sharing.h"
#include "migdip/world/migrant_status.h"
#include "phases/diplomacy/diplomacy_phase.h"

namespace migdip {

void DiplomacyPhase::assess_utility(const TickContext& tick, const DiplomacyInputs& in,
                                    const Treasury& treasury, Diplomacy& diplomacy) const {
  if (scenario_.negotiations.empty()) {
    return;
  }
  const double months = tick.months();
  const Flows& flows = in.flows;
  const Population& population = in.population;
  const Politics& politics = in.politics;
  for (int s = 0; s < scenario_.state_count(); ++s) {
    const StateSpec& state = scenario_.states[static_cast<std::size_t>(s)];
    const StatePreferences& wants = in.stances.preferences[static_cast<std::size_t>(s)];
    double utility = treasury.received(s) - treasury.paid(s) - treasury.removal_spending(s);
    const double arrival_price =
        wants.arrival_cost * politics.arrival_cost_factor(s) *
        (1.0 + wants.salience_weight * (1.0 + wants.polarisation) * politics.salience(s));
    const double hypocrisy =
        wants.hypocrisy_cost * state.conduct.democracy * (1.0 + wants.polarisation);
    for (int c : network_.incoming(s)) {
      // Readmitted people are sent back: only those who stay count as arrivals.
      utility -= arrival_price * (flows.arrivals.col(c).sum() - flows.readmitted.col(c).sum());
      utility -= wants.enforcement_cost * flows.entry_intercepted.col(c).sum();
      utility -= hypocrisy * flows.pushed_back.col(c).sum();
    }
    for (int c : network_.outgoing(s)) {
      utility -= wants.enforcement_cost * flows.exit_intercepted.col(c).sum();
    }
    const double held = population[MigrantStatus::hosted].col(s).sum() +
                        population[MigrantStatus::in_transit].col(s).sum();
    utility -= wants.hosting_cost * held * months;
    utility += wants.labour_value * population[MigrantStatus::legal].col(s).sum() * months;
    if (const auto nationality = scenario_.nationality_of_state(s)) {
      const double abroad = population[MigrantStatus::legal].row(*nationality).sum() -
                            population[MigrantStatus::legal](*nationality, s);
      utility += wants.remittance_per_worker * abroad * months;
    }
    utility -= diplomacy.audience_costs(s);
    diplomacy.utility(s) = utility;
  }
  // Instruments in force: what their targets gain and what they cost their users (a bloc's
  // cost falls on its members by its burden-sharing key).
  for (int i = 0; i < scenario_.instrument_count(); ++i) {
    if (diplomacy.in_force(i) == 0) {
      continue;
    }
    const InstrumentSpec& instrument = scenario_.instruments[static_cast<std::size_t>(i)];
    if (instrument.target >= 0) {
      diplomacy.utility(instrument.target) += in.stances.value_to_target(i) * months;
    }
    if (instrument.user.kind == TargetKind::state) {
      diplomacy.utility(instrument.user.index) -= in.stances.cost_to_user(i) * months;
    } else {
      const BlocSpec& bloc = scenario_.blocs[static_cast<std::size_t>(instrument.user.index)];
      const double total = burden_total(scenario_, bloc);
      for (std::size_t k = 0; k < bloc.members.size(); ++k) {
        diplomacy.utility(bloc.members[k]) -=
            in.stances.cost_to_user(i) * months * burden_weight(scenario_, bloc, k) / total;
      }
    }
  }
}

}  // namespace migdip
