#include "phases/scheduled_events.h"

#include <algorithm>
#include <limits>

#include "migdip/core/error.h"
#include "phases/government_change.h"
#include "phases/stance_events.h"

namespace migdip {
namespace {

// The state's value in force on the lever's side of a corridor, where it is not overridden.
double state_value_on_border(const Scenario& scenario, const StatePolicy& policy, Lever lever,
                             int corridor) {
  const CorridorSpec& spec = scenario.corridors[static_cast<std::size_t>(corridor)];
  return policy.lever(lever)(side_state(lever, spec.from, spec.to));
}

// A corridor's own value of a state lever acting at its border. A phased one gets a target,
// approached from the value in force until now (the state's, if the corridor followed it) at
// the policy lag of the state on its side; any other takes effect at once.
void set_border_control(const Scenario& scenario, const EventSpec& event, EventTargets& targets) {
  BorderControls& border = targets.corridors.border;
  const Lever lever = event.parameter;
  const int c = event.target;
  border.override_from(
      lever, c,
      border.in_force(lever, c, state_value_on_border(scenario, targets.policy, lever, c)));
  (traits_of(lever).phased ? border.target(lever) : border.own(lever))(c) = event.value;
}

void apply_set(const Scenario& scenario, const EventSpec& event, EventTargets& targets) {
  if (event.stance) {
    if (targets.stances == nullptr || targets.politics == nullptr || targets.diplomacy == nullptr) {
      throw InternalError("stance event without the world's stances: " + event.id);
    }
    apply_stance_event(
        scenario, event,
        StanceTargets{*targets.stances, *targets.politics, *targets.diplomacy, targets.treasury});
    return;
  }
  switch (event.target_kind) {
    case TargetKind::state:
      targets.policy.decided(event.parameter)(event.target) = event.value;
      break;
    case TargetKind::bloc:
      for (int member : scenario.blocs[static_cast<std::size_t>(event.target)].members) {
        targets.policy.decided(event.parameter)(member) = event.value;
      }
      break;
    case TargetKind::corridor:
      if (owner_of(event.parameter) == LeverOwner::corridor) {
        targets.corridors.lever(event.parameter)(event.target) = event.value;
      } else {
        set_border_control(scenario, event, targets);
      }
      break;
    case TargetKind::pathway:
      targets.pathway_lever(event.parameter)(event.target) = event.value;
      break;
    case TargetKind::instrument:
    case TargetKind::none:
      throw InternalError("set event without a lever's target: " + event.id);
  }
}

// A new government is not bound by its predecessor's payments, and its levers may change.
void apply_coup(const Scenario& scenario, const EventSpec& event, EventTargets& targets) {
  const int state = event.target;
  for (const LeverTraits& lever : levers_of(LeverOwner::state)) {
    if (const std::optional<double>& chosen = event.new_government(lever.lever)) {
      targets.policy.decided(lever.lever)(state) = *chosen;
    }
  }
  change_government(scenario, state, targets.policy, targets.treasury);
}

// Migrants hear that `event.parameter` has `event.value` until tick `end`: every belief about
// it on the event's target (a state's borders that follow it, for a state's enforcement) is
// pulled towards the claim, as far as it is credible. A later claim replaces an earlier one.
void hear_claim(const Scenario& scenario, const EventSpec& event, EventTargets& targets, int end) {
  Beliefs* beliefs = targets.beliefs;
  const std::optional<Belief> belief = belief_about(event.parameter);
  if (beliefs == nullptr || !beliefs->active || !belief) {
    return;
  }
  const auto claim = [&](int entity) {
    beliefs->claimed (*belief)(entity) = event.value;
    beliefs->credibility (*belief)(entity) = event.credibility;
    beliefs->claim_end (*belief)(entity) = end;
  };
  if (event.target_kind == TargetKind::corridor || !of_corridors(*belief)) {
    claim(event.target);
    return;
  }
  for (int c = 0; c < scenario.corridor_count(); ++c) {
    const CorridorSpec& spec = scenario.corridors[static_cast<std::size_t>(c)];
    if (side_state(event.parameter, spec.from, spec.to) == event.target &&
        !targets.corridors.border.overridden(event.parameter)(c)) {
      claim(c);
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
        if (event.target_kind == TargetKind::corridor) {
          // A surge aimed at one neighbour: that border's own facilitation.
          BorderControls& border = targets.corridors.border;
          border.override_from(Lever::facilitation, event.target, event.value);
          border.own(Lever::facilitation)(event.target) = event.value;
          border.facilitation_end_tick(event.target) = event.end_tick.value_or(-1);
          break;
        }
        targets.policy.lever(Lever::facilitation)(event.target) = event.value;
        targets.policy.facilitation_end_tick(event.target) = event.end_tick.value_or(-1);
        break;
      case EventType::announcement: {
        // Believed until the change, once in force, has been seen (the belief lag later).
        const int lag = targets.beliefs != nullptr ? targets.beliefs->lag_ticks : 0;
        hear_claim(scenario, event, targets, event.effective_tick + lag);
        break;
      }
      case EventType::rumour:
        hear_claim(scenario, event, targets,
                   event.end_tick.value_or(std::numeric_limits<int>::max()));
        break;
    }
    applied.push_back(static_cast<int>(index));
  }
  // Announced changes take effect as a `set` would, after this tick's own events. Scanning the
  // schedule costs little next to a migration phase.
  for (std::size_t index = 0; index < scenario.events.size(); ++index) {
    const EventSpec& event = scenario.events[index];
    if (event.type == EventType::announcement && event.effective_tick == tick) {
      apply_set(scenario, event, targets);
      applied.push_back(static_cast<int>(index));
    }
  }
}

}  // namespace migdip
