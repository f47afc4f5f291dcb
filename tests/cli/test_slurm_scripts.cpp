// `migdip slurm` writes batch scripts from values users paste from elsewhere. Here the scripts, and
// the commands it prints, run under bash with stub `sbatch` and `migdip` executables that record
// their arguments: every value must arrive intact and none may run as code. The #SBATCH lines
// are read back by sbatch's rules, which are not the shell's.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "cli/cli_fixture.h"

namespace migdip {
namespace {

using testing::Cli;
using testing::lines;
using testing::Outcome;
using testing::slurp;
namespace fs = std::filesystem;

// Runs `touch pwned` wherever a shell takes it as code.
const std::string kCode = "$(touch pwned) `touch pwned` ; touch pwned & 'single' \"double\"";

constexpr const char* kPlan =
    "[sweep]\n"
    "sampler = grid\n"
    "replicates = 1\n"
    "\n"
    "[parameter state.TUR.exit_enforcement]\n"
    "levels = 0.1, 0.3\n";

// Both stubs write their arguments, one a line, to $STUB_LOG/NAME-N for their N-th call.
constexpr const char* kStubSbatch =
    "#!/bin/sh\n"
    "n=0\n"
    "while [ -e \"$STUB_LOG/sbatch-$n\" ]; do n=$((n + 1)); done\n"
    "printf '%s\\n' \"$@\" > \"$STUB_LOG/sbatch-$n\"\n"
    "echo 4242\n";
constexpr const char* kStubMigdip =
    "#!/bin/sh\n"
    "n=0\n"
    "while [ -e \"$STUB_LOG/migdip-$n\" ]; do n=$((n + 1)); done\n"
    "printf '%s\\n' \"$@\" > \"$STUB_LOG/migdip-$n\"\n";

using Lines = std::vector<std::string>;

Lines split_lines(const std::string& text) {
  Lines result;
  std::size_t begin = 0;
  while (begin < text.size()) {
    const std::size_t end = text.find('\n', begin);
    result.push_back(text.substr(begin, end - begin));
    begin = end == std::string::npos ? text.size() : end + 1;
  }
  return result;
}

bool is_space(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0;
}

// The arguments sbatch takes from the rest of one `#SBATCH` line, by its rules (get_argument in
// Slurm's src/sbatch/opt.c, 22.05 to 24.x): whitespace separates arguments; '...' and "..."
// group characters, whitespace included; a backslash takes the next character literally, inside
// quotes too; an unquoted '#' ends the line; an empty argument ends it too.
Lines sbatch_arguments(std::string_view rest) {
  Lines arguments;
  std::size_t i = 0;
  for (;;) {
    while (i < rest.size() && is_space(rest[i])) {
      ++i;
    }
    std::string argument;
    char quote = 0;
    bool comment = false;
    while (i < rest.size() && (quote != 0 || !is_space(rest[i]))) {
      const char c = rest[i++];
      if (c == '\\') {
        if (i < rest.size() && (quote != 0 || !is_space(rest[i]))) {
          argument += rest[i++];
        }
      } else if (quote != 0 && c == quote) {
        quote = 0;
      } else if (quote == 0 && (c == '"' || c == '\'')) {
        quote = c;
      } else if (quote == 0 && c == '#') {
        comment = true;
        break;
      } else {
        argument += c;
      }
    }
    if (quote != 0) {
      throw std::runtime_error("sbatch refuses an unmatched quote in: " + std::string(rest));
    }
    if (argument.empty()) {
      return arguments;
    }
    arguments.push_back(argument);
    if (comment) {
      return arguments;
    }
  }
}

// The options sbatch reads from a script: its #SBATCH lines up to the first command. Each line
// must give exactly one `--name=value`.
std::map<std::string, std::string> sbatch_directives(const std::string& script) {
  std::map<std::string, std::string> directives;
  int written = 0;
  bool reading = true;
  for (const std::string& line : split_lines(script)) {
    const bool directive = line.starts_with("#SBATCH");
    written += directive ? 1 : 0;
    const std::size_t first = line.find_first_not_of(" \t");
    if (!directive && first != std::string::npos && line[first] != '#') {
      reading = false;  // sbatch stops at the first command
    }
    if (!directive || !reading) {
      continue;
    }
    const Lines arguments = sbatch_arguments(std::string_view(line).substr(7));
    EXPECT_EQ(arguments.size(), 1u) << line;
    if (arguments.size() != 1 || !arguments[0].starts_with("--") ||
        arguments[0].find('=') == std::string::npos) {
      ADD_FAILURE() << "not one --name=value: " << line;
      continue;
    }
    const std::size_t equals = arguments[0].find('=');
    directives[arguments[0].substr(2, equals - 2)] = arguments[0].substr(equals + 1);
  }
  EXPECT_EQ(static_cast<int>(directives.size()), written) << "directives sbatch never reads in\n"
                                                          << script;
  return directives;
}

// A path as Slurm's file name patterns (%a, %j, ...) must spell it to mean it literally.
std::string slurm_literal(const std::string& path) {
  std::string literal;
  for (char c : path) {
    literal += c == '%' ? std::string("%%") : std::string(1, c);
  }
  return literal;
}

class SlurmScripts : public Cli {
 protected:
  void SetUp() override {
    Cli::SetUp();
    work_ = fs::canonical(dir_);
    stub_migdip_ = dir_ / ("bin " + kCode) / "migdip";
    fs::create_directories(dir_ / "calls");
    fs::create_directories(dir_ / "stub-path");
    fs::create_directories(stub_migdip_.parent_path());
    write_executable(dir_ / "stub-path" / "sbatch", kStubSbatch);
    write_executable(stub_migdip_, kStubMigdip);
    std::ofstream(dir_ / plan_) << kPlan;
    fs::copy_file(fs::path(MIGDIP_SOURCE_DIR) / "scenarios/eastern-mediterranean-2015-2017.ini",
                  dir_ / scenario_);
  }

  static void write_executable(const fs::path& path, const std::string& text) {
    std::ofstream(path) << text;
    fs::permissions(path, fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
  }

  // Runs `argv` with no shell in between, in the test's directory, with the stub sbatch first on
  // PATH and `environment` ("NAME=value") added.
  Outcome execute(const Lines& argv, const Lines& environment = {}) const {
    const fs::path out = dir_ / "stdout.txt";
    const fs::path err = dir_ / "stderr.txt";
    const pid_t child = ::fork();
    if (child == 0) {
      const int out_fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      const int err_fd = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (::chdir(dir_.c_str()) != 0 || ::dup2(out_fd, 1) < 0 || ::dup2(err_fd, 2) < 0) {
        ::_exit(127);
      }
      const std::string path = (dir_ / "stub-path").string() + ":" + std::getenv("PATH");
      ::setenv("PATH", path.c_str(), 1);
      ::setenv("STUB_LOG", (dir_ / "calls").c_str(), 1);
      for (const std::string& entry : environment) {
        const std::size_t equals = entry.find('=');
        ::setenv(entry.substr(0, equals).c_str(), entry.substr(equals + 1).c_str(), 1);
      }
      std::vector<char*> arguments;
      for (const std::string& argument : argv) {
        arguments.push_back(const_cast<char*>(argument.c_str()));
      }
      arguments.push_back(nullptr);
      ::execvp(arguments[0], arguments.data());
      ::_exit(127);
    }
    int raw = 0;
    ::waitpid(child, &raw, 0);
    return collect(raw, out, err);
  }

  // The arguments of the stub's N-th call, or nothing if there was no such call.
  Lines call(const std::string& stub, int n) const {
    const fs::path log = dir_ / "calls" / (stub + "-" + std::to_string(n));
    return fs::exists(log) ? split_lines(slurp(log)) : Lines{"(no call)"};
  }
  int calls() const {
    return static_cast<int>(std::distance(fs::directory_iterator(dir_ / "calls"), {}));
  }

  // Files that hostile code created: `touch pwned` in any directory a command ran in.
  Lines pwned() const {
    Lines found;
    for (const auto& entry : fs::recursive_directory_iterator(dir_)) {
      if (entry.path().filename() == "pwned") {
        found.push_back(entry.path().string());
      }
    }
    return found;
  }

  Lines slurm(const Lines& extra = {}) const {
    Lines argv = {MIGDIP_BINARY, "slurm",       scenario_,   "--plan",    plan_,
                  "-o",          output_,       "--shards",  "2",         "--job-name",
                  job_name_,     "--partition", partition_,  "--account", account_,
                  "--time",      time_,         "--mem",     memory_,     "--directory",
                  directory_,    "--set",       assignment_, "--migdip",  stub_migdip_.string()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return argv;
  }

  fs::path work_;         // the test's directory, as migdip sees its working directory
  fs::path stub_migdip_;  // in a directory whose name is code too
  const std::string scenario_ = "scenario " + kCode + ".ini";
  const std::string plan_ = "plan " + kCode + ".ini";
  const std::string output_ = "out " + kCode + ".h5";
  const std::string directory_ = "50% of " + kCode;
  const std::string job_name_ = "job " + kCode + " #not a comment \\ %j";
  const std::string partition_ = "part " + kCode;
  const std::string account_ = "acct;touch pwned";
  const std::string time_ = "01:00:00 $(touch pwned)";
  const std::string memory_ = "2G`touch pwned`";
  const std::string assignment_ =
      "scenario.description=d $(touch pwned) `touch pwned` 'single' \"double\" \\ %a";
};

TEST_F(SlurmScripts, HostileValuesReachEveryArgumentIntactAndRunNothing) {
  const Outcome written = execute(slurm());
  ASSERT_EQ(written.status, 0) << written.err;
  const fs::path work = work_ / directory_;
  const std::string shard_0 = (work / "shards/shard-0.h5").string();
  const std::string shard_1 = (work / "shards/shard-1.h5").string();
  const Lines sweep = {"sweep",     (work_ / scenario_).string(),
                       "--plan",    (work_ / plan_).string(),
                       "--threads", "3",
                       "--set",     assignment_,
                       "-o",        shard_1};

  const Lines task = {"SLURM_ARRAY_TASK_ID=1", "SLURM_CPUS_PER_TASK=3"};
  const Outcome first = execute({"bash", (work / "sweep-array.sh").string()}, task);
  EXPECT_EQ(first.status, 0) << first.err;
  EXPECT_EQ(call("migdip", 0), sweep);
  // A task that finds its shard's .partial resumes it; one that finds the shard does nothing.
  std::ofstream(shard_1 + ".partial") << "";
  EXPECT_EQ(execute({"bash", (work / "sweep-array.sh").string()}, task).status, 0);
  Lines resumed = sweep;
  resumed.push_back("--resume");
  EXPECT_EQ(call("migdip", 1), resumed);
  std::ofstream(shard_1) << "";
  EXPECT_EQ(execute({"bash", (work / "sweep-array.sh").string()}, task).status, 0);
  EXPECT_EQ(calls(), 2);

  const Outcome merged = execute({"bash", (work / "sweep-merge.sh").string()});
  EXPECT_EQ(merged.status, 0) << merged.err;
  EXPECT_EQ(call("migdip", 2),
            (Lines{"merge", shard_0, shard_1, "-o", (work_ / output_).string(), "--force"}));
  EXPECT_EQ(pwned(), Lines{});
}

TEST_F(SlurmScripts, SbatchReadsEachDirectiveAsOneOptionWithItsValueIntact) {
  const Outcome written = execute(slurm());
  ASSERT_EQ(written.status, 0) << written.err;
  const fs::path work = work_ / directory_;

  const auto array = sbatch_directives(slurp(work / "sweep-array.sh"));
  EXPECT_EQ(array, (std::map<std::string, std::string>{
                       {"job-name", job_name_},
                       {"cpus-per-task", "1"},
                       {"mem", memory_},
                       {"time", time_},
                       {"output", slurm_literal(work.string()) + "/logs/shard-%a.out"},
                       {"partition", partition_},
                       {"account", account_},
                       {"array", "0-1"}}));
  const auto merge = sbatch_directives(slurp(work / "sweep-merge.sh"));
  EXPECT_EQ(merge.at("job-name"), job_name_ + "-merge");
  EXPECT_EQ(merge.at("output"), slurm_literal(work.string()) + "/logs/merge.out");
  EXPECT_EQ(merge.at("partition"), partition_);
}

TEST_F(SlurmScripts, PrintedSubmitCommandsRunAsTheyArePasted) {
  const Outcome written = execute(slurm());
  ASSERT_EQ(written.status, 0) << written.err;
  const std::size_t start = written.out.find("submit with:\n");
  ASSERT_NE(start, std::string::npos) << written.out;
  const Lines commands = split_lines(written.out.substr(start + 13));
  ASSERT_EQ(commands.size(), 2u) << written.out;

  const Outcome pasted = execute({"bash", "-c", commands[0] + "\n" + commands[1]});
  EXPECT_EQ(pasted.status, 0) << pasted.err;
  const fs::path work = work_ / directory_;
  EXPECT_EQ(call("sbatch", 0), (Lines{"--parsable", (work / "sweep-array.sh").string()}));
  EXPECT_EQ(call("sbatch", 1),
            (Lines{"--dependency=afterok:4242", (work / "sweep-merge.sh").string()}));
  EXPECT_EQ(pwned(), Lines{});
}

TEST_F(SlurmScripts, SubmitHandsSbatchTheScriptsIntact) {
  const Outcome submitted = execute(slurm({"--submit"}));
  EXPECT_EQ(submitted.status, 0) << submitted.err;
  EXPECT_NE(submitted.out.find("submitted array job 4242 and merge job 4242"), std::string::npos)
      << submitted.out;
  const fs::path work = work_ / directory_;
  EXPECT_EQ(call("sbatch", 0), (Lines{"--parsable", (work / "sweep-array.sh").string()}));
  EXPECT_EQ(call("sbatch", 1),
            (Lines{"--parsable", "--dependency=afterok:4242", (work / "sweep-merge.sh").string()}));
  EXPECT_EQ(pwned(), Lines{});
}

TEST_F(SlurmScripts, ControlCharactersAreRefusedInEveryValueThatReachesAScript) {
  // Each option and where its value sits in the command; the file options name existing files,
  // so that only the control character can be refused.
  const Lines base = slurm();
  const auto position = [&](const std::string& option) {
    const auto at = std::find(base.begin(), base.end(), option);
    return static_cast<std::size_t>(at - base.begin()) + 1;
  };
  const std::vector<std::pair<std::string, std::size_t>> options = {
      {"SCENARIO", 2},
      {"--plan", position("--plan")},
      {"--output", position("-o")},
      {"--job-name", position("--job-name")},
      {"--partition", position("--partition")},
      {"--account", position("--account")},
      {"--time", position("--time")},
      {"--mem", position("--mem")},
      {"--directory", position("--directory")},
      {"--set", position("--set")},
      {"--migdip", position("--migdip")}};
  const std::vector<fs::path> before = {fs::directory_iterator(dir_), {}};
  for (const auto& [option, index] : options) {
    for (const char control : {'\n', '\r', '\t', '\x01', '\x1b', '\x7f'}) {
      Lines argv = base;
      argv[index] = option == "--set" ? "scenario.description=a" + std::string(1, control) + "b"
                                      : argv[index] + control + "touch pwned";
      if (option == "SCENARIO" || option == "--plan") {
        fs::copy_file(dir_ / base[index], dir_ / argv[index]);
      }
      const Outcome refused = execute(argv);
      EXPECT_EQ(refused.status, 2) << option << " " << int{control} << ": " << refused.err;
      EXPECT_EQ(lines(refused.err), 1) << refused.err;
      EXPECT_NE(refused.err.find(option + ": "), std::string::npos) << refused.err;
      if (option == "SCENARIO" || option == "--plan") {
        fs::remove(dir_ / argv[index]);
      }
    }
  }
  // Nor from the plan's name, the default job name.
  std::ofstream(dir_ / plan_) << "[sweep]\nname = tab\tbed\n" << std::string(kPlan).substr(8);
  Lines argv = base;
  const auto job = std::find(argv.begin(), argv.end(), "--job-name");
  argv.erase(job, job + 2);
  const Outcome refused = execute(argv);
  EXPECT_EQ(refused.status, 2) << refused.err;
  EXPECT_NE(refused.err.find(plan_), std::string::npos) << refused.err;

  const std::vector<fs::path> after = {fs::directory_iterator(dir_), {}};
  EXPECT_EQ(after.size(), before.size()) << "a refused command wrote something";
  EXPECT_EQ(pwned(), Lines{});
}

TEST_F(SlurmScripts, BackslashInTheLogDirectoryIsRefusedBecauseSlurmWouldIgnoreTheTaskNumber) {
  Lines argv = slurm();
  argv[std::find(argv.begin(), argv.end(), "--directory") - argv.begin() + 1] = "back\\slash";
  const Outcome refused = execute(argv);
  EXPECT_EQ(refused.status, 2) << refused.err;
  EXPECT_EQ(lines(refused.err), 1) << refused.err;
  EXPECT_NE(refused.err.find("--directory: "), std::string::npos) << refused.err;
  EXPECT_FALSE(fs::exists(dir_ / "back\\slash"));
}

// Permissions do not bind root: as root, migdip runs as nobody.
Lines unprivileged(Lines argv) {
  if (::geteuid() == 0) {
    argv.insert(argv.begin(),
                {"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"});
  }
  return argv;
}

TEST_F(SlurmScripts, UnusableDirectoryIsBadInputAndLeavesNoScript) {
  Lines argv = slurm();
  const std::size_t directory = static_cast<std::size_t>(
      std::find(argv.begin(), argv.end(), "--directory") - argv.begin() + 1);

  std::ofstream(dir_ / "a file") << "kept";
  argv[directory] = "a file";
  Outcome refused = execute(argv);
  EXPECT_EQ(refused.status, 2) << refused.err;
  EXPECT_EQ(lines(refused.err), 1) << refused.err;
  EXPECT_NE(refused.err.find("a file"), std::string::npos) << refused.err;
  EXPECT_EQ(slurp(dir_ / "a file"), "kept");

  // A new directory in a read-only one, and a read-only directory of an earlier `migdip slurm`.
  fs::create_directories(dir_ / "read-only");
  fs::create_directories(dir_ / "earlier/shards");
  fs::create_directories(dir_ / "earlier/logs");
  const auto read_only = fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                         fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec;
  fs::permissions(dir_ / "read-only", read_only);
  fs::permissions(dir_ / "earlier", read_only);
  for (const std::string target : {"read-only/sweep.slurm", "earlier"}) {
    argv[directory] = target;
    refused = execute(unprivileged(argv));
    EXPECT_EQ(refused.status, 2) << target << ": " << refused.err;
    EXPECT_EQ(lines(refused.err), 1) << refused.err;
    EXPECT_NE(refused.err.find(target), std::string::npos) << refused.err;
  }
  EXPECT_TRUE(fs::is_empty(dir_ / "read-only"));
  const std::vector<fs::path> earlier = {fs::directory_iterator(dir_ / "earlier"), {}};
  EXPECT_EQ(earlier.size(), 2u) << "a script or temporary file was left";
  fs::permissions(dir_ / "read-only", fs::perms::owner_all);
  fs::permissions(dir_ / "earlier", fs::perms::owner_all);
}

}  // namespace
}  // namespace migdip
