#pragma once

#include <cstdint>
#include <string>

#include "migdip/scenario/domestic_politics_spec.h"
#include "migdip/scenario/preferences.h"
#include "migdip/scenario/strategic_inputs.h"
#include "migdip/world/levers.h"

namespace migdip {

/// Roles a state plays; a state may hold several. The origin role makes its people a
/// nationality of the model; the destination role gives it an asylum system where arrivals
/// may settle and claim protection.
enum class StateRole : std::uint8_t { origin = 1, transit = 2, destination = 4 };

/// A state as the scenario describes it at the start of the run. Rates are hazards per month;
/// probabilities and shares are in [0, 1]. Its levers, which events and instruments change
/// later, hold their initial values.
struct StateSpec {
  std::string id;    ///< short code, e.g. "TUR"
  std::string name;  ///< display name
  std::uint8_t roles = 0;

  double population = 0;       ///< people
  double income_per_head = 0;  ///< EUR per person per year

  double emigration_rate = 0;  ///< 1/month, base hazard of leaving when push_intensity is 0
  double protection_need = 0;  ///< share of its nationals with a well-founded protection claim
  double policy_lag_days = 0;  ///< e-folding time for phased levers to reach a new target
  /// The third state that hosts or processes the arrivals it transfers (-1: none).
  int offshore_state = -1;

  /// The initial values of its levers (see kLevers).
  LeverValues<LeverOwner::state> lever;

  // Strategic layer (used only when the state sits at a negotiation)
  StatePreferences preferences;
  ActorConduct conduct;
  /// How its government answers to the public (off by default).
  DomesticPoliticsSpec politics;
  double initial_salience = 0;  ///< public salience of migration when the run starts
  BudgetLine budget;            ///< what it can pay out
  RootCausesAid aid;            ///< how money it receives lowers its push intensity

  bool has_role(StateRole role) const { return (roles & static_cast<std::uint8_t>(role)) != 0; }
};

}  // namespace migdip
