#pragma once
// What an instrument does to the world while it is in force, and how its end undoes it. The
// diplomacy phase is the only caller; scheduled events set the same levers directly.

#include "migdip/scenario/scenario.h"
#include "phases/diplomacy/diplomacy_parts.h"

namespace migdip {

/// Whether an aid cut holds back this transfer: one from the cut's user to its target state.
bool is_aid_cut_by(const Scenario& scenario, const Transfer& transfer,
                   const InstrumentSpec& aid_cut);

/// The current value of the lever an instrument sets (0 for instruments without a lever).
double lever_value(const InstrumentSpec& instrument, const DiplomacyView& view);

/// The value of the instrument's lever in effect now: for a phased lever, which the policy
/// phase moves toward the target the instrument set, the level in force rather than the target.
/// An exit control aimed at corridors reads the mean over its corridors (both functions).
double lever_in_effect(const InstrumentSpec& instrument, const DiplomacyView& view);

/// The exit enforcement decided for corridor `corridor` out of `user`: its own target where it
/// has one, else the user's decided value.
template <typename Policy>
double exit_decided_on(const BorderControls& border, int corridor, const Policy& policy, int user) {
  return border.overridden(Lever::exit_enforcement)(corridor)
             ? border.target(Lever::exit_enforcement)(corridor)
             : policy.decided(Lever::exit_enforcement)(user);
}

/// The value the instrument commits its lever to: 0 for bans and refusals, else its level.
inline double committed_level(const InstrumentSpec& instrument) {
  return traits_of(instrument.type).setting == LeverSetting::to_zero ? 0.0 : instrument.level;
}

/// Puts the instrument in force. A lever moves `delivered` of the way from its current value
/// to the instrument's level (partial compliance); the value it replaced is kept so that
/// end_instrument can restore it.
void start_instrument(const Scenario& scenario, int instrument, double delivered,
                      const DiplomacyTargets& targets);

/// Takes the instrument out of force. Its lever returns to the value it replaced, unless a
/// scheduled event has set the lever to something else since.
void end_instrument(const Scenario& scenario, int instrument, const DiplomacyTargets& targets);

}  // namespace migdip
