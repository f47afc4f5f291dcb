// `migdip export`: a results or sweep file as a directory of tidy CSV tables.

#include <fmt/format.h>

#include <csignal>
#include <cstdio>
#include <optional>

#include "commands.h"
#include "csv_export.h"
#include "migdip/core/error.h"
#include "migdip/core/quote.h"
#include "migdip/io/results_file.h"
#include "migdip/io/sweep_file.h"
#include "options.h"
#include "output_directory.h"
#include "stop_signals.h"

namespace migdip::cli {

namespace po = boost::program_options;

namespace {

// Thrown between blocks of output when a stop signal arrived, so that the temporary directory
// is removed on the way out before the signal is raised again.
struct Stopped {
  int signal_number;
};

}  // namespace

int export_command(const std::vector<std::string>& args) {
  po::options_description options("options");
  std::string input;
  std::string output;
  std::string format = "csv";
  options.add_options()("help,h", "show this help")("results", po::value(&input)->required(),
                                                    "results or sweep file (HDF5)")(
      "output,o", po::value(&output)->required(), "directory to write (must not exist)")(
      "format", po::value(&format), "output format: csv (the default and only one)")(
      "force", "replace an existing directory of CSV files")("quiet,q", "print nothing on success");
  po::positional_options_description positional;
  positional.add("results", 1);
  po::variables_map values;
  if (!parse_options(
          args,
          "usage: migdip export RESULTS.h5 -o DIR [--format csv] [--force]\n"
          "       migdip export SWEEP.h5 -o DIR [--format csv] [--force]\n\n"
          "Writes a results file as tidy CSV tables, one row per observation: a file per group\n"
          "(a column per coordinate, dates as YYYY-MM-DD, then a column per variable), the\n"
          "events, deals and negotiation log, and the run's attributes. A sweep file gives\n"
          "runs.csv, a row per run (run, point, replicate, seed, parameters, metrics), and a\n"
          "file per kept series. Numbers read back exactly. See docs/csv-export.md.\n\n"
          "examples:\n"
          "  migdip run scenarios/minimal.ini -o minimal.h5 --force -q\n"
          "  migdip export minimal.h5 -o minimal-csv --force\n"
          "  migdip sweep scenarios/eastern-mediterranean-2015-2017.ini \\\n"
          "      --plan scenarios/sweeps/turkish-enforcement-grid.ini -o grid.h5 --force -q\n"
          "  migdip export grid.h5 -o grid-csv --force\n",
          options, positional, values)) {
    return kSuccess;
  }
  if (format != "csv") {
    throw InputError({"", 0, "", "--format"},
                     "unknown format " + quote(format) + ": migdip export writes csv");
  }
  const bool quiet = values.count("quiet") != 0;
  const bool force = values.count("force") != 0;

  stop_after_removing_temporaries();
  const bool sweep = is_sweep_file(input);
  // Read before the directory is made: a file that cannot be read leaves nothing behind.
  std::optional<RunRecord> record;
  std::optional<SweepContents> contents;
  if (sweep) {
    contents = read_sweep_file(input);
  } else {
    record = read_results_file(input);
  }
  std::vector<ExportedFile> written;
  try {
    OutputDirectory directory(output, force);
    catch_stop_signals();
    const StopCheck stop = [] {
      if (const int signal_number = stop_signal_received(); signal_number != 0) {
        throw Stopped{signal_number};
      }
    };
    written = sweep ? export_sweep_csv(*contents, directory, stop)
                    : export_results_csv(*record, input, directory, stop);
    directory.commit();
  } catch (const Stopped& stopped) {
    std::fputs("migdip: stopped by a signal; no output directory was written\n", stderr);
    std::fflush(nullptr);
    std::signal(stopped.signal_number, SIG_DFL);
    std::raise(stopped.signal_number);
    return 128 + stopped.signal_number;
  }
  if (!quiet) {
    fmt::print("wrote {}/ from {}{}\n", output, input,
               sweep && !contents->complete ? " (an interrupted sweep: its done runs only)" : "");
    for (const ExportedFile& file : written) {
      fmt::print("  {:<40}{:>10} rows\n", file.name, file.rows);
    }
  }
  return kSuccess;
}

}  // namespace migdip::cli
