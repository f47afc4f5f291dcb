#pragma once

#include <cstdint>
#include <string>

#include "migdip/scenario/preferences.h"

namespace migdip {

/// Roles a state plays; a state may hold several. The origin role makes its people a
/// nationality of the model; the destination role gives it an asylum system where arrivals
/// may settle and claim protection.
enum class StateRole : std::uint8_t { origin = 1, transit = 2, destination = 4 };

/// A state as the scenario describes it at the start of the run. Rates are hazards per month;
/// probabilities and shares are in [0, 1]. Values that events can change later are the initial
/// values (see EventSpec).
struct StateSpec {
  std::string id;    ///< short code, e.g. "TUR"
  std::string name;  ///< display name
  std::uint8_t roles = 0;

  double population = 0;       ///< people
  double income_per_head = 0;  ///< EUR per person per year

  // Origin side
  double emigration_rate = 0;  ///< 1/month, base hazard of leaving when push_intensity is 0
  double push_intensity = 0;   ///< conflict or crisis intensity, >= 0 (0 none, 1 war)
  double protection_need = 0;  ///< share of its nationals with a well-founded protection claim
  double readmission_acceptance = 1;  ///< share of its returnable nationals it takes back

  // Border
  double exit_enforcement = 0;   ///< probability of stopping an irregular exit
  double entry_enforcement = 0;  ///< probability of stopping an irregular entry
  double pushback_rate = 0;      ///< share of entry interceptions expelled across the border
  double policy_lag_days = 0;    ///< e-folding time for enforcement to reach a new target

  // Reception and asylum
  double hosting_capacity = 0;           ///< people it can host or contain
  double recognition_rate = 0;           ///< share of decided claims granted (before need)
  double asylum_processing_rate = 0.25;  ///< 1/month, hazard of a pending claim being decided
  double return_rate = 0;                ///< 1/month, hazard of a rejected claimant being returned
  double stay_utility = 0;  ///< utility of living conditions for those who stay (any state)

  // Strategic layer (used only when the state sits at a negotiation)
  StatePreferences preferences;
  ActorConduct conduct;

  bool has_role(StateRole role) const { return (roles & static_cast<std::uint8_t>(role)) != 0; }
};

}  // namespace migdip
