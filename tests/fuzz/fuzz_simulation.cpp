// The scenario loader followed by a short simulation. A loaded scenario must simulate: the
// engine's accounts (nobody created, lost or made negative; checked at every tick in a debug
// build and at the end here) hold, and the record of a whole run has, for every variable, as
// many values as its dimensions say, and one value per summary metric. Anything else is a
// finding: a crash, a sanitizer report, an exception, running out of memory or time.
//
// The input is not changed to keep runs short. Scenarios of at most kWholeRunTicks ticks (the
// shipped ones have 24 or 36) run to their end with the standard recorder; longer ones run their
// first kWholeRunTicks ticks.
// Scenarios larger than the bounds below are loaded only: the engine's memory grows with the
// square of the number of states, and such scenarios belong to its memory checks, not here.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "finding.h"
#include "migdip/core/error.h"
#include "migdip/io/scenario_file.h"
#include "migdip/recording/series_recorder.h"
#include "migdip/recording/summary_metrics.h"
#include "migdip/simulation/simulation.h"

namespace {

constexpr int kWholeRunTicks = 36;
constexpr int kMaxStates = 16;
constexpr int kMaxCorridors = 64;

bool small_enough(const migdip::Scenario& scenario) {
  return scenario.state_count() <= kMaxStates && scenario.corridor_count() <= kMaxCorridors;
}

std::size_t extent(const migdip::RecordGroup& group, const std::string& dimension) {
  for (const migdip::Coordinate& coordinate : group.coordinates) {
    if (coordinate.name == dimension) {
      return coordinate.size();
    }
  }
  migdip::fuzz::report_finding("group " + group.name + " has no coordinate " + dimension);
}

void check_record(const migdip::RunRecord& record) {
  for (const migdip::RecordGroup& group : record.groups) {
    for (const migdip::Variable& variable : group.variables) {
      std::size_t expected = 1;
      for (const std::string& dimension : variable.dimensions) {
        expected *= extent(group, dimension);
      }
      if (variable.data.size() != expected) {
        migdip::fuzz::report_finding("variable " + group.name + "." + variable.name + " holds " +
                                     std::to_string(variable.data.size()) + " values, not " +
                                     std::to_string(expected));
      }
    }
  }
  if (migdip::compute_summary_metrics(record).size() != migdip::summary_metric_specs().size()) {
    migdip::fuzz::report_finding("the summary metrics are not one per metric");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::shared_ptr<const migdip::Scenario> scenario;
  try {
    scenario = migdip::load_scenario_text(text, "fuzz.ini").scenario;
  } catch (const migdip::InputError&) {
    return 0;
  }
  if (!small_enough(*scenario)) {
    return 0;
  }
  migdip::Simulation simulation(scenario);
  if (scenario->settings.ticks <= kWholeRunTicks) {
    migdip::SeriesRecorder recorder;
    migdip::Observer* observers[] = {&recorder};
    simulation.run(observers);
    simulation.check_accounts();
    check_record(recorder.take_record());
  } else {
    for (int tick = 0; tick < kWholeRunTicks; ++tick) {
      simulation.step();
    }
    simulation.check_accounts();
  }
  return 0;
}
