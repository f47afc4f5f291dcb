#include "phases/diplomacy/instrument_levers.h"

#include <type_traits>

namespace migdip {
namespace {

// The lever an instrument moves, or nullptr when it has none (World may be const or not).
template <typename WorldT>
auto* lever_of(const InstrumentSpec& instrument, WorldT& world) {
  using Value = std::remove_reference_t<decltype(world.pathway_lever(Lever::quota)(0))>;
  const int user = instrument.user.index;
  switch (instrument.type) {
    case InstrumentType::exit_enforcement:
    case InstrumentType::departure_ban:
      return &world.policy.decided(Lever::exit_enforcement)(user);
    case InstrumentType::entry_enforcement:
      return &world.policy.decided(Lever::entry_enforcement)(user);
    case InstrumentType::pushback:
      return &world.policy.decided(Lever::pushback_rate)(user);
    case InstrumentType::readmission:
      return &world.corridors.lever(Lever::readmission_rate)(instrument.corridor);
    case InstrumentType::legal_pathway:
    case InstrumentType::deployment_ban:
      return &world.pathway_lever(Lever::quota)(instrument.pathway);
    case InstrumentType::open_gates:
    case InstrumentType::engineered_surge:
      return &world.policy.decided(Lever::facilitation)(user);
    case InstrumentType::camp_closure:
      return &world.policy.decided(Lever::hosting_capacity)(user);
    case InstrumentType::refuse_readmission:
      return &world.policy.decided(Lever::readmission_acceptance)(user);
    default:
      return static_cast<Value*>(nullptr);
  }
}

double lever_target(const InstrumentSpec& instrument, double current) {
  switch (instrument.type) {
    case InstrumentType::deployment_ban:
    case InstrumentType::refuse_readmission:
      return 0.0;
    case InstrumentType::camp_closure:
      return current * (1.0 - instrument.level);
    default:
      return instrument.level;
  }
}

void suspend_aid(const Scenario& scenario, const InstrumentSpec& instrument, World& world,
                 bool suspended) {
  for (Transfer& transfer : world.treasury.transfers) {
    if (is_aid_cut_by(scenario, transfer, instrument)) {
      transfer.suspended = suspended;
    }
  }
}

}  // namespace

bool is_aid_cut_by(const Scenario& scenario, const Transfer& transfer,
                   const InstrumentSpec& aid_cut) {
  return scenario.actor_of(transfer.payer) == scenario.actor_of(aid_cut.user) &&
         transfer.payee.kind == TargetKind::state && transfer.payee.index == aid_cut.target;
}

double lever_value(const InstrumentSpec& instrument, const World& world) {
  const double* lever = lever_of(instrument, world);
  return lever != nullptr ? *lever : 0.0;
}

void start_instrument(const Scenario& scenario, int instrument, double delivered, World& world) {
  const InstrumentSpec& spec = scenario.instruments[static_cast<std::size_t>(instrument)];
  Diplomacy& diplomacy = world.diplomacy;
  diplomacy.in_force(instrument) = 1;
  if (spec.type == InstrumentType::aid_cut) {
    suspend_aid(scenario, spec, world, true);
    return;
  }
  double* lever = lever_of(spec, world);
  if (lever == nullptr) {
    return;
  }
  diplomacy.baseline(instrument) = *lever;
  *lever += (lever_target(spec, *lever) - *lever) * delivered;
  diplomacy.applied_value(instrument) = *lever;
  if (spec.type == InstrumentType::open_gates || spec.type == InstrumentType::engineered_surge) {
    world.policy.facilitation_end_tick(spec.user.index) = -1;
  }
}

void end_instrument(const Scenario& scenario, int instrument, World& world) {
  const InstrumentSpec& spec = scenario.instruments[static_cast<std::size_t>(instrument)];
  Diplomacy& diplomacy = world.diplomacy;
  diplomacy.in_force(instrument) = 0;
  if (spec.type == InstrumentType::aid_cut) {
    suspend_aid(scenario, spec, world, false);
    // Another aid cut still in force keeps holding back what it covers.
    for (int other = 0; other < scenario.instrument_count(); ++other) {
      const InstrumentSpec& cut = scenario.instruments[static_cast<std::size_t>(other)];
      if (cut.type == InstrumentType::aid_cut && diplomacy.in_force(other) != 0) {
        suspend_aid(scenario, cut, world, true);
      }
    }
    return;
  }
  double* lever = lever_of(spec, world);
  if (lever != nullptr && *lever == diplomacy.applied_value(instrument)) {
    *lever = diplomacy.baseline(instrument);
  }
}

}  // namespace migdip
