#include "sweep_setup.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "available_memory.h"
#include "migdip/core/error.h"
#include "migdip/core/quote.h"
#include "migdip/core/saturating.h"
#include "migdip/core/version.h"
#include "migdip/simulation/run_memory.h"
#include "stop_signals.h"
#include "utc_time.h"

namespace migdip::cli {
namespace {

// The variables of a group, or the groups when there is no such group: what a misspelt series
// could have meant.
std::string what_is_there(const RecordLayout& layout, const std::string& group_name) {
  std::vector<std::string> names;
  const RecordGroup* group = find_group(layout, group_name);
  if (group != nullptr) {
    for (const Variable& variable : group->variables) {
      names.push_back(variable.name);
    }
    return fmt::format("group {} has {}", excerpt(group_name), fmt::join(names, ", "));
  }
  for (const RecordGroup& candidate : layout.groups) {
    names.push_back(candidate.name);
  }
  return fmt::format("the groups are {}", fmt::join(names, ", "));
}

// The series the plan keeps, checked against the layout of the unchanged scenario's record
// (known without running it), with the axes and auxiliary coordinates every run will share.
std::vector<SweepSeries> resolve_series(const LoadedPlan& plan, const ScenarioTemplate& scenario,
                                        std::vector<SeriesSelection>& selections) {
  std::vector<SweepSeries> layouts;
  if (plan.plan.series.empty()) {
    return layouts;
  }
  const RecordLayout recorded = record_layout(scenario.base());
  for (const std::string& name : plan.plan.series) {
    const std::size_t dot = name.find('.');
    SeriesSelection selection{name.substr(0, dot), name.substr(dot + 1)};
    const Variable* variable = find_series(recorded, selection);
    if (variable == nullptr) {
      throw InputError(plan.series_location, quote(name) + " is not a series of the results file " +
                                                 "(" + what_is_there(recorded, selection.group) +
                                                 ")");
    }
    const RecordGroup& group = *find_group(recorded, selection.group);
    SweepSeries layout;
    layout.group = selection.group;
    layout.variable = selection.variable;
    layout.long_name = variable->long_name;
    layout.units = variable->units;
    for (const std::string& dimension : variable->dimensions) {
      for (const Coordinate& coordinate : group.coordinates) {
        if (coordinate.name == dimension) {
          layout.axes.push_back(coordinate);
        }
      }
    }
    for (const AuxiliaryCoordinate& auxiliary : group.auxiliary) {
      if (std::find(variable->dimensions.begin(), variable->dimensions.end(),
                    auxiliary.dimension) != variable->dimensions.end()) {
        layout.auxiliary.push_back(auxiliary);
      }
    }
    layouts.push_back(std::move(layout));
    selections.push_back(std::move(selection));
  }
  return layouts;
}

std::string rerun_template(const SweepRequest& request, const SweepPlan& plan) {
  std::string command = "migdip run " + shell_quote(request.scenario_path);
  for (const std::string& assignment : request.base_overrides) {
    command += " --set " + shell_quote(assignment);
  }
  for (const SweepParameter& parameter : plan.parameters) {
    command += " --set " + shell_quote(parameter.key + "={" + parameter.key + "}");
  }
  return command + " --seed {seed} -o run.h5";
}

// Bytes each run of a shard costs the setup, whatever the scenario: its seed in the header, its
// done flag and place in the writer's flush list, and its entry in the list of missing runs.
constexpr std::uint64_t kBytesPerRun =
    sizeof(std::uint64_t) + 1 + sizeof(std::size_t) + sizeof(SweepRun);

// The design of the whole plan, its values again in the header for the shard's points, and the
// shard's runs.
std::uint64_t setup_memory(const SweepPlan& plan, std::uint64_t shard_points) {
  const std::uint64_t runs = saturating_product(shard_points, plan.replicates);
  return saturating_sum(
      saturating_sum(estimate_design_memory(plan),
                     saturating_product(shard_points, design_bytes_per_point(plan))),
      saturating_product(runs, kBytesPerRun));
}

}  // namespace

void require_sweep_memory(const SweepSetup& setup, std::uint64_t workers, const std::string& how) {
  workers = std::min(workers, setup.runs());  // no more runs at once than there are runs
  const MemoryLimit limit = memory_limit();
  const std::uint64_t needed =
      saturating_sum(setup.memory, saturating_product(workers, setup.run_memory));
  if (workers <= 1 || needed <= limit.bytes) {
    require_memory(needed, {setup.header.scenario_file, 0, "", ""},
                   "a run of this scenario with the sweep's setup", limit);
    return;
  }
  const std::uint64_t room = setup.memory < limit.bytes ? limit.bytes - setup.memory : 0;
  const std::uint64_t fit = setup.run_memory == 0 ? workers : room / setup.run_memory;
  require_memory(needed, {setup.header.scenario_file, 0, "", ""},
                 fmt::format("running {} runs of this scenario at once ({}) with the sweep's setup",
                             workers, how),
                 limit, fit >= 1 ? fmt::format(" (room for {} at once)", fit) : "");
}

std::string shell_quote(const std::string& argument) {
  const bool plain = !argument.empty() && std::all_of(argument.begin(), argument.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
           std::string_view("_-.,/=:+@%").find(c) != std::string_view::npos;
  });
  if (plain) {
    return argument;
  }
  std::string quoted = "'";
  for (char c : argument) {
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return quoted + "'";
}

std::vector<std::string> SweepSetup::run_overrides(const SweepRun& run) const {
  std::vector<std::string> overrides = header.base_overrides;
  const std::vector<std::string> values = design.overrides(run.point);
  overrides.insert(overrides.end(), values.begin(), values.end());
  overrides.push_back(
      fmt::format("scenario.seed={}", run_seed(plan.plan.seed, run.point, run.replicate)));
  return overrides;
}

SweepSetup prepare_sweep(const SweepRequest& request) {
  SweepSetup setup;
  setup.plan = load_plan_file(request.plan_path);
  setup.scenario = std::make_unique<ScenarioTemplate>(
      ScenarioTemplate::from_file(request.scenario_path, request.base_overrides));
  setup.run_memory = check_plan_against_scenario(setup.plan, *setup.scenario);
  const SweepPlan& plan = setup.plan.plan;
  const std::uint64_t points = count_points(plan);
  setup.range = shard_points(points, request.shard);
  if (setup.range.size == 0) {
    throw InputError({"", 0, "", "shard"},
                     fmt::format("shard {}/{} gets no point: the plan has only {} points",
                                 request.shard.index, request.shard.count, points));
  }
  setup.memory = setup_memory(plan, setup.range.size);
  require_memory(
      setup.memory, {request.plan_path, 0, "", ""},
      fmt::format("preparing the sweep ({} points x {} replicates)", points, plan.replicates));
  if (!plan.series.empty()) {
    const RunMemory run = estimate_run_memory(*setup.scenario->base());
    require_memory(saturating_sum(run.simulation, run.time_axes),
                   {request.scenario_path, 0, "", ""},
                   "the world of this scenario (one checks the plan's series)");
  }
  setup.design = sample_design(plan);

  SweepHeader& header = setup.header;
  header.series = resolve_series(setup.plan, *setup.scenario, setup.series);
  header.scenario_file = request.scenario_path;
  header.scenario_name = setup.scenario->base()->settings.name;
  header.scenario_text = setup.scenario->source_text();
  header.base_overrides = request.base_overrides;
  header.plan_file = request.plan_path;
  header.plan_name = plan.name;
  header.plan_text = setup.plan.source_text;
  header.sampler = std::string(to_string(plan.sampler));
  header.plan_seed = plan.seed;
  header.replicates = plan.replicates;
  header.points_total = setup.design.points;
  header.shard_index = request.shard.index;
  header.shard_count = request.shard.count;
  header.first_point = setup.range.first;
  header.points = setup.range.size;
  header.parameters = setup.design.keys;
  const std::size_t width = setup.design.keys.size();
  const auto first = static_cast<std::ptrdiff_t>(setup.range.first * width);
  const auto last = static_cast<std::ptrdiff_t>((setup.range.first + setup.range.size) * width);
  header.value_texts.assign(setup.design.texts.begin() + first, setup.design.texts.begin() + last);
  header.values.assign(setup.design.values.begin() + first, setup.design.values.begin() + last);
  for (std::uint64_t point = setup.range.first; point < setup.range.first + setup.range.size;
       ++point) {
    for (std::uint64_t replicate = 0; replicate < plan.replicates; ++replicate) {
      header.seeds.push_back(run_seed(plan.seed, point, replicate));
    }
  }
  header.engine_version = engine_version();
  header.source_commit = source_commit();
  header.created_utc = utc_now();
  header.command_line = request.command_line;
  header.rerun_command = rerun_template(request, plan);
  return setup;
}

std::vector<SweepRun> missing_runs(const SweepSetup& setup, const SweepFileWriter& writer) {
  std::vector<SweepRun> runs;
  for (std::uint64_t point = setup.range.first; point < setup.range.first + setup.range.size;
       ++point) {
    for (std::uint64_t replicate = 0; replicate < setup.plan.plan.replicates; ++replicate) {
      if (!writer.is_done(point, replicate)) {
        runs.push_back({point, replicate});
      }
    }
  }
  return runs;
}

int end_sweep(const SweepSetup& setup, SweepFileWriter& writer, const std::string& output,
              std::uint64_t delivered, double rate, const std::string& workers, bool quiet) {
  writer.flush();
  if (stop_signal_received() != 0) {
    fmt::print(stderr,
               "migdip: interrupted: {} of {} runs are saved in {}; continue with the same "
               "command and --resume\n",
               writer.runs_done(), setup.runs(), partial_path(output));
    return 128 + stop_signal_received();
  }
  writer.finish();
  if (!quiet) {
    fmt::print(
        "wrote {}: {} points x {} replicates = {} runs ({} in this process, {:.1f} runs/s "
        "on {})\n",
        output, setup.range.size, setup.plan.plan.replicates, setup.runs(), delivered, rate,
        workers);
  }
  return 0;
}

std::string rerun_command(const SweepHeader& header, std::uint64_t point, std::uint64_t replicate) {
  if (point < header.first_point || point - header.first_point >= header.points ||
      replicate >= header.replicates) {
    throw InputError(
        {}, fmt::format("the file holds points {} to {} and replicates 0 to {}", header.first_point,
                        header.first_point + header.points - 1, header.replicates - 1));
  }
  const std::size_t row = point - header.first_point;
  std::string command = "migdip run " + shell_quote(header.scenario_file);
  for (const std::string& assignment : header.base_overrides) {
    command += " --set " + shell_quote(assignment);
  }
  for (std::size_t j = 0; j < header.parameters.size(); ++j) {
    command += " --set " + shell_quote(header.parameters[j] + "=" +
                                       header.value_texts[row * header.parameters.size() + j]);
  }
  return command + fmt::format(" --seed {} -o run-{}-{}.h5",
                               header.seeds[row * header.replicates + replicate], point, replicate);
}

}  // namespace migdip::cli
