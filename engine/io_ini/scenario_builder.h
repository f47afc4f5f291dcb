#pragma once
// Gives the sections of a scenario file their meaning: checks every section and key against
// the key table (syntax, type, range), resolves ids to indices and dates to ticks, and builds
// the Scenario with where each item was written (Scenario::sources). The rules that relate
// values and items are check_scenario's.

#include "io_ini/ini_document.h"
#include "migdip/scenario/scenario.h"

namespace migdip::ini {

/// Builds the scenario the document describes, unchecked: make a CheckedScenario of it. Throws
/// InputError naming the file, line, section and key of the first problem of translation.
Scenario build_scenario(const IniDocument& document);

}  // namespace migdip::ini
