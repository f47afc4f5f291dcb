#pragma once
// `set` events on what strategic states want and hold, rather than on a lever (docs/model.md
// 7.1): a state's preferences and salience (every member's, set on a bloc), a state's or bloc's
// reputation and budget line (a bloc's own), an instrument's valuations. Triggers from outside
// migration (a killing abroad, sanctions over a hijacked flight) are written this way.

#include "migdip/scenario/scenario.h"
#include "migdip/world/diplomacy.h"
#include "migdip/world/politics.h"
#include "migdip/world/stances.h"
#include "migdip/world/treasury.h"

namespace migdip {

/// What a stance event may change.
struct StanceTargets {
  Stances& stances;
  Politics& politics;
  Diplomacy& diplomacy;
  Treasury& treasury;
};

/// Applies one `set` event whose parameter is a stance (event.stance), and marks every table
/// changed, so that each bargains again on what its parties now want.
void apply_stance_event(const Scenario& scenario, const EventSpec& event, StanceTargets targets);

}  // namespace migdip
