#include <fmt/format.h>

#include <fmt/ranges.h>
#include "commands.h"

#include <algorithm>

#include "migdip/core/error.h"
#include "migdip/io/results_file.h"
#include "migdip/io/sweep_file.h"
#include "options.h"
#include "summary.h"
#include "sweep_setup.h"

namespace migdip::cli {

namespace po = boost::program_options;

namespace {

int sweep_info(const std::string& path, const po::variables_map& values) {
  const SweepContents sweep = read_sweep_file(path);
  const SweepHeader& header = sweep.header;
  if (values.count("point") != 0) {
    fmt::print("{}\n", rerun_command(header, values["point"].as<std::uint64_t>(),
                                     values["replicate"].as<std::uint64_t>()));
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

}  // namespace

int info_command(const std::vector<std::string>& args) {
  po::options_description options("options");
  std::string path;
  options.add_options()("help,h", "show this help")("results", po::value(&path)->required(),
                                                    "results or sweep file (HDF5)")(
      "point", po::value<std::uint64_t>(),
      "sweep files: print the migdip run command that reproduces this point")(
      "replicate", po::value<std::uint64_t>()->default_value(0), "with --point: the replicate");
  po::positional_options_description positional;
  positional.add("results", 1);
  po::variables_map values;
  if (!parse_options(
          args,
          "usage: migdip info RESULTS.h5\n"
          "       migdip info SWEEP.h5 [--point P [--replicate R]]\n\n"
          "Describes a results file: format, provenance, dimensions, totals, and the deals and\n"
          "negotiation log when the run has any. Describes a sweep file, or prints the command\n"
          "that re-runs one of its runs alone.",
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
