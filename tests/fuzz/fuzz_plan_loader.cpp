// The sweep plan loader on arbitrary text, with the checks `migdip validate --plan` makes
// against a shipped scenario (MIGDIP_FUZZ_PLAN_SCENARIO, the one the shipped plans sweep) and
// the sampling of the design. A plan is either refused with an InputError or accepted; an
// accepted plan's design must have the size the plan announces, and the scenario must accept
// the values of its points, since the checks promise that a sweep never fails halfway on a bad
// value. Anything else is a finding: a crash, a sanitizer report, another exception, running
// out of memory or time.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "finding.h"
#include "migdip/core/error.h"
#include "migdip/io/plan_file.h"
#include "migdip/io/scenario_file.h"
#include "migdip/sweep/design.h"

namespace {

// The scenario checks build the scenario once per value, and sampling holds every point in
// memory: plans beyond these bounds are loaded only, so that each input takes milliseconds.
constexpr std::size_t kMaxCheckedValues = 64;
constexpr std::uint64_t kMaxSampledPoints = 1 << 16;
// Points whose values are applied to the scenario together: the first and the last ones.
constexpr std::size_t kPointsBuiltAtEachEnd = 2;

const migdip::ScenarioTemplate& shipped_scenario() {
  static const migdip::ScenarioTemplate scenario =
      migdip::ScenarioTemplate::from_file(MIGDIP_FUZZ_PLAN_SCENARIO);
  return scenario;
}

std::size_t values_to_check(const migdip::SweepPlan& plan) {
  std::size_t values = 0;
  for (const migdip::SweepParameter& parameter : plan.parameters) {
    values += parameter.levels.empty() ? 3 : parameter.levels.size();
  }
  return values;
}

void check_design(const migdip::SweepPlan& plan, const migdip::SweepDesign& design) {
  const std::size_t width = plan.parameters.size();
  if (design.points != migdip::count_points(plan) || design.keys.size() != width ||
      design.texts.size() != design.points * width ||
      design.values.size() != design.points * width) {
    migdip::fuzz::report_finding("the design does not have the shape the plan announces");
  }
  std::vector<std::size_t> points;
  for (std::size_t k = 0; k < std::min(kPointsBuiltAtEachEnd, design.points); ++k) {
    points.push_back(k);
    points.push_back(design.points - 1 - k);
  }
  for (const std::size_t point : points) {
    const std::vector<std::string> overrides = design.overrides(point);
    try {
      shipped_scenario().build(overrides);
    } catch (const migdip::InputError& error) {
      migdip::fuzz::report_finding("the scenario refuses point " + std::to_string(point) +
                                   " of a plan it accepted: " + error.what());
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  migdip::SweepPlan plan;
  migdip::SweepDesign design;
  try {
    const migdip::LoadedPlan loaded = migdip::load_plan_text(text, "fuzz-plan.ini");
    plan = loaded.plan;
    if (values_to_check(plan) > kMaxCheckedValues ||
        migdip::count_points(plan) > kMaxSampledPoints) {
      return 0;
    }
    migdip::check_plan_against_scenario(loaded, shipped_scenario());
    design = migdip::sample_design(plan);
  } catch (const migdip::InputError&) {
    return 0;
  }
  check_design(plan, design);
  return 0;
}
