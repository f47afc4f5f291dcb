#pragma once
// The canonical INI form of a scenario: every section and key, defaults filled in, overrides
// applied. Stored with results so that a run can be reproduced from its output alone.

#include <string>

#include "migdip/scenario/scenario.h"

namespace migdip::ini {

/// Loading the text gives back an identical scenario (numbers are written so that they parse
/// to the same double), and resolving that again gives the identical text. Events are written
/// with `tick`, never `date`.
std::string resolved_text(const Scenario& scenario);

}  // namespace migdip::ini
