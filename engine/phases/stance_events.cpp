#include "phases/stance_events.h"

#include "migdip/core/error.h"

namespace migdip {
namespace {

double& preference(StatePreferences& wants, StanceParameter parameter) {
  switch (parameter) {
    case StanceParameter::arrival_cost:
      return wants.arrival_cost;
    case StanceParameter::salience_weight:
      return wants.salience_weight;
    case StanceParameter::polarisation:
      return wants.polarisation;
    case StanceParameter::enforcement_cost:
      return wants.enforcement_cost;
    case StanceParameter::hosting_cost:
      return wants.hosting_cost;
    case StanceParameter::hypocrisy_cost:
      return wants.hypocrisy_cost;
    case StanceParameter::remittance_per_worker:
      return wants.remittance_per_worker;
    case StanceParameter::labour_value:
      return wants.labour_value;
    case StanceParameter::substitution_months:
      return wants.substitution_months;
    case StanceParameter::salience:
    case StanceParameter::reputation:
    case StanceParameter::budget:
    case StanceParameter::value_to_target:
    case StanceParameter::cost_to_user:
    case StanceParameter::amount:
      break;
  }
  throw InternalError("not a preference: " + std::string(traits_of(parameter).name));
}

// A state's own parameter: a preference or its salience.
void set_state(StanceParameter parameter, int state, double value, StanceTargets& targets) {
  if (parameter == StanceParameter::salience) {
    targets.politics.salience(state) = value;
    return;
  }
  preference(targets.stances.preferences[static_cast<std::size_t>(state)], parameter) = value;
}

// An instrument's own parameter: a valuation or the money it moves.
Eigen::ArrayXd& instrument_stance(StanceParameter parameter, Stances& stances) {
  switch (parameter) {
    case StanceParameter::value_to_target:
      return stances.value_to_target;
    case StanceParameter::cost_to_user:
      return stances.cost_to_user;
    case StanceParameter::amount:
      return stances.amount;
    case StanceParameter::arrival_cost:
    case StanceParameter::salience_weight:
    case StanceParameter::polarisation:
    case StanceParameter::enforcement_cost:
    case StanceParameter::hosting_cost:
    case StanceParameter::hypocrisy_cost:
    case StanceParameter::remittance_per_worker:
    case StanceParameter::labour_value:
    case StanceParameter::substitution_months:
    case StanceParameter::salience:
    case StanceParameter::reputation:
    case StanceParameter::budget:
      break;
  }
  throw InternalError("not an instrument's parameter: " + std::string(traits_of(parameter).name));
}

}  // namespace

void apply_stance_event(const Scenario& scenario, const EventSpec& event, StanceTargets targets) {
  const StanceParameter parameter = *event.stance;
  const bool bloc = event.target_kind == TargetKind::bloc;
  switch (traits_of(parameter).owner) {
    case StanceOwner::state:
      if (bloc) {
        for (int member : scenario.blocs[static_cast<std::size_t>(event.target)].members) {
          set_state(parameter, member, event.value, targets);
        }
      } else {
        set_state(parameter, event.target, event.value, targets);
      }
      break;
    case StanceOwner::actor: {
      const int actor = bloc ? scenario.state_count() + event.target : event.target;
      (parameter == StanceParameter::reputation ? targets.diplomacy.reputation
                                                : targets.treasury.budget)(actor) = event.value;
      break;
    }
    case StanceOwner::instrument:
      instrument_stance(parameter, targets.stances)(event.target) = event.value;
      break;
  }
  // What the parties want changed without any flow moving: every table looks again.
  targets.diplomacy.changed.setOnes();
}

}  // namespace migdip
