// The scenario loader on arbitrary text. A scenario is either refused with an InputError or
// loaded; a loaded one's resolved text (stored in every results file so that the run can be
// repeated) must load again and resolve to the same text. Anything else is a finding: a crash,
// a sanitizer report, another exception, running out of memory or time.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "finding.h"
#include "migdip/core/error.h"
#include "migdip/io/scenario_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::optional<migdip::LoadedScenario> loaded;
  try {
    loaded = migdip::load_scenario_text(text, "fuzz.ini");
  } catch (const migdip::InputError&) {
    return 0;
  }
  const migdip::LoadedScenario reloaded =
      migdip::load_scenario_text(loaded->resolved_text, "resolved.ini");
  if (reloaded.resolved_text != loaded->resolved_text) {
    migdip::fuzz::report_finding("the resolved text of a scenario resolves to another text");
  }
  return 0;
}
