#pragma once
// Gives the sections of a scenario file their meaning: checks every section and key against
// the key table, resolves ids to indices and builds the Scenario.

#include "io_ini/ini_document.h"
#include "migdip/scenario/scenario.h"

namespace migdip::ini {

/// Builds and checks (check_scenario) the scenario the document describes. Throws InputError
/// naming the file, line, section and key of the first problem.
Scenario build_scenario(const IniDocument& document);

}  // namespace migdip::ini
