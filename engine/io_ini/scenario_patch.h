#pragma once
// Overrides applied to a scenario already built, instead of to its text: what lets a sweep build
// each run's scenario from the base one by changing only the values its plan varies. Only
// overrides whose effect on the built scenario is one number are patched: a number key stored in
// one field of a [scenario], [model], [diplomacy], [state], [corridor], [pathway] or [stock]
// section the file has (the builder reads those keys straight into their fields: spec_fields.h,
// the lever table), and scenario.seed. Everything else (dates, ticks, words, lists, references,
// the keys of events, negotiations, instruments and blocs, values a key refuses) is left to
// rebuilding from the text, which stays the reference.

#include <string>

#include "io_ini/ini_document.h"
#include "migdip/scenario/scenario.h"

namespace migdip::ini {

/// Applies one override to `scenario`, built from `document` (with the earlier overrides
/// applied), exactly as rebuilding from the document with the override applied would set it:
/// the same value in the same field and the same note in scenario.sources. Returns false, leaving
/// the scenario unchanged, for an override it does not patch (see above), including every
/// malformed one and every value the key refuses (the rebuild reports them). Does not run
/// check_scenario: the caller checks the patched scenario once.
bool patch_scenario(Scenario& scenario, const IniDocument& document, const std::string& text);

}  // namespace migdip::ini
