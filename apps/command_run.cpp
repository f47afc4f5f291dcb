#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>

#include "available_memory.h"
#include "commands.h"
#include "migdip/core/error.h"
#include "migdip/core/version.h"
#include "migdip/io/results_file.h"
#include "migdip/io/scenario_file.h"
#include "migdip/recording/interval_sink.h"
#include "migdip/recording/series_recorder.h"
#include "migdip/simulation/run_memory.h"
#include "migdip/simulation/simulation.h"
#include "options.h"
#include "stop_signals.h"
#include "summary.h"
#include "utc_time.h"

namespace migdip::cli {

namespace po = boost::program_options;

namespace {

// Everything needed to know where a result came from and to run it again.
RecordDescription describe_run(const LoadedScenario& loaded, const std::string& command_line,
                               double seconds) {
  const Scenario& scenario = *loaded.scenario;
  const Calendar calendar = scenario.calendar();
  const auto last_day = calendar.tick_start(calendar.ticks()) - std::chrono::days{1};
  RunProvenance provenance;
  provenance.engine_version = engine_version();
  provenance.source_commit = source_commit();
  provenance.created_utc = utc_now();
  provenance.command_line = command_line;
  provenance.scenario_file = loaded.path;
  provenance.scenario_name = scenario.settings.name;
  provenance.scenario_description = scenario.settings.description;
  provenance.seed = scenario.settings.seed;
  provenance.run = scenario.settings.run;
  provenance.mode = std::string(to_string(scenario.settings.mode));
  provenance.tick_length = std::string(to_string(scenario.settings.tick_length));
  provenance.start_date = format_date(calendar.start_date());
  provenance.end_date = format_date(last_day);
  provenance.ticks = static_cast<std::uint64_t>(calendar.ticks());
  provenance.simulation_seconds = seconds;
  RecordDescription description;
  set_provenance(description, provenance);
  description.scenario_text = loaded.source_text;
  description.resolved_scenario_text = loaded.resolved_text;
  return description;
}

}  // namespace

int run_command(const std::vector<std::string>& args, const std::string& command_line) {
  po::options_description options("options");
  std::string scenario_path;
  std::string output;
  std::vector<std::string> overrides;
  int threads = 1;
  options.add_options()("help,h", "show this help")(
      "scenario", po::value(&scenario_path)->required(), "scenario file (INI)")(
      "output,o", po::value(&output),
      "results file, .h5 (or .hdf5, .nc, .he5; default: SCENARIO's name with .h5, here)")(
      "seed", po::value<std::uint64_t>(), "random seed (same as --set scenario.seed=N)")(
      "set", po::value(&overrides)->composing(),
      "override a key: section.key=value, e.g. state.TUR.exit_enforcement=0.8 (repeatable)")(
      "force", "replace an existing results file")(
      "threads", po::value(&threads),
      "threads that solve the route values, nationalities in parallel (default 1); the results "
      "are the same for any number")("quiet,q", "print nothing on success");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  po::variables_map values;
  if (!parse_options(
          args,
          "usage: migdip run SCENARIO [-o OUT.h5] [--seed N] [--set k=v ...] [--force] "
          "[--threads N]\n\n"
          "Simulates a scenario and writes its results to an HDF5 file.\n\n"
          "examples:\n"
          "  migdip run scenarios/minimal.ini -o minimal.h5\n"
          "  migdip run scenarios/eastern-mediterranean-2015-2017.ini --seed 7 \\\n"
          "      --set scenario.mode=stochastic --set state.TUR.exit_enforcement=0.5 -o em.h5\n",
          options, positional, values)) {
    return kSuccess;
  }
  if (threads < 1) {
    throw InputError({"", 0, "", "--threads"}, "must be at least 1");
  }
  if (values.count("seed") != 0) {
    overrides.push_back(fmt::format("scenario.seed={}", values["seed"].as<std::uint64_t>()));
  }
  const bool force = values.count("force") != 0;
  if (output.empty()) {
    output = std::filesystem::path(scenario_path).stem().string() + ".h5";
  } else {
    require_hdf5_extension(output, "--output");
  }

  stop_after_removing_temporaries();
  const LoadedScenario loaded = load_scenario_file(scenario_path, overrides);
  require_memory(
      run_with_results_stream_memory(estimate_run_memory(*loaded.scenario), *loaded.scenario),
      {scenario_path, 0, "", ""}, "a run");
  // Refuse before simulating, not after: a long run should not end in "file exists".
  if (std::filesystem::is_directory(output)) {
    throw InputError({output, 0, "", ""}, "is a directory; give a file name with -o");
  }
  if (!force && std::filesystem::exists(output)) {
    throw InputError({output, 0, "", ""}, "results file exists; use --force to replace it");
  }

  // The results file is written as the run goes (one chunk of ticks at a time), and the summary
  // is gathered beside it: no record of the whole run is kept. The file holds what the
  // scenario's [outputs] declares, aggregated over its interval; the summary sees every tick.
  const OutputSettings& outputs = loaded.scenario->outputs;
  const std::unique_ptr<ResultsStream> stream =
      open_results_stream(output, force, series_storage(outputs));
  std::optional<IntervalSink> intervals;
  RecordSink* file = stream.get();
  if (outputs.interval != OutputInterval::tick) {
    file = &intervals.emplace(*stream, loaded.scenario->calendar(), outputs.interval);
  }
  RunFigures figures;
  TeeSink sinks({file, &figures});
  Simulation simulation(loaded.scenario, SimulationOptions{threads});
  SeriesRecorder recorder(sinks, RecordSelection::declared(outputs));
  Observer* observers[] = {&recorder};
  const auto start = std::chrono::steady_clock::now();
  simulation.run(observers);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  sinks.finish(describe_run(loaded, command_line, seconds));

  if (values.count("quiet") == 0) {
    fmt::print("wrote {}\n{}", output, summarise(figures));
  }
  return kSuccess;
}

}  // namespace migdip::cli
