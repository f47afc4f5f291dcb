#pragma once
// Command-line overrides ("--set state.TUR.exit_enforcement=0.8") applied to a parsed file
// before the scenario is built, so that overridden values get exactly the checks of written ones.

#include <span>
#include <string>

#include "io_ini/ini_document.h"
#include "io_ini/key_table.h"

namespace migdip::ini {

/// Applies "kind.key=value" (scenario, model, outputs) and "kind.ID.key=value" overrides in
/// order; a later one wins. Setting one key of an either-or pair (ticks/end_date, date/tick,
/// end_date/end_tick) removes the other. The one-of-a-kind sections may be absent from the file
/// (their keys all have defaults or are checked later), but a section with an id must exist.
/// Unknown keys are left for the builder to report, with the override named in the message.
void apply_overrides(IniDocument& document, std::span<const std::string> overrides);

/// An override taken apart: the section it targets and the key and value it sets.
struct ParsedOverride {
  const SectionSpec* spec = nullptr;  ///< of the section kind
  std::string kind;
  std::string id;  ///< normalised; empty for the one-of-a-kind sections
  std::string key;
  std::string value;  ///< trimmed
};

/// Splits and checks an override as apply_overrides does, before it looks at any section;
/// throws the InputError it would throw, naming `file`.
ParsedOverride parse_override(const std::string& file, const std::string& text);

}  // namespace migdip::ini
