#pragma once
// Instruments: the things a state (or a bloc) can do to another in the strategic layer, named
// and parameterised by the scenario. Each has an effect on the world (a lever it sets while in
// force), a cost to whoever uses it, and parameters; the diplomacy phase decides when they are
// used. instrument_types.h lists the types; docs/model.md, "Submodel: diplomacy", gives each
// type's effect and valuation.

#include <string>
#include <vector>

#include "migdip/scenario/event_spec.h"
#include "migdip/scenario/instrument_types.h"

namespace migdip {

struct InstrumentSpec {
  std::string id;
  InstrumentType type = InstrumentType::transfer;
  Party user;         ///< the state or bloc that uses it
  int target = -1;    ///< the state it is aimed at or offered to (-1: none)
  int corridor = -1;  ///< readmission: the corridor whose arrivals are readmitted
  /// open_gates, engineered_surge: the corridors into or out of the user that get the
  /// instrument's facilitation as their own while it is in force (docs/model.md 7.4, "A surge
  /// aimed at corridors"). Empty (the default): the user's state-wide facilitation.
  std::vector<int> corridors;
  int pathway = -1;  ///< legal_pathway, deployment_ban: the pathway it acts on
  /// The lever value it sets: enforcement, pushback or readmission share, facilitation,
  /// the share of hosting capacity closed, or a pathway quota (people per month).
  double level = 0;
  /// EUR per month: a transfer's ceiling, or the fixed amount of budget support or funding.
  double amount = 0;
  /// EUR per month the target gains (negative: loses) beyond effects on flows and money.
  double value_to_target = 0;
  /// EUR per month it costs the user beyond effects on flows and money (e.g. sanctions against
  /// it, the diplomatic price of a surge).
  double cost_to_user = 0;
  /// open_gates, engineered_surge, camp_closure: the share of the people hosted or in transit
  /// in the user state that states expect to move on per month at full facilitation.
  double mobilised_share = 0.05;
};

}  // namespace migdip
