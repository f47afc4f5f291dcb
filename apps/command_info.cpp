#include <fmt/format.h>

#include "commands.h"
#include "migdip/io/results_file.h"
#include "options.h"
#include "summary.h"

namespace migdip::cli {

namespace po = boost::program_options;

int info_command(const std::vector<std::string>& args) {
  po::options_description options("options");
  std::string path;
  options.add_options()("help,h", "show this help")("results", po::value(&path)->required(),
                                                    "results file (HDF5)");
  po::positional_options_description positional;
  positional.add("results", 1);
  po::variables_map values;
  if (!parse_options(
          args,
          "usage: migdip info RESULTS.h5\n\n"
          "Describes a results file: format, provenance, dimensions, totals, and the deals and\n"
          "negotiation log when the run has any.",
          options, positional, values)) {
    return kSuccess;
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
