// Hostile sizes and values on the command line and in files: refused with exit 2 and one short
// line, before any memory or time is spent on them.

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "cli/cli_fixture.h"

namespace migdip {
namespace {

using testing::Cli;
using testing::lines;
using testing::Outcome;
using testing::slurp;
namespace fs = std::filesystem;

constexpr std::size_t kLoginNodeKib = 256 * 1024;

std::string minimal_scenario() {
  return slurp(std::string(MIGDIP_SOURCE_DIR) + "/scenarios/minimal.ini");
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// A 4 MB unknown key, and an id one letter off a 40,000-letter one, once took 777 MB and 12.8 GB
// to suggest a correction: under a login node's limit they ended in std::bad_alloc (exit 1).
TEST_F(Cli, HugeNamesAreRefusedQuicklyInLittleMemory) {
  if (sanitized()) {
    GTEST_SKIP() << "address-space limits do not work with AddressSanitizer";
  }
  const std::string scenario = minimal_scenario();
  write_file(dir_ / "key.ini", replaced(scenario, "[state ORI]\n",
                                        "[state ORI]\n" + std::string(4'000'000, 'k') + " = 1\n"));
  const std::string id(40000, 'A');
  std::string near = id;
  near.back() = 'B';
  write_file(dir_ / "id.ini", replaced(replaced(scenario, "ORI", id), "nationality = " + id,
                                       "nationality = " + near));
  for (const char* file : {"key.ini", "id.ini"}) {
    const Outcome outcome =
        migdip_with_address_space(kLoginNodeKib, std::string("validate ") + file);
    EXPECT_EQ(outcome.status, 2) << file << ": " << outcome.err.substr(0, 300);
    EXPECT_EQ(lines(outcome.err), 1) << file;
    EXPECT_LT(outcome.err.size(), 400u) << file << ": " << outcome.err.substr(0, 400);
  }
}

// A newline in --set once went into the stored resolved text, which then did not reload, and
// `info --point` printed a re-run command that ran another scenario.
TEST_F(Cli, OverridesWithControlCharactersAreRefusedByEveryCommand) {
  const std::string newline = "--set 'scenario.description=two\nlines'";
  write_file(dir_ / "plan.ini",
             "[sweep]\nsampler = grid\n[parameter state.TRA.exit_enforcement]\nlevels = 0.1\n");
  for (const std::string& command :
       {"run " + scenario("minimal.ini") + " -o out.h5 " + newline,
        "validate " + scenario("minimal.ini") + " " + newline,
        "sweep " + scenario("minimal.ini") + " --plan plan.ini -o sweep.h5 -q " + newline,
        "run " + scenario("minimal.ini") + " -o out.h5 --set 'scenario.name=a\tb'"}) {
    const Outcome outcome = migdip(command);
    EXPECT_EQ(outcome.status, 2) << command << ": " << outcome.err;
    EXPECT_EQ(lines(outcome.err), 1) << outcome.err;
    EXPECT_NE(outcome.err.find("cannot hold control characters"), std::string::npos) << outcome.err;
    EXPECT_NE(outcome.err.find("(in --set 'scenario."), std::string::npos) << outcome.err;
  }
  EXPECT_FALSE(fs::exists(dir_ / "out.h5"));
  EXPECT_FALSE(fs::exists(dir_ / "sweep.h5"));
  // A plan level cannot hold a newline (the plan is line-based), but it can hold a tab.
  write_file(dir_ / "tab.ini",
             "[sweep]\nsampler = list\n[parameter scenario.description]\n"
             "levels = a\tb\n");
  const Outcome tab = migdip("validate " + scenario("minimal.ini") + " --plan tab.ini");
  EXPECT_EQ(tab.status, 2) << tab.err;
  EXPECT_NE(tab.err.find("tab.ini:4: [parameter scenario.description] levels: value a\\tb is "
                         "refused by the scenario"),
            std::string::npos)
      << tab.err;
}

// Boost.Program_options converts "-1" to an unsigned option by wrapping it: --seed -1 ran with
// seed 2^64 - 1.
TEST_F(Cli, NegativeNumbersForUnsignedOptionsAreRefused) {
  write_file(dir_ / "plan.ini",
             "[sweep]\nsampler = grid\n[parameter state.TRA.exit_enforcement]\nlevels = 0.1\n");
  const std::string minimal = scenario("minimal.ini");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"run " + minimal + " -o out.h5 --seed -1", "--seed"},
      {"run " + minimal + " -o out.h5 --seed=-1", "--seed"},
      {"run " + minimal + " -o out.h5 --seed -18446744073709551615", "--seed"},
      {"sweep " + minimal + " --plan plan.ini -o sweep.h5 --threads -1", "--threads"},
      {"slurm " + minimal + " --plan plan.ini -o s/sweep.h5 --shards -1", "--shards"},
      {"slurm " + minimal + " --plan plan.ini -o s/sweep.h5 --shards 1 --cpus-per-task -2",
       "--cpus-per-task"},
      {"info sweep.h5 --point -1", "--point"},
      {"info sweep.h5 --point 0 --replicate -1", "--replicate"},
  };
  for (const auto& [command, option] : cases) {
    const Outcome outcome = migdip(command);
    EXPECT_EQ(outcome.status, 2) << command << ": " << outcome.err;
    EXPECT_EQ(lines(outcome.err), 1) << outcome.err;
    EXPECT_NE(outcome.err.find(option + ": must be a whole number >= 0, got '-"), std::string::npos)
        << command << ": " << outcome.err;
  }
  EXPECT_FALSE(fs::exists(dir_ / "out.h5"));
  EXPECT_FALSE(fs::exists(dir_ / "sweep.h5"));
  EXPECT_FALSE(fs::exists(dir_ / "s"));
  // The largest seed, 2^53, is still a seed; one more is refused in one line (exit 2).
  const Outcome largest = migdip("run " + minimal + " -o out.h5 -q --seed 9007199254740992");
  EXPECT_EQ(largest.status, 0) << largest.err;
  const Outcome above = migdip("run " + minimal + " -o above.h5 -q --seed 9007199254740993");
  EXPECT_EQ(above.status, 2) << above.err;
  EXPECT_EQ(lines(above.err), 1) << above.err;
  EXPECT_NE(above.err.find("minimal.ini: [scenario] seed: must be in [0, 9007199254740992], got "
                           "9007199254740993"),
            std::string::npos)
      << above.err;
  EXPECT_FALSE(fs::exists(dir_ / "above.h5"));
}

// `states` states, all origins and destinations, in a chain: memory grows with states squared.
std::string chain_scenario(int states) {
  std::string text = "[scenario]\nname = chain\nstart_date = 2020-01-01\nticks = 12\n";
  for (int s = 0; s < states; ++s) {
    text += "[state S" + std::to_string(s) +
            "]\nroles = origin, destination\npopulation = 1e6\nincome_per_head = 1000\n";
  }
  for (int c = 0; c + 1 < states; ++c) {
    text += "[corridor C" + std::to_string(c) + "]\nfrom = S" + std::to_string(c) + "\nto = S" +
            std::to_string(c + 1) + "\n";
  }
  return text;
}

constexpr std::size_t kOneGibKib = 1024 * 1024;

// A scenario that loads in kilobytes can need gigabytes to run: `run` once ended in
// std::bad_alloc (exit 1) after validating. It is refused before anything is allocated, with
// the size needed and what limits it; `validate` reports the size and still says valid.
TEST_F(Cli, RunsThatCannotFitInMemoryAreRefusedUpFront) {
  if (sanitized()) {
    GTEST_SKIP() << "address-space limits do not work with AddressSanitizer";
  }
  // With its (time, corridor, nationality) series, which are above the default
  // large_series_limit here and would otherwise be left out (the run would then fit).
  write_file(dir_ / "wide.ini",
             chain_scenario(1500) + "[outputs]\nlarge_series_limit = 10000000\n");
  for (const std::string& arguments :
       {std::string("wide.ini"),
        scenario("minimal.ini") + " --set scenario.tick_length=day --set scenario.ticks=2000000"}) {
    const Outcome run = migdip_with_address_space(kOneGibKib, "run " + arguments + " -o out.h5");
    EXPECT_EQ(run.status, 2) << arguments << ": " << run.err;
    EXPECT_EQ(lines(run.err), 1) << run.err;
    EXPECT_NE(run.err.find(": a run needs about "), std::string::npos) << run.err;
    EXPECT_NE(run.err.find(" GiB of memory; the address-space limit (ulimit -v) is 1.0 GiB"),
              std::string::npos)
        << run.err;
    EXPECT_FALSE(fs::exists(dir_ / "out.h5"));
  }
  const Outcome validate = migdip_with_address_space(kOneGibKib, "validate wide.ini");
  EXPECT_EQ(validate.status, 0) << validate.err;
  EXPECT_NE(validate.out.find("valid scenario 'chain'"), std::string::npos) << validate.out;
  EXPECT_NE(validate.out.find("a run needs about "), std::string::npos) << validate.out;
  EXPECT_NE(validate.out.find("(the address-space limit (ulimit -v) is 1.0 GiB: `migdip run` "
                              "refuses it here)"),
            std::string::npos)
      << validate.out;
  // Without the limit the same machine may well have room: the size is reported either way.
  const Outcome small = migdip("validate " + scenario("minimal.ini"));
  EXPECT_EQ(small.status, 0) << small.err;
  EXPECT_NE(small.out.find("a run needs about "), std::string::npos) << small.out;
  EXPECT_EQ(small.out.find("refuses it here"), std::string::npos) << small.out;
}

// A latin hypercube of 2^30 samples passed the plan checks, then ended in std::bad_alloc; the
// Slurm command checks plans on the login node, so it could exhaust one.
TEST_F(Cli, PlansThatCannotBeSampledInMemoryAreRefusedByEveryCommand) {
  if (sanitized()) {
    GTEST_SKIP() << "address-space limits do not work with AddressSanitizer";
  }
  write_file(dir_ / "huge.ini",
             "[sweep]\nsampler = latin_hypercube\nsamples = 1073741824\n"
             "[parameter state.TRA.exit_enforcement]\nlow = 0\nhigh = 1\n");
  const std::string minimal = scenario("minimal.ini");
  for (const std::string& command :
       {"validate " + minimal + " --plan huge.ini", "sweep " + minimal + " --plan huge.ini -o s.h5",
        "slurm " + minimal + " --plan huge.ini -o out/s.h5 --shards 100"}) {
    const Outcome outcome = migdip_with_address_space(kOneGibKib, command);
    EXPECT_EQ(outcome.status, 2) << command << ": " << outcome.err;
    EXPECT_EQ(lines(outcome.err), 1) << outcome.err;
    EXPECT_NE(outcome.err.find("huge.ini: preparing the sweep (1073741824 points x 1 replicates) "
                               "needs about "),
              std::string::npos)
        << outcome.err;
    EXPECT_NE(outcome.err.find("GiB of memory; the address-space limit (ulimit -v) is 1.0 GiB"),
              std::string::npos)
        << outcome.err;
  }
  EXPECT_FALSE(fs::exists(dir_ / "s.h5"));
  EXPECT_FALSE(fs::exists(dir_ / "s.h5.partial"));
  EXPECT_FALSE(fs::exists(dir_ / "out"));
}

// Each worker thread holds a run: too many threads for the memory are refused, with how many fit.
TEST_F(Cli, SweepsRefuseMoreThreadsThanTheMemoryHolds) {
  if (sanitized()) {
    GTEST_SKIP() << "address-space limits do not work with AddressSanitizer";
  }
  write_file(dir_ / "wide.ini", chain_scenario(400));
  write_file(dir_ / "plan.ini",
             "[sweep]\nsampler = grid\nreplicates = 100\n[parameter state.S1.population]\n"
             "levels = 1e6, 2e6\n");
  const Outcome outcome =
      migdip_with_address_space(kOneGibKib, "sweep wide.ini --plan plan.ini -o s.h5 --threads 64");
  EXPECT_EQ(outcome.status, 2) << outcome.err;
  EXPECT_EQ(lines(outcome.err), 1) << outcome.err;
  EXPECT_NE(outcome.err.find("wide.ini: running 64 runs of this scenario at once (--threads 64) "
                             "with the sweep's setup needs about "),
            std::string::npos)
      << outcome.err;
  EXPECT_NE(outcome.err.find("; the address-space limit (ulimit -v) is 1.0 GiB (room for "),
            std::string::npos)
      << outcome.err;
  EXPECT_FALSE(fs::exists(dir_ / "s.h5"));
  EXPECT_FALSE(fs::exists(dir_ / "s.h5.partial"));
}

}  // namespace
}  // namespace migdip
