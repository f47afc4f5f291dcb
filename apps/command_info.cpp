#include <fmt/format.h>

#include <fmt/ranges.h>
#include "commands.h"

#include <algorithm>

#include "json_writer.h"
#include "migdip/core/error.h"
#include "migdip/io/results_file.h"
#include "migdip/io/sweep_file.h"
#include "options.h"
#include "summary.h"
#include "sweep_setup.h"

namespace migdip::cli {

namespace po = boost::program_options;

namespace {

// `info --json` of a sweep file: what the text form says, as named values. Seeds are decimal
// strings: JSON numbers are read as doubles by most tools, which cannot hold every 64-bit seed.
std::string sweep_json(const std::string& path, const SweepContents& sweep) {
  const SweepHeader& header = sweep.header;
  const auto done = static_cast<std::uint64_t>(std::count(sweep.done.begin(), sweep.done.end(), 1));
  JsonWriter json;
  json.begin_object();
  json.key("file").value(path);
  json.key("kind").value("sweep");
  json.key("engine_version").value(header.engine_version);
  json.key("source_commit").value(header.source_commit);
  json.key("created_utc").value(header.created_utc);
  json.key("scenario_name").value(header.scenario_name);
  json.key("scenario_file").value(header.scenario_file);
  json.key("plan_name").value(header.plan_name);
  json.key("plan_file").value(header.plan_file);
  json.key("sampler").value(header.sampler);
  json.key("plan_seed").value(std::to_string(header.plan_seed));
  json.key("parameters").strings(header.parameters);
  json.key("first_point").value(header.first_point);
  json.key("points").value(header.points);
  json.key("points_total").value(header.points_total);
  json.key("shard_index").value(header.shard_index);
  json.key("shard_count").value(header.shard_count);
  json.key("replicates").value(header.replicates);
  json.key("runs").value(static_cast<std::uint64_t>(sweep.done.size()));
  json.key("runs_done").value(done);
  json.key("complete").value(sweep.complete);
  json.key("metrics").strings(sweep.metric_names);
  json.key("metric_units").strings(sweep.metric_units);
  std::vector<std::string> series;
  for (const SweepSeries& kept : header.series) {
    series.push_back(kept.group + "." + kept.variable);
  }
  json.key("series").strings(series);
  json.key("base_overrides").strings(header.base_overrides);
  json.end_object();
  return json.text();
}

int sweep_info(const std::string& path, const po::variables_map& values) {
  const SweepContents sweep = read_sweep_file(path);
  const SweepHeader& header = sweep.header;
  const bool as_json = values.count("json") != 0;
  if (values.count("point") != 0) {
    const std::string command = rerun_command(header, values["point"].as<std::uint64_t>(),
                                              values["replicate"].as<std::uint64_t>());
    if (as_json) {
      JsonWriter json;
      json.begin_object().key("command").value(command).end_object();
      fmt::print("{}", json.text());
    } else {
      fmt::print("{}\n", command);
    }
    return kSuccess;
  }
  if (as_json) {
    fmt::print("{}", sweep_json(path, sweep));
    return kSuccess;
  }
  const auto done = static_cast<std::size_t>(std::count(sweep.done.begin(), sweep.done.end(), 1));
  fmt::print("file            {}\n", path);
  fmt::print("format          migdip sweep, written by migdip {} (commit {}) at {}\n",
             header.engine_version, header.source_commit, header.created_utc);
  fmt::print("scenario        {} ({})\n", header.scenario_name, header.scenario_file);
  fmt::print("plan            {} ({}), sampler {}, seed {}\n", header.plan_name, header.plan_file,
             header.sampler, header.plan_seed);
  fmt::print("parameters      {}\n", fmt::join(header.parameters, ", "));
  fmt::print("points          {} to {} of {}{}\n", header.first_point,
             header.first_point + header.points - 1, header.points_total,
             header.shard_count > 1
                 ? fmt::format(" (shard {}/{})", header.shard_index, header.shard_count)
                 : "");
  fmt::print("runs            {} of {} done ({} replicates per point){}\n", done, sweep.done.size(),
             header.replicates, sweep.complete ? "" : ", not complete");
  fmt::print("metrics         {}\n", fmt::join(sweep.metric_names, ", "));
  std::vector<std::string> series;
  for (const SweepSeries& kept : header.series) {
    series.push_back(kept.group + "." + kept.variable);
  }
  fmt::print("series          {}\n",
             series.empty() ? "none" : fmt::format("{}", fmt::join(series, ", ")));
  fmt::print("re-run one run  migdip info {} --point P [--replicate R]\n", path);
  return kSuccess;
}

// `info --json` of a results file: what the text form says, as named values (NaN: null).
std::string results_json(const std::string& path, const RunRecord& record) {
  const RunFigures figures(record);
  JsonWriter json;
  json.begin_object();
  json.key("file").value(path);
  json.key("kind").value("results");
  json.key("attributes").begin_object();
  for (const auto& [name, value] : record.text_attributes) {
    json.key(name).value(value);
  }
  for (const auto& [name, value] : record.number_attributes) {
    json.key(name).value(value);
  }
  json.end_object();
  json.key("world").begin_object();
  json.key("ticks").value(static_cast<std::uint64_t>(figures.ticks_simulated()));
  // The time steps written: fewer than the ticks in an aggregated file ([outputs] interval).
  json.key("intervals").value(static_cast<std::uint64_t>(figures.extent("states", "time")));
  json.key("states").value(static_cast<std::uint64_t>(figures.extent("states", "state")));
  json.key("corridors").value(static_cast<std::uint64_t>(figures.extent("corridors", "corridor")));
  json.key("nationalities")
      .value(static_cast<std::uint64_t>(figures.extent("nationalities", "nationality")));
  json.key("pathways").value(static_cast<std::uint64_t>(figures.extent("pathways", "pathway")));
  json.end_object();
  const HeadlineFigures headline = headline_figures(figures);
  json.key("totals").begin_object();
  for (const auto& [name, value] : headline.totals) {
    json.key(name).value(value);
  }
  json.end_object();
  json.key("at_end").begin_object();
  for (const auto& [name, value] : headline.at_end) {
    json.key(name).value(value);
  }
  json.end_object();
  json.key("events_applied").value(static_cast<std::uint64_t>(record.events.size()));
  json.key("groups").begin_array();
  for (const RecordGroup& group : record.groups) {
    json.begin_object();
    json.key("name").value(group.name);
    json.key("description").value(group.description);
    json.key("dimensions").begin_object();
    for (const Coordinate& coordinate : group.coordinates) {
      json.key(coordinate.name).value(static_cast<std::uint64_t>(coordinate.size()));
    }
    json.end_object();
    json.key("variables").begin_array();
    for (const Variable& variable : group.variables) {
      json.begin_object();
      json.key("name").value(variable.name);
      json.key("dimensions").strings(variable.dimensions);
      json.key("units").value(variable.units);
      json.key("long_name").value(variable.long_name);
      json.end_object();
    }
    json.end_array();
    json.end_object();
  }
  json.end_array();
  json.key("deals").begin_array();
  for (const DealRow& deal : record.deals) {
    json.begin_object();
    json.key("deal").value(static_cast<std::int64_t>(deal.deal));
    json.key("negotiation").value(deal.negotiation);
    json.key("demander").value(deal.demander);
    json.key("partner").value(deal.partner);
    json.key("terms").value(deal.terms);
    json.key("conditionality").value(deal.conditionality);
    json.key("payment_per_month").value(deal.payment_per_month);
    json.key("signed_tick").value(static_cast<std::int64_t>(deal.signed_tick));
    json.key("signed_date").value(deal.signed_date);
    json.key("end_tick").value(static_cast<std::int64_t>(deal.end_tick));
    json.key("end_date").value(deal.end_date);
    json.key("status").value(deal.status);
    json.key("paid").value(deal.paid);
    json.key("compliance").value(deal.compliance);
    json.end_object();
  }
  json.end_array();
  // The negotiation log's entries counted by action, in order of first appearance.
  std::vector<std::pair<std::string, std::uint64_t>> actions;
  for (const NegotiationRow& entry : record.negotiation_log) {
    auto found = std::find_if(actions.begin(), actions.end(),
                              [&](const auto& counted) { return counted.first == entry.action; });
    if (found == actions.end()) {
      actions.emplace_back(entry.action, 1);
    } else {
      ++found->second;
    }
  }
  json.key("negotiation_log").begin_object();
  json.key("entries").value(static_cast<std::uint64_t>(record.negotiation_log.size()));
  json.key("by_action").begin_object();
  for (const auto& [action, count] : actions) {
    json.key(action).value(count);
  }
  json.end_object();
  json.end_object();
  json.end_object();
  return json.text();
}

}  // namespace

int info_command(const std::vector<std::string>& args) {
  po::options_description options("options");
  std::string path;
  options.add_options()("help,h", "show this help")("results", po::value(&path)->required(),
                                                    "results or sweep file (HDF5)")(
      "point", po::value<std::uint64_t>(),
      "sweep files: print the migdip run command that reproduces this point")(
      "replicate", po::value<std::uint64_t>()->default_value(0), "with --point: the replicate")(
      "json", "print the description as JSON (docs/results-format.md, \"migdip info --json\")");
  po::positional_options_description positional;
  positional.add("results", 1);
  po::variables_map values;
  if (!parse_options(
          args,
          "usage: migdip info RESULTS.h5 [--json]\n"
          "       migdip info SWEEP.h5 [--point P [--replicate R]] [--json]\n\n"
          "Describes a results file: format, provenance, dimensions, totals, and the deals and\n"
          "negotiation log when the run has any. Describes a sweep file, or prints the command\n"
          "that re-runs one of its runs alone.\n\n"
          "examples:\n"
          "  migdip run scenarios/minimal.ini -o minimal.h5 -q\n"
          "  migdip info minimal.h5\n"
          "  migdip info minimal.h5 --json\n"
          "  migdip sweep scenarios/eastern-mediterranean-2015-2017.ini \\\n"
          "      --plan scenarios/sweeps/turkish-enforcement-grid.ini -o grid.h5 -q\n"
          "  migdip info grid.h5 --point 7    # the migdip run command of point 7\n",
          options, positional, values)) {
    return kSuccess;
  }
  if (is_sweep_file(path)) {
    return sweep_info(path, values);
  }
  if (values.count("point") != 0) {
    throw InputError({path, 0, "", "--point"}, "is for sweep files; this is not one");
  }
  const RunRecord record = read_results_file(path);
  if (values.count("json") != 0) {
    fmt::print("{}", results_json(path, record));
    return kSuccess;
  }
  fmt::print("file            {}\n", path);
  fmt::print("format          migdip results {}, written by migdip {} (commit {}) at {}\n",
             text_attribute(record, "format_version"), text_attribute(record, "engine_version"),
             text_attribute(record, "source_commit"), text_attribute(record, "created_utc"));
  fmt::print("{}", summarise(record));
  fmt::print("groups         ");
  for (const RecordGroup& group : record.groups) {
    fmt::print(" {} ({} variables)", group.name, group.variables.size());
  }
  fmt::print("\n");
  fmt::print("{}", summarise_diplomacy(record));
  return kSuccess;
}

}  // namespace migdip::cli
