#include "phases/scheduled_events.h"

#include <algorithm>

#include "migdip/core/error.h"

namespace migdip {
namespace {

Eigen::ArrayXd& state_lever(StatePolicy& policy, EventParameter parameter) {
  switch (parameter) {
    case EventParameter::push_intensity:
      return policy.push_intensity;
    case EventParameter::stay_utility:
      return policy.stay_utility;
    case EventParameter::exit_enforcement:
      return policy.exit_enforcement_target;  // the policy phase phases it in
    case EventParameter::entry_enforcement:
      return policy.entry_enforcement_target;
    case EventParameter::pushback_rate:
      return policy.pushback_rate;
    case EventParameter::readmission_acceptance:
      return policy.readmission_acceptance;
    case EventParameter::return_rate:
      return policy.return_rate;
    case EventParameter::hosting_capacity:
      return policy.hosting_capacity;
    case EventParameter::recognition_rate:
      return policy.recognition_rate;
    case EventParameter::asylum_processing_rate:
      return policy.asylum_processing_rate;
    default:
      throw InternalError("not a state parameter: " + std::string(to_string(parameter)));
  }
}

Eigen::ArrayXd& corridor_condition(CorridorConditions& corridors, EventParameter parameter) {
  switch (parameter) {
    case EventParameter::mortality:
      return corridors.base_mortality;
    case EventParameter::cost:
      return corridors.cost;
    case EventParameter::capacity:
      return corridors.capacity;
    case EventParameter::readmission_rate:
      return corridors.readmission_rate;
    default:
      throw InternalError("not a corridor parameter: " + std::string(to_string(parameter)));
  }
}

void apply_set(const Scenario& scenario, const EventSpec& event, EventTargets& targets) {
  switch (event.target_kind) {
    case TargetKind::state:
      state_lever(targets.policy, event.parameter)(event.target) = event.value;
      break;
    case TargetKind::bloc:
      for (int member : scenario.blocs[static_cast<std::size_t>(event.target)].members) {
        state_lever(targets.policy, event.parameter)(member) = event.value;
      }
      break;
    case TargetKind::corridor:
      corridor_condition(targets.corridors, event.parameter)(event.target) = event.value;
      break;
    case TargetKind::pathway:
      targets.pathway_quota(event.target) = event.value;
      break;
    case TargetKind::none:
      throw InternalError("set event without a target: " + event.id);
  }
}

bool involves(const Scenario& scenario, const Party& party, int state) {
  if (party.kind == TargetKind::state) {
    return party.index == state;
  }
  const auto& members = scenario.blocs[static_cast<std::size_t>(party.index)].members;
  return std::find(members.begin(), members.end(), state) != members.end();
}

// A new government is not bound by its predecessor's payments, and its levers may change.
void apply_coup(const Scenario& scenario, const EventSpec& event, EventTargets& targets) {
  const int state = event.target;
  ++targets.policy.government(state);
  if (event.new_exit_enforcement) {
    targets.policy.exit_enforcement_target(state) = *event.new_exit_enforcement;
  }
  if (event.new_readmission_acceptance) {
    targets.policy.readmission_acceptance(state) = *event.new_readmission_acceptance;
  }
  for (Transfer& transfer : targets.treasury.transfers) {
    if (transfer.active &&
        (involves(scenario, transfer.payer, state) || involves(scenario, transfer.payee, state))) {
      transfer.active = false;
    }
  }
}

}  // namespace

void apply_scheduled_events(const Scenario& scenario, int tick, EventTargets targets,
                            std::vector<int>& applied) {
  // Events are sorted by tick: find this tick's range without scanning the whole schedule.
  auto first = std::lower_bound(scenario.events.begin(), scenario.events.end(), tick,
                                [](const EventSpec& event, int t) { return event.tick < t; });
  for (auto it = first; it != scenario.events.end() && it->tick == tick; ++it) {
    const EventSpec& event = *it;
    const auto index = static_cast<std::size_t>(it - scenario.events.begin());
    switch (event.type) {
      case EventType::set:
        apply_set(scenario, event, targets);
        break;
      case EventType::open_corridor:
        targets.corridors.open(event.target) = 1.0;
        break;
      case EventType::close_corridor:
        targets.corridors.open(event.target) = 0.0;
        break;
      case EventType::transfer: {
        Transfer& transfer =
            targets.treasury
                .transfers[static_cast<std::size_t>(targets.treasury.slot_of_event[index])];
        transfer.payer = event.payer;
        transfer.payee = event.payee;
        transfer.per_month = event.amount / event.over_months;
        transfer.remaining = event.amount;
        transfer.active = true;
        break;
      }
      case EventType::coup:
        apply_coup(scenario, event, targets);
        break;
      case EventType::engineered_surge:
        targets.policy.facilitation(event.target) = event.value;
        targets.policy.facilitation_end_tick(event.target) = event.end_tick.value_or(-1);
        break;
    }
    applied.push_back(static_cast<int>(index));
  }
}

}  // namespace migdip
