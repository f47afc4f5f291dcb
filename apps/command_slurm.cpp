// `migdip slurm`: a Slurm job array that runs a sweep in shards, and a merge job that waits for
// it, written as batch scripts (and submitted with --submit).

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string_view>
#include <utility>

#include "commands.h"
#include "migdip/core/error.h"
#include "options.h"
#include "slurm_script.h"
#include "sweep_setup.h"

namespace migdip::cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

struct Resources {
  std::uint64_t shards = 0;
  unsigned cpus_per_task = 1;
  std::string time = "01:00:00";
  std::string memory = "2G";
  std::string partition;
  std::string account;
  std::string job_name;
};

std::string sbatch_header(const Resources& resources, const std::string& job_name,
                          const std::string& log, unsigned cpus, const std::string& time) {
  std::string text = "#!/bin/bash\n";
  text += sbatch_directive("job-name", job_name);
  text += sbatch_directive("cpus-per-task", std::to_string(cpus));
  text += sbatch_directive("mem", resources.memory);
  text += sbatch_directive("time", time);
  text += sbatch_directive("output", log);
  if (!resources.partition.empty()) {
    text += sbatch_directive("partition", resources.partition);
  }
  if (!resources.account.empty()) {
    text += sbatch_directive("account", resources.account);
  }
  return text;
}

// Where the scripts, shards and logs go: a directory, with `shards` and `logs` in it.
void create_work_directory(const fs::path& work) {
  std::error_code error;
  if (fs::exists(work, error) && !fs::is_directory(work, error)) {
    throw InputError({work.string(), 0, "", ""},
                     "is not a directory; name another with --directory");
  }
  for (const char* inner : {"shards", "logs"}) {
    fs::create_directories(work / inner, error);
    if (error) {
      throw InputError({work.string(), 0, "", ""},
                       fmt::format("cannot create directory {}: {}", inner, error.message()));
    }
  }
}

InputError script_error(const fs::path& path, const std::string& problem) {
  return InputError(
      {path.parent_path().string(), 0, "", ""},
      fmt::format("cannot write the batch script {}: {}", path.filename().string(), problem));
}

void write_executable(const fs::path& path, const fs::path& script, const std::string& text) {
  const int descriptor =
      ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0666);
  if (descriptor < 0) {
    throw script_error(script, std::strerror(errno));
  }
  std::string_view rest = text;
  int error = 0;
  while (!rest.empty() && error == 0) {
    const ssize_t written = ::write(descriptor, rest.data(), rest.size());
    if (written >= 0) {
      rest.remove_prefix(static_cast<std::size_t>(written));
    } else if (errno != EINTR) {
      error = errno;
    }
  }
  if (error == 0 && ::fsync(descriptor) != 0) {
    error = errno;
  }
  if (::close(descriptor) != 0 && error == 0) {
    error = errno;
  }
  if (error != 0) {
    throw script_error(script, std::strerror(error));
  }
  std::error_code failed;
  fs::permissions(path, fs::perms::owner_exec, fs::perm_options::add, failed);
  if (failed) {
    throw script_error(script, failed.message());
  }
}

// Writes each script under a temporary name beside its own, then renames them into place: a
// failure on the way (read-only directory, disk full) leaves no partial script behind.
void write_scripts(const std::vector<std::pair<fs::path, std::string>>& scripts) {
  std::vector<fs::path> temporaries;
  try {
    for (const auto& [path, text] : scripts) {
      temporaries.push_back(path.parent_path() /
                            fmt::format(".{}.tmp-{}", path.filename().string(), ::getpid()));
      write_executable(temporaries.back(), path, text);
    }
    for (std::size_t i = 0; i < scripts.size(); ++i) {
      std::error_code failed;
      fs::rename(temporaries[i], scripts[i].first, failed);
      if (failed) {
        throw script_error(scripts[i].first, failed.message());
      }
    }
  } catch (...) {
    for (const fs::path& temporary : temporaries) {
      std::error_code ignored;
      fs::remove(temporary, ignored);
    }
    throw;
  }
}

// Runs sbatch --parsable and returns the job id it prints.
std::string submit(const std::vector<std::string>& arguments) {
  std::string command = "sbatch --parsable";
  for (const std::string& argument : arguments) {
    command.push_back(' ');
    command.append(shell_quote(argument));
  }
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) {
    throw InputError({"", 0, "", "--submit"}, "cannot run sbatch");
  }
  std::string printed;
  char buffer[256];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) {
    printed += buffer;
  }
  const int status = ::pclose(pipe);
  if (status != 0) {
    throw InputError({"", 0, "", "--submit"},
                     fmt::format("sbatch failed (exit status {}): is Slurm installed and "
                                 "configured here? command: {}",
                                 WIFEXITED(status) ? WEXITSTATUS(status) : status, command));
  }
  // --parsable prints "jobid" or "jobid;cluster".
  const std::string id = printed.substr(0, printed.find_first_of(";\n"));
  if (id.empty()) {
    throw InputError({"", 0, "", "--submit"}, "sbatch printed no job id");
  }
  return id;
}

std::string absolute(const std::string& path) {
  return fs::absolute(path).lexically_normal().string();
}

InputLocation option(const char* name) {
  return {"", 0, "", name};
}

}  // namespace

int slurm_command(const std::vector<std::string>& args, const std::string& command_line) {
  po::options_description options("options");
  SweepRequest request;
  std::string output;
  std::string directory;
  std::string migdip_path;
  Resources resources;
  options.add_options()("help,h", "show this help")(
      "scenario", po::value(&request.scenario_path)->required(), "scenario file (INI)")(
      "plan", po::value(&request.plan_path)->required(), "sweep plan (INI)")(
      "output,o", po::value(&output)->required(), "merged sweep file the jobs will write")(
      "shards", po::value(&resources.shards)->required(), "array tasks (shards of the plan)")(
      "cpus-per-task", po::value(&resources.cpus_per_task)->default_value(1),
      "cores of each array task (its worker threads)")(
      "time", po::value(&resources.time)->default_value("01:00:00"),
      "time limit of each array task (Slurm format)")(
      "mem", po::value(&resources.memory)->default_value("2G"), "memory of each array task")(
      "partition", po::value(&resources.partition), "Slurm partition")(
      "account", po::value(&resources.account), "Slurm account")(
      "job-name", po::value(&resources.job_name), "job name (default: the plan's name)")(
      "directory", po::value(&directory),
      "where scripts, shard files and logs go (default: OUTPUT without .h5, plus .slurm)")(
      "set", po::value(&request.base_overrides)->composing(),
      "override a scenario key for every run (repeatable)")(
      "migdip", po::value(&migdip_path), "the migdip the jobs run (default: this one)")(
      "submit", "submit the array and the merge job with sbatch");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  po::variables_map values;
  if (!parse_options(
          args,
          "usage: migdip slurm SCENARIO --plan PLAN.ini -o SWEEP.h5 --shards N\n"
          "                    [--cpus-per-task C] [--time T] [--mem M] [--partition P]\n"
          "                    [--account A] [--submit]\n\n"
          "Writes a Slurm job array that runs the sweep in N shards (each resumable),\n"
          "and a merge job that runs once every shard has succeeded. With --submit,\n"
          "submits both (the merge with --dependency=afterok on the array).\n\n"
          "examples:\n"
          "  migdip slurm scenarios/eastern-mediterranean-2015-2017.ini \\\n"
          "      --plan scenarios/sweeps/eastern-mediterranean-sobol.ini -o sobol.h5 --shards 8\n"
          "  # then sbatch the scripts it names, or add --submit to let it do so\n",
          options, positional, values)) {
    return kSuccess;
  }
  if (resources.shards == 0) {
    throw InputError({"", 0, "", "--shards"}, "must be at least 1");
  }
  if (resources.cpus_per_task == 0) {
    throw InputError({"", 0, "", "--cpus-per-task"}, "must be at least 1");
  }
  require_hdf5_extension(output, "--output");
  request.command_line = command_line;
  if (directory.empty()) {
    directory = fs::path(output).replace_extension().string() + ".slurm";
  }
  if (migdip_path.empty()) {
    migdip_path = fs::read_symlink("/proc/self/exe").string();
  }
  const std::string scenario_file = absolute(request.scenario_path);
  const std::string plan_file = absolute(request.plan_path);
  const std::string output_file = absolute(output);
  const std::string work = absolute(directory);
  // Every value that reaches a script, checked before anything is read or written.
  for (const auto& [name, value] : {std::pair{"SCENARIO", &scenario_file},
                                    {"--plan", &plan_file},
                                    {"--output", &output_file},
                                    {"--directory", &work},
                                    {"--migdip", &migdip_path},
                                    {"--job-name", &resources.job_name},
                                    {"--partition", &resources.partition},
                                    {"--account", &resources.account},
                                    {"--time", &resources.time},
                                    {"--mem", &resources.memory}}) {
    check_script_value(option(name), *value);
  }
  for (const std::string& assignment : request.base_overrides) {
    check_script_value(option("--set"), assignment);
  }
  const std::string logs = slurm_literal_path(option("--directory"), work) + "/logs/";

  // Check the plan here, on the login node, not in a thousand failing array tasks.
  const SweepSetup setup = prepare_sweep(request);
  if (resources.shards > setup.design.points) {
    throw InputError({"", 0, "", "--shards"},
                     fmt::format("{} shards for {} points: some would be empty; use at most {}",
                                 resources.shards, setup.design.points, setup.design.points));
  }
  const std::string job_name =
      resources.job_name.empty() ? "migdip-" + setup.plan.plan.name : resources.job_name;
  check_script_value({request.plan_path, 0, "sweep", "name"}, job_name);

  std::string sweep_arguments =
      fmt::format("{} --plan {} --threads \"${{SLURM_CPUS_PER_TASK:-1}}\"",
                  shell_quote(scenario_file), shell_quote(plan_file));
  for (const std::string& assignment : request.base_overrides) {
    sweep_arguments += " --set " + shell_quote(assignment);
  }
  std::string array = sbatch_header(resources, job_name, logs + "shard-%a.out",
                                    resources.cpus_per_task, resources.time);
  array += sbatch_directive("array", fmt::format("0-{}", resources.shards - 1));
  array +=
      "\n# One shard of the sweep per array task; its share of the plan comes from\n"
      "# SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT. A task that was killed or timed out\n"
      "# resumes where it stopped when the array task is run again.\n"
      "set -euo pipefail\n";
  array += fmt::format("shard={}/shards/shard-${{SLURM_ARRAY_TASK_ID}}.h5\n", shell_quote(work));
  array += "if [ -e \"$shard\" ]; then exit 0; fi\n";
  array += "resume=()\n";
  array += "if [ -e \"$shard.partial\" ]; then resume=(--resume); fi\n";
  array += fmt::format("{} sweep {} -o \"$shard\" \"${{resume[@]}}\"\n", shell_quote(migdip_path),
                       sweep_arguments);

  std::string merge =
      sbatch_header(resources, job_name + "-merge", logs + "merge.out", 1, "00:30:00");
  merge +=
      "\n# Runs after every array task has succeeded (afterok): combines the shards.\n"
      "set -euo pipefail\n";
  std::string shard_list;
  for (std::uint64_t i = 0; i < resources.shards; ++i) {
    shard_list += fmt::format(" {}/shards/shard-{}.h5", shell_quote(work), i);
  }
  merge += fmt::format("{} merge{} -o {} --force\n", shell_quote(migdip_path), shard_list,
                       shell_quote(output_file));

  const std::string array_script = work + "/sweep-array.sh";
  const std::string merge_script = work + "/sweep-merge.sh";
  create_work_directory(work);
  write_scripts({{array_script, array}, {merge_script, merge}});

  fmt::print("wrote {} ({} array tasks, {} runs in all) and {}\n", array_script, resources.shards,
             setup.design.points * setup.plan.plan.replicates, merge_script);
  if (values.count("submit") == 0) {
    fmt::print(
        "submit with:\n  array=$(sbatch --parsable {})\n"
        "  sbatch --dependency=afterok:$array {}\n",
        shell_quote(array_script), shell_quote(merge_script));
    return kSuccess;
  }
  const std::string array_job = submit({array_script});
  const std::string merge_job = submit({"--dependency=afterok:" + array_job, merge_script});
  fmt::print("submitted array job {} and merge job {}\n", array_job, merge_job);
  return kSuccess;
}

}  // namespace migdip::cli
