// The `migdip` command line: the one place where errors become messages and exit statuses.

#include <fmt/format.h>
#include <boost/program_options/errors.hpp>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "commands.h"
#include "migdip/core/error.h"
#include "migdip/core/quote.h"
#include "migdip/core/version.h"

namespace {

constexpr std::string_view kUsage = R"(usage: migdip <command> [options]

Simulates bargaining over migration flows between states and writes the results to HDF5.

commands:
  run SCENARIO       simulate a scenario and write its results file
  validate SCENARIO  check a scenario file without running it
  info FILE          describe a results or sweep file: scenario, dimensions, totals
  plot RESULTS       write the figures of a run or sweep: PNG, SVG or PDF (-o DIR)
  sweep SCENARIO     run every point of a sweep plan into one file (--plan PLAN.ini)
  merge SHARDS...    combine the shard files of a sweep into one sweep file
  slurm SCENARIO     write (and --submit) a Slurm job array for a sweep, plus its merge
  export FILE        write a results or sweep file as tidy CSV tables (-o DIR)

options:
  -h, --help         show this help (or `migdip <command> --help`)
  --version          show the engine version and source commit

exit status: 0 success, 1 internal error (a bug: please report it), 2 bad input
(scenario, option or file); errors are printed to stderr as one line.
)";

int dispatch(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::string command_line;
  for (int i = 0; i < argc; ++i) {
    if (i > 0) {
      command_line += ' ';
    }
    command_line += argv[i];
  }
  if (args.empty()) {
    std::fputs(kUsage.data(), stderr);
    return migdip::cli::kBadInput;
  }
  const std::string command = args.front();
  args.erase(args.begin());
  if (command == "-h" || command == "--help" || command == "help") {
    std::fputs(kUsage.data(), stdout);
    return migdip::cli::kSuccess;
  }
  if (command == "--version") {
    fmt::print("migdip {} (commit {})\n", migdip::engine_version(), migdip::source_commit());
    return migdip::cli::kSuccess;
  }
  if (command == "run") {
    return migdip::cli::run_command(args, command_line);
  }
  if (command == "validate") {
    return migdip::cli::validate_command(args);
  }
  if (command == "info") {
    return migdip::cli::info_command(args);
  }
  if (command == "plot") {
    return migdip::cli::plot_command(args);
  }
  if (command == "sweep") {
    return migdip::cli::sweep_command(args, command_line);
  }
  if (command == "merge") {
    return migdip::cli::merge_command(args, command_line);
  }
  if (command == "export") {
    return migdip::cli::export_command(args);
  }
  if (command == "slurm") {
    return migdip::cli::slurm_command(args, command_line);
  }
  throw migdip::InputError({},
                           "unknown command " + migdip::quote(command) + " (try `migdip --help`)");
}

// After an error has been reported, the process ends without running the libraries' exit
// handlers. HDF5's (and those libhdf5_cpp registers when it is loaded) close every file still
// open, and after a failed close, on a full disk, that second close crashes the process in
// HDF5 1.10. Every output file of migdip is closed, removed or kept for --resume before the
// error reaches here, so the handlers have nothing left to do that matters.
[[noreturn]] void exit_after_error(int status) {
  std::fflush(nullptr);
  std::_Exit(status);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return dispatch(argc, argv);
  } catch (const migdip::InputError& error) {
    fmt::print(stderr, "migdip: error: {}\n", error.what());
    exit_after_error(migdip::cli::kBadInput);
  } catch (const boost::program_options::error& error) {
    fmt::print(stderr, "migdip: error: {}\n", error.what());
    exit_after_error(migdip::cli::kBadInput);
  } catch (const std::exception& error) {
    fmt::print(stderr, "migdip: {}\n", error.what());
    exit_after_error(migdip::cli::kInternalError);
  }
}
