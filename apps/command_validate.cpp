#include <fmt/format.h>

#include "commands.h"
#include "migdip/io/scenario_file.h"
#include "options.h"

namespace migdip::cli {

namespace po = boost::program_options;

int validate_command(const std::vector<std::string>& args) {
  po::options_description options("options");
  std::vector<std::string> overrides;
  std::string path;
  options.add_options()("help,h", "show this help")("scenario", po::value(&path)->required(),
                                                    "scenario file (INI)")(
      "set", po::value(&overrides)->composing(), "override a key: section.key=value (repeatable)");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  po::variables_map values;
  if (!parse_options(args,
                     "usage: migdip validate SCENARIO [--set section.key=value ...]\n\n"
                     "Checks a scenario file and its overrides without running it.",
                     options, positional, values)) {
    return kSuccess;
  }
  const LoadedScenario loaded = load_scenario_file(path, overrides);
  const Scenario& scenario = *loaded.scenario;
  fmt::print("{}: valid scenario '{}': {} ticks, {} states, {} corridors, {} events\n", path,
             scenario.settings.name, scenario.settings.ticks, scenario.state_count(),
             scenario.corridor_count(), scenario.events.size());
  return kSuccess;
}

}  // namespace migdip::cli
