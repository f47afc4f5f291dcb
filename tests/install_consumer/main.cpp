// Runs a tiny scenario through the installed public API (headers in include/migdip, libraries
// linked through migdip::engine): loads it from text, simulates it, prints the headline numbers
// and writes the results file named on the command line, which `migdip info` and the Python
// reader open like any other.
//
// usage: consumer RESULTS.h5

#include <cstdio>
#include <exception>
#include <string>

#include "migdip/core/error.h"
#include "migdip/core/version.h"
#include "migdip/io/results_file.h"
#include "migdip/io/scenario_file.h"
#include "migdip/recording/series_recorder.h"
#include "migdip/recording/summary_metrics.h"
#include "migdip/simulation/simulation.h"

namespace {

constexpr const char* kScenario = R"([scenario]
name = consumer
start_date = 2020-01-01
ticks = 12
tick_length = month
mode = expected

[state ORI]
roles = origin
population = 1e6
income_per_head = 1500
emigration_rate = 0.001
push_intensity = 1.0
protection_need = 0.9

[state DST]
roles = destination
population = 10e6
income_per_head = 40000
recognition_rate = 0.8

[corridor ORI-DST]
from = ORI
to = DST
mode = land
cost = 500
travel_days = 3
mortality = 0.001
)";

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: consumer RESULTS.h5\n");
    return 2;
  }
  try {
    const migdip::LoadedScenario loaded = migdip::load_scenario_text(kScenario, "consumer.ini");
    migdip::Simulation simulation(loaded.scenario);
    migdip::SeriesRecorder recorder;
    migdip::Observer* const observers[] = {&recorder};
    simulation.run(observers);
    migdip::RunRecord record = recorder.take_record();

    migdip::RunProvenance provenance;
    provenance.engine_version = migdip::engine_version();
    provenance.scenario_file = loaded.path;
    provenance.scenario_name = "consumer";
    migdip::set_provenance(record, provenance);
    record.scenario_text = loaded.source_text;
    record.resolved_scenario_text = loaded.resolved_text;

    const auto specs = migdip::summary_metric_specs();
    const auto values = migdip::compute_summary_metrics(record);
    for (std::size_t i = 0; i < specs.size(); ++i) {
      std::printf("%s %.17g\n", std::string(specs[i].name).c_str(), values[i]);
    }
    migdip::write_results_file(record, argv[1], /*overwrite=*/true);
    return 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "consumer: %s\n", error.what());
    return 1;
  }
}
