#include "phases/diplomacy/instrument_levers.h"

#include <type_traits>

namespace migdip {
namespace {

// The lever an instrument moves, or nullptr when it has none, in the diplomacy phase's view
// (read only) or targets.
template <typename Parts>
auto* lever_of(const InstrumentSpec& instrument, const Parts& parts) {
  using Value = std::remove_reference_t<decltype(parts.policy.decided(Lever::facilitation)(0))>;
  const std::optional<Lever> lever = traits_of(instrument.type).lever;
  if (!lever) {
    return static_cast<Value*>(nullptr);
  }
  switch (traits_of(*lever).owner) {
    case LeverOwner::state:
      return &parts.policy.decided(*lever)(instrument.user.index);
    case LeverOwner::corridor:
      return &parts.corridors.lever(*lever)(instrument.corridor);
    case LeverOwner::pathway:
      return &parts.pathway_lever(*lever)(instrument.pathway);
  }
  return static_cast<Value*>(nullptr);
}

double lever_target(const InstrumentSpec& instrument, double current) {
  switch (traits_of(instrument.type).setting) {
    case LeverSetting::none:
      return current;
    case LeverSetting::to_level:
      return instrument.level;
    case LeverSetting::to_zero:
      return 0.0;
    case LeverSetting::cut_by_level:
      return current * (1.0 - instrument.level);
  }
  return current;
}

void suspend_aid(const Scenario& scenario, const InstrumentSpec& instrument, Treasury& treasury,
                 bool suspended) {
  for (Transfer& transfer : treasury.transfers) {
    if (is_aid_cut_by(scenario, transfer, instrument)) {
      transfer.suspended = suspended;
    }
  }
}

// A surge aimed at corridors: each listed corridor gets facilitation of its own, moved from
// the value in force there by the share delivered (the override a surge event aimed at one
// border uses, scheduled_events.cpp), lasting while the instrument is in force.
void start_surge_on_corridors(const Scenario& scenario, const InstrumentSpec& spec,
                              double delivered, const DiplomacyTargets& targets) {
  BorderControls& border = targets.corridors.border;
  const Eigen::ArrayXd& state_value = targets.policy.lever(Lever::facilitation);
  for (const int c : spec.corridors) {
    const int from = scenario.corridors[static_cast<std::size_t>(c)].from;
    const double now = border.in_force(Lever::facilitation, c, state_value(from));
    border.override_from(Lever::facilitation, c, now);
    border.own(Lever::facilitation)(c) = now + (spec.level - now) * delivered;
    border.facilitation_end_tick(c) = -1;
  }
}

// An exit control aimed at corridors: each listed corridor (out of the user) gets exit
// enforcement of its own, phased in from the value in force there at the user's policy lag
// (as a border event, scheduled_events.cpp), toward its decided value moved by the share
// delivered. The baseline kept for compliance is the mean decided value it replaced.
void start_exit_on_corridors(const InstrumentSpec& spec, double delivered,
                             const DiplomacyTargets& targets, int instrument) {
  BorderControls& border = targets.corridors.border;
  const int user = spec.user.index;
  const double state_in_force = targets.policy.lever(Lever::exit_enforcement)(user);
  double replaced = 0;
  for (const int c : spec.corridors) {
    const double decided = exit_decided_on(border, c, targets.policy, user);
    replaced += decided;
    border.override_from(Lever::exit_enforcement, c,
                         border.in_force(Lever::exit_enforcement, c, state_in_force));
    border.target(Lever::exit_enforcement)(c) = decided + (spec.level - decided) * delivered;
  }
  targets.diplomacy.baseline(instrument) = replaced / static_cast<double>(spec.corridors.size());
}

// Ending it returns each listed corridor to its state's value of the lever it set.
void end_on_corridors(const InstrumentSpec& spec, const DiplomacyTargets& targets) {
  const Lever lever = *traits_of(spec.type).lever;
  for (const int c : spec.corridors) {
    targets.corridors.border.follow_state(lever, c);
  }
}

bool exit_on_corridors(const InstrumentSpec& spec) {
  return !spec.corridors.empty() && traits_of(spec.type).lever == Lever::exit_enforcement;
}

}  // namespace

bool is_aid_cut_by(const Scenario& scenario, const Transfer& transfer,
                   const InstrumentSpec& aid_cut) {
  return scenario.actor_of(transfer.payer) == scenario.actor_of(aid_cut.user) &&
         transfer.payee.kind == TargetKind::state && transfer.payee.index == aid_cut.target;
}

double lever_value(const InstrumentSpec& instrument, const DiplomacyView& view) {
  if (exit_on_corridors(instrument)) {
    double sum = 0;
    for (const int c : instrument.corridors) {
      sum += exit_decided_on(view.corridors.border, c, view.policy, instrument.user.index);
    }
    return sum / static_cast<double>(instrument.corridors.size());
  }
  const double* lever = lever_of(instrument, view);
  return lever != nullptr ? *lever : 0.0;
}

double lever_in_effect(const InstrumentSpec& instrument, const DiplomacyView& view) {
  const std::optional<Lever> lever = traits_of(instrument.type).lever;
  if (exit_on_corridors(instrument)) {
    const double state_value = view.policy.lever(Lever::exit_enforcement)(instrument.user.index);
    double sum = 0;
    for (const int c : instrument.corridors) {
      sum += view.corridors.border.in_force(Lever::exit_enforcement, c, state_value);
    }
    return sum / static_cast<double>(instrument.corridors.size());
  }
  if (lever && traits_of(*lever).phased) {
    // Only state levers are phased (levers.h).
    return view.policy.lever(*lever)(instrument.user.index);
  }
  return lever_value(instrument, view);
}

void start_instrument(const Scenario& scenario, int instrument, double delivered,
                      const DiplomacyTargets& targets) {
  const InstrumentSpec& spec = scenario.instruments[static_cast<std::size_t>(instrument)];
  Diplomacy& diplomacy = targets.diplomacy;
  diplomacy.in_force(instrument) = 1;
  if (spec.type == InstrumentType::aid_cut) {
    suspend_aid(scenario, spec, targets.treasury, true);
    return;
  }
  if (exit_on_corridors(spec)) {
    start_exit_on_corridors(spec, delivered, targets, instrument);
    return;
  }
  if (!spec.corridors.empty()) {
    start_surge_on_corridors(scenario, spec, delivered, targets);
    return;
  }
  double* lever = lever_of(spec, targets);
  if (lever == nullptr) {
    return;
  }
  diplomacy.baseline(instrument) = *lever;
  *lever += (lever_target(spec, *lever) - *lever) * delivered;
  diplomacy.applied_value(instrument) = *lever;
  // Facilitation set by an instrument lasts while it is in force, not to a scheduled surge's end.
  if (traits_of(spec.type).lever == Lever::facilitation) {
    targets.policy.facilitation_end_tick(spec.user.index) = -1;
  }
}

void end_instrument(const Scenario& scenario, int instrument, const DiplomacyTargets& targets) {
  const InstrumentSpec& spec = scenario.instruments[static_cast<std::size_t>(instrument)];
  Diplomacy& diplomacy = targets.diplomacy;
  diplomacy.in_force(instrument) = 0;
  diplomacy.holder(instrument) = -1;
  if (spec.type == InstrumentType::aid_cut) {
    suspend_aid(scenario, spec, targets.treasury, false);
    // Another aid cut still in force keeps holding back what it covers.
    for (int other = 0; other < scenario.instrument_count(); ++other) {
      const InstrumentSpec& cut = scenario.instruments[static_cast<std::size_t>(other)];
      if (cut.type == InstrumentType::aid_cut && diplomacy.in_force(other) != 0) {
        suspend_aid(scenario, cut, targets.treasury, true);
      }
    }
    return;
  }
  if (!spec.corridors.empty()) {
    end_on_corridors(spec, targets);
    return;
  }
  double* lever = lever_of(spec, targets);
  if (lever != nullptr && *lever == diplomacy.applied_value(instrument)) {
    *lever = diplomacy.baseline(instrument);
  }
}

}  // namespace migdip
