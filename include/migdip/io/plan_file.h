#pragma once
// Reads INI sweep plans (docs/sweeps.md) into a SweepPlan, and checks a plan against the
// scenario it sweeps. Any problem is an InputError naming the file, line, section and key.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "migdip/core/error.h"
#include "migdip/io/scenario_file.h"
#include "migdip/sweep/sweep_plan.h"

namespace migdip {

struct LoadedPlan {
  SweepPlan plan;
  std::string path;         ///< as given
  std::string source_text;  ///< the file as written
  /// Where each parameter's values are written (levels, or low), for errors found later.
  std::vector<InputLocation> parameter_locations;
  InputLocation series_location;  ///< the [sweep] series key, or the section when absent
};

LoadedPlan load_plan_file(const std::string& path);
/// The same, from text already in memory; `name` stands for the file in messages.
LoadedPlan load_plan_text(std::string_view text, const std::string& name);

/// Checks that the scenario accepts every value the plan can give each parameter (each level;
/// both ends and the middle of a range), so that a sweep never fails halfway on a bad value.
/// Returns the memory a sweep's run of the largest of the scenarios checked needs
/// (estimate_sweep_run_memory, with the plan's series): a plan may vary `ticks`.
std::uint64_t check_plan_against_scenario(const LoadedPlan& plan, const ScenarioTemplate& scenario);

/// The section kinds and keys a plan may use, for documentation checks.
std::vector<std::string> plan_keys();

}  // namespace migdip
