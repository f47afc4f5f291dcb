// `migdip plot FILE.h5 [-o DIR] [--format png|svg|pdf] [--dpi N]`: the standard figures of a run,
// or the ensemble figures of a sweep, drawn by the Python package (python/migdip/plot.py) in a
// child process started without a shell. The package is found relative to the executable:
// installed, it is P/share/migdip/python beside P/bin/migdip; in the build tree, the same
// relative path holds a link to the source tree's python/ (apps/CMakeLists.txt).

#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "commands.h"
#include "migdip/core/error.h"
#include "options.h"

#ifndef MIGDIP_PYTHON_FROM_BINDIR
#error "MIGDIP_PYTHON_FROM_BINDIR (where the Python package is, from the binary) must be defined"
#endif

extern char** environ;

namespace migdip::cli {

namespace po = boost::program_options;

namespace {

constexpr const char* kPackages =
    "plotting needs Debian's python3-matplotlib, python3-h5py, python3-xarray, python3-h5netcdf: "
    "sudo apt-get install python3 python3-matplotlib python3-h5py python3-xarray "
    "python3-h5netcdf python3-pandas";

// Run with `python3 -I -c LAUNCHER PACKAGE_DIR ARGS...`. Isolated mode (-I) keeps the current
// directory off sys.path, where `-c` would put it first: a numpy.py or a migdip/ there, in a
// directory others may write to, would be run. It also ignores every PYTHON* variable and the
// user's site-packages. The launcher puts the package directory first on sys.path (it comes as
// an argument, so that no path is quoted into code), then the absolute entries of PYTHONPATH,
// which the user chose (say, for a matplotlib installed elsewhere); an empty or relative entry
// would name the current directory again and is left out. Then it checks that the packages
// migdip.plot imports are there, so that a missing one is one line naming the Debian package to
// install, not a traceback; then runs migdip.plot as `python3 -m migdip.plot` would, with the
// arguments that follow.
constexpr const char* kLauncher = R"(import importlib.util, os, sys
sys.path[:0] = [sys.argv.pop(1)] + [entry for entry in os.environ.get("PYTHONPATH", "").split(
    os.pathsep) if os.path.isabs(entry)]
needed = {"numpy": "python3-numpy", "pandas": "python3-pandas", "h5py": "python3-h5py",
          "xarray": "python3-xarray", "h5netcdf": "python3-h5netcdf",
          "matplotlib": "python3-matplotlib"}
missing = [name for name in needed if importlib.util.find_spec(name) is None]
if missing:
    sys.stderr.write("migdip: error: plotting needs the Python package(s) " + ", ".join(missing)
                     + ", which " + sys.executable + " does not have: sudo apt-get install "
                     + " ".join(needed[name] for name in missing) + "\n")
    sys.exit(2)
import runpy
runpy.run_module("migdip.plot", run_name="__main__", alter_sys=True)
)";

// $MIGDIP_PYTHON if set and not empty, else Debian's interpreter.
std::string python_interpreter() {
  const char* chosen = std::getenv("MIGDIP_PYTHON");
  return chosen != nullptr && *chosen != '\0' ? std::string(chosen) : "/usr/bin/python3";
}

// The directory holding the Python package migdip: MIGDIP_PYTHON_FROM_BINDIR from the directory
// of this executable (/proc/self/exe, symbolic links resolved), so that a prefix works wherever
// it is installed or moved and nothing depends on where the sources were built.
std::string python_package_directory() {
  std::error_code error;
  const std::filesystem::path executable = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) {
    throw InputError({}, fmt::format("cannot find the migdip executable (/proc/self/exe): {}, so "
                                     "not its Python package either",
                                     error.message()));
  }
  const std::filesystem::path directory =
      (executable.parent_path() / MIGDIP_PYTHON_FROM_BINDIR).lexically_normal();
  if (!std::filesystem::is_regular_file(directory / "migdip" / "plot.py", error)) {
    throw InputError({},
                     fmt::format("cannot find migdip's Python package: {} does not exist "
                                 "(`cmake --install` puts it there for {})",
                                 (directory / "migdip" / "plot.py").string(), executable.string()));
  }
  return directory.string();
}

// `<results stem>-figures` next to the results file.
std::string default_directory(const std::string& results) {
  const std::filesystem::path path(results);
  return (path.parent_path() / (path.stem().string() + "-figures")).string();
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> result;
  result.reserve(strings.size() + 1);
  for (std::string& text : strings) {
    result.push_back(text.data());
  }
  result.push_back(nullptr);
  return result;
}

}  // namespace

int plot_command(const std::vector<std::string>& args) {
  po::options_description options("options");
  std::string path;
  std::string directory;
  // Checked by migdip.plot, which refuses a format or dpi it does not take in one line (exit
  // status 2): one list of formats, in python/migdip/plots.py.
  std::string format = "png";
  std::string dpi = "120";
  options.add_options()("help,h", "show this help")("results", po::value(&path)->required(),
                                                    "results or sweep file (HDF5)")(
      "output,o", po::value(&directory),
      "directory for the figures (default: <results stem>-figures next to the results file)")(
      "format", po::value(&format), "file format of the figures: png (default), svg or pdf")(
      "dpi", po::value(&dpi),
      "resolution of PNG figures in dots per inch, 50 to 1200 (default 120; 300 for print)");
  po::positional_options_description positional;
  positional.add("results", 1);
  po::variables_map values;
  if (!parse_options(
          args,
          "usage: migdip plot RESULTS.h5 [-o DIR] [--format png|svg|pdf] [--dpi N]\n\n"
          "Writes the standard figures of a run: irregular arrivals by corridor, "
          "people by status,\ndeaths per 1000 crossings, enforcement, transfers, a "
          "timeline of events and, for a\nstrategic run, of deals and threats. On a "
          "sweep file, a figure per kept series: the\nmedian and 5-95% band over "
          "replicates of each point (over all runs beyond 8 points).\nRuns `python3 -m "
          "migdip.plot` ($MIGDIP_PYTHON, else /usr/bin/python3) with matplotlib.\n\n"
          "examples:\n"
          "  migdip run scenarios/minimal.ini -o minimal.h5 -q\n"
          "  migdip plot minimal.h5 -o minimal-figures\n"
          "  migdip plot minimal.h5 --format pdf            # vector figures for a paper\n"
          "  migdip plot minimal.h5 --format png --dpi 300  # print resolution\n",
          options, positional, values)) {
    return kSuccess;
  }
  if (directory.empty()) {
    directory = default_directory(path);
  }
  const std::string interpreter = python_interpreter();
  if (::access(interpreter.c_str(), X_OK) != 0) {
    throw InputError(
        {}, fmt::format("cannot run {}: {}; {}", interpreter, std::strerror(errno), kPackages));
  }

  // migdip.plot gets --output=DIR, --format and --dpi, then "--" so that a results path starting
  // with '-' is not taken for an option. Arguments go to the child as they are: no shell, no
  // quoting.
  const std::string package_directory = python_package_directory();
  std::vector<std::string> argv_strings{interpreter,
                                        "-I",
                                        "-c",
                                        kLauncher,
                                        package_directory,
                                        "--output=" + directory,
                                        "--format=" + format,
                                        "--dpi=" + dpi,
                                        "--",
                                        path};
  std::vector<char*> child_argv = pointers(argv_strings);

  std::fflush(stdout);
  std::fflush(stderr);
  pid_t child = 0;
  const int spawned =
      ::posix_spawn(&child, interpreter.c_str(), nullptr, nullptr, child_argv.data(), environ);
  if (spawned != 0) {
    throw InputError(
        {}, fmt::format("cannot run {}: {}; {}", interpreter, std::strerror(spawned), kPackages));
  }
  int status = 0;
  while (::waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) {
      throw std::runtime_error(
          fmt::format("waiting for {}: {}", interpreter, std::strerror(errno)));
    }
  }
  if (WIFEXITED(status)) {
    return WEXITSTATUS(status);
  }
  if (WIFSIGNALED(status)) {
    // The HDF5 library can crash on a damaged file (a bad signature in a group's link heap
    // crashes Debian 12's libhdf5 1.10.8): the likely cause is the input. migdip.plot reads the
    // whole file before it writes a figure, so no figure is left behind.
    throw InputError({path, 0, "", ""},
                     fmt::format("{} died of signal {} ({}) while plotting it; a damaged results "
                                 "file can crash the HDF5 library that reads it",
                                 interpreter, WTERMSIG(status), ::strsignal(WTERMSIG(status))));
  }
  return kInternalError;
}

}  // namespace migdip::cli
