#include <fmt/format.h>

#include "available_memory.h"
#include "commands.h"
#include "migdip/io/results_file.h"
#include "migdip/io/scenario_file.h"
#include "migdip/simulation/run_memory.h"
#include "options.h"
#include "sweep_setup.h"

namespace migdip::cli {

namespace po = boost::program_options;

int validate_command(const std::vector<std::string>& args) {
  po::options_description options("options");
  std::vector<std::string> overrides;
  std::string path;
  options.add_options()("help,h", "show this help")("scenario", po::value(&path)->required(),
                                                    "scenario file (INI)")(
      "set", po::value(&overrides)->composing(), "override a key: section.key=value (repeatable)")(
      "plan", po::value<std::string>(), "also check a sweep plan against the scenario");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  po::variables_map values;
  if (!parse_options(
          args,
          "usage: migdip validate SCENARIO [--set section.key=value ...] [--plan PLAN]\n\n"
          "Checks a scenario file and its overrides without running it; with --plan,\n"
          "also a sweep plan: every value it can give, and the series it keeps.\n\n"
          "examples:\n"
          "  migdip validate scenarios/central-mediterranean-2016-2018.ini\n"
          "  migdip validate scenarios/eastern-mediterranean-2015-2017.ini \\\n"
          "      --plan scenarios/sweeps/eastern-mediterranean-sobol.ini\n",
          options, positional, values)) {
    return kSuccess;
  }
  const LoadedScenario loaded = load_scenario_file(path, overrides);
  const Scenario& scenario = *loaded.scenario;
  // Validity is a property of the file, not of this machine (which may be a login node with less
  // memory than the compute nodes): a run too large for it is reported, not refused.
  const std::uint64_t run_memory =
      run_with_results_stream_memory(estimate_run_memory(scenario), scenario);
  const MemoryLimit limit = memory_limit();
  fmt::print(
      "{}: valid scenario '{}': {} ticks, {} states, {} corridors, {} events; a run needs about "
      "{} of memory{}\n",
      path, scenario.settings.name, scenario.settings.ticks, scenario.state_count(),
      scenario.corridor_count(), scenario.events.size(), format_bytes(run_memory),
      run_memory > limit.bytes ? fmt::format(" ({} {}: `migdip run` refuses it here)", limit.source,
                                             format_bytes(limit.bytes))
                               : "");
  if (values.count("plan") != 0) {
    SweepRequest request;
    request.scenario_path = path;
    request.plan_path = values["plan"].as<std::string>();
    request.base_overrides = overrides;
    const SweepSetup setup = prepare_sweep(request);
    fmt::print("{}: valid sweep plan '{}': {} sampler, {} points x {} replicates = {} runs\n",
               request.plan_path, setup.plan.plan.name, to_string(setup.plan.plan.sampler),
               setup.design.points, setup.plan.plan.replicates,
               setup.design.points * setup.plan.plan.replicates);
  }
  return kSuccess;
}

}  // namespace migdip::cli
