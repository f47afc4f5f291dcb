// `migdip merge`: the shard files of a sweep, checked and combined into one sweep file.

#include <fmt/format.h>

#include "commands.h"
#include "migdip/io/sweep_file.h"
#include "options.h"
#include "stop_signals.h"
#include "utc_time.h"

namespace migdip::cli {

namespace po = boost::program_options;

int merge_command(const std::vector<std::string>& args, const std::string& command_line) {
  po::options_description options("options");
  std::vector<std::string> inputs;
  std::string output;
  options.add_options()("help,h", "show this help")("shards", po::value(&inputs)->multitoken(),
                                                    "shard files written by migdip sweep --shard")(
      "output,o", po::value(&output)->required(), "merged sweep file to write")(
      "force", "replace an existing sweep file")("quiet,q", "print nothing on success");
  po::positional_options_description positional;
  positional.add("shards", -1);
  po::variables_map values;
  if (!parse_options(
          args,
          "usage: migdip merge SHARD.h5 ... -o SWEEP.h5 [--force]\n\n"
          "Combines the shard files of one sweep (migdip sweep --shard I/N) into one\n"
          "sweep file, the same as a sweep run in one piece. Refuses missing,\n"
          "duplicated, incomplete or foreign shards, naming them.\n\n"
          "examples:\n"
          "  migdip sweep scenarios/eastern-mediterranean-2015-2017.ini \\\n"
          "      --plan scenarios/sweeps/turkish-enforcement-grid.ini --shard 0/2 -o part-0.h5\n"
          "  migdip sweep scenarios/eastern-mediterranean-2015-2017.ini \\\n"
          "      --plan scenarios/sweeps/turkish-enforcement-grid.ini --shard 1/2 -o part-1.h5\n"
          "  migdip merge part-0.h5 part-1.h5 -o grid.h5\n",
          options, positional, values)) {
    return kSuccess;
  }
  require_hdf5_extension(output, "--output");
  stop_after_removing_temporaries();
  merge_sweep_files(inputs, output, values.count("force") != 0, command_line, utc_now());
  if (values.count("quiet") == 0) {
    fmt::print("wrote {} from {} shard files\n", output, inputs.size());
  }
  return kSuccess;
}

}  // namespace migdip::cli
