// End-to-end tests of the `migdip` binary: exit statuses, messages, files written or not.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "cli/cli_fixture.h"
#include "migdip/io/results_file.h"

namespace fs = std::filesystem;

namespace {

using migdip::testing::Cli;
using migdip::testing::lines;
using migdip::testing::Outcome;
using migdip::testing::slurp;

TEST_F(Cli, VersionAndHelp) {
  Outcome version = migdip("--version");
  EXPECT_EQ(version.status, 0);
  EXPECT_NE(version.out.find("migdip 0."), std::string::npos);
  for (const char* help : {"--help", "run --help", "validate --help", "info --help", "sweep --help",
                           "merge --help", "slurm --help"}) {
    Outcome outcome = migdip(help);
    EXPECT_EQ(outcome.status, 0) << help;
    EXPECT_NE(outcome.out.find("usage: migdip"), std::string::npos) << help;
  }
}

TEST_F(Cli, BadCommandsAndOptionsExitWithStatusTwo) {
  EXPECT_EQ(migdip("").status, 2);
  Outcome unknown = migdip("frobnicate");
  EXPECT_EQ(unknown.status, 2);
  EXPECT_EQ(lines(unknown.err), 1);
  EXPECT_NE(unknown.err.find("unknown command 'frobnicate'"), std::string::npos);
  Outcome option = migdip("run " + scenario("minimal.ini") + " --frobnicate");
  EXPECT_EQ(option.status, 2);
  EXPECT_EQ(lines(option.err), 1);
  EXPECT_EQ(migdip("run").status, 2);
  EXPECT_TRUE(files().empty());
}

TEST_F(Cli, RunWritesResultsAndRefusesToOverwriteWithoutForce) {
  Outcome first = migdip("run " + scenario("minimal.ini") + " -o out.h5");
  ASSERT_EQ(first.status, 0) << first.err;
  EXPECT_NE(first.out.find("wrote out.h5"), std::string::npos);
  EXPECT_NE(first.out.find("arrivals"), std::string::npos);
  ASSERT_TRUE(fs::exists(dir_ / "out.h5"));
  const auto written = fs::last_write_time(dir_ / "out.h5");

  Outcome again = migdip("run " + scenario("minimal.ini") + " -o out.h5");
  EXPECT_EQ(again.status, 2);
  EXPECT_NE(again.err.find("--force"), std::string::npos);
  EXPECT_EQ(fs::last_write_time(dir_ / "out.h5"), written);

  Outcome forced = migdip("run " + scenario("minimal.ini") + " -o out.h5 --force --quiet");
  EXPECT_EQ(forced.status, 0) << forced.err;
  EXPECT_TRUE(forced.out.empty());
  EXPECT_EQ(files(), std::vector<std::string>{"out.h5"});  // no temporary left behind
}

TEST_F(Cli, DefaultOutputIsNamedAfterTheScenario) {
  ASSERT_EQ(migdip("run " + scenario("minimal.ini") + " -q").status, 0);
  EXPECT_TRUE(fs::exists(dir_ / "minimal.h5"));
}

TEST_F(Cli, InfoDescribesAResultsFile) {
  ASSERT_EQ(migdip("run " + scenario("minimal.ini") + " -o out.h5 -q").status, 0);
  Outcome info = migdip("info out.h5");
  ASSERT_EQ(info.status, 0) << info.err;
  EXPECT_NE(info.out.find("format"), std::string::npos);
  EXPECT_NE(info.out.find("minimal"), std::string::npos);
  EXPECT_NE(info.out.find("24 ticks"), std::string::npos);
  EXPECT_NE(info.out.find("3 states, 2 corridors"), std::string::npos);
}

TEST_F(Cli, InfoRefusesMissingAndForeignFiles) {
  Outcome missing = migdip("info nothing.h5");
  EXPECT_EQ(missing.status, 2);
  EXPECT_EQ(lines(missing.err), 1);
  std::ofstream(dir_ / "text.h5") << "not hdf5\n";
  Outcome foreign = migdip("info text.h5");
  EXPECT_EQ(foreign.status, 2);
  EXPECT_EQ(lines(foreign.err), 1);
  EXPECT_NE(foreign.err.find("text.h5"), std::string::npos);
}

TEST_F(Cli, ValidateAcceptsEveryShippedScenario) {
  for (const auto& entry : fs::directory_iterator(fs::path(MIGDIP_SOURCE_DIR) / "scenarios")) {
    if (entry.path().extension() != ".ini")
      continue;
    Outcome outcome = migdip("validate '" + entry.path().string() + "'");
    EXPECT_EQ(outcome.status, 0) << entry.path() << ": " << outcome.err;
    EXPECT_NE(outcome.out.find("valid scenario"), std::string::npos);
  }
}

// What the one line must say for each kind of malformed scenario: where, and what is wrong.
const std::map<std::string, std::string> kExpectedMessages = {
    {"bad_binary.ini", "binary file"},
    {"bad_empty.ini", "no sections"},
    {"bad_instrument.ini",
     ":111: [instrument tra_readmit] corridor: corridor 'ORI-TRA' leaves 'ORI'"},
    {"bad_instrument_type.ini",
     ":104: [instrument tra_gates] type: expected one of transfer, budget_support"},
    {"bad_negotiation.ini",
     ":125: [negotiation coast_deal] conditionality: 'negative' conditionality pays no new money"},
    {"bad_duplicate_section.ini", ":38: [state TRA] duplicate section"},
    {"bad_nan.ini", ":78: [event crackdown] value: expected a finite number"},
    {"bad_negative_population.ini", ":33: [state TRA] population: must be > 0"},
    {"bad_out_of_range.ini", ":43: [state DST] recognition_rate: must be in [0, 1]"},
    {"bad_undefined_state.ini", "[corridor TRA-DST] to: unknown state 'DSX' (did you mean 'DST'?)"},
    {"bad_unknown_key.ini", "unknown key 'populaton'"},
    {"bad_wrong_type.ini", ":24: [state ORI] population: expected a number"},
};

// Every malformed fixture: status 2, one line naming the file, and no results file.
TEST_F(Cli, MalformedScenariosFailCleanlyAndWriteNothing) {
  int fixtures = 0;
  for (const auto& entry : fs::directory_iterator(MIGDIP_TEST_DATA_DIR)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("bad_", 0) != 0)
      continue;
    ++fixtures;
    Outcome run = migdip("run '" + entry.path().string() + "' -o out.h5");
    EXPECT_EQ(run.status, 2) << name << ": " << run.err;
    EXPECT_EQ(lines(run.err), 1) << name << ": " << run.err;
    EXPECT_NE(run.err.find(name), std::string::npos) << run.err;
    const auto expected = kExpectedMessages.find(name);
    if (expected != kExpectedMessages.end()) {
      EXPECT_NE(run.err.find(expected->second), std::string::npos) << run.err;
    }
    EXPECT_TRUE(files().empty()) << name;
    EXPECT_EQ(migdip("validate '" + entry.path().string() + "'").status, 2) << name;
  }
  EXPECT_GE(fixtures, static_cast<int>(kExpectedMessages.size()));
}

TEST_F(Cli, BadOverridesFailCleanlyAndWriteNothing) {
  for (const char* set : {"state.TRA.exit_enforcement=1.5", "state.TRA.exit_enforcment=0.5",
                          "state.XXX.population=1", "scenario.ticks=nan", "nonsense"}) {
    Outcome outcome = migdip("run " + scenario("minimal.ini") + " -o out.h5 --set '" + set + "'");
    EXPECT_EQ(outcome.status, 2) << set << ": " << outcome.err;
    EXPECT_EQ(lines(outcome.err), 1) << set;
  }
  EXPECT_TRUE(files().empty());
}

TEST_F(Cli, DirectoryAsOutputFailsCleanly) {
  fs::create_directory(dir_ / "results.h5");
  for (const char* force : {"", " --force"}) {
    Outcome outcome = migdip("run " + scenario("minimal.ini") + " -o results.h5" + force);
    EXPECT_EQ(outcome.status, 2) << outcome.err;
    EXPECT_NE(outcome.err.find("is a directory"), std::string::npos) << outcome.err;
  }
  EXPECT_EQ(files(), std::vector<std::string>{"results.h5"});
}

TEST_F(Cli, UnwritableOutputFailsCleanly) {
  Outcome outcome = migdip("run " + scenario("minimal.ini") + " -o no/such/dir/out.h5");
  EXPECT_EQ(outcome.status, 2) << outcome.err;
  EXPECT_EQ(lines(outcome.err), 1);
  EXPECT_TRUE(files().empty());
}

bool same_data(const migdip::RunRecord& a, const migdip::RunRecord& b) {
  if (a.groups.size() != b.groups.size())
    return false;
  for (const auto& group : a.groups) {
    for (const auto& variable : group.variables) {
      const migdip::Variable* other = b.find_variable(group.name, variable.name);
      if (other == nullptr || other->data != variable.data)
        return false;
    }
  }
  return true;
}

TEST_F(Cli, SeedsAndResolvedScenarioReproduceRuns) {
  const std::string stochastic = scenario("minimal.ini") + " --set scenario.mode=stochastic";
  ASSERT_EQ(migdip("run " + stochastic + " --seed 3 -o a.h5 -q").status, 0);
  ASSERT_EQ(migdip("run " + stochastic + " --seed 3 -o b.h5 -q").status, 0);
  ASSERT_EQ(migdip("run " + stochastic + " --seed 4 -o c.h5 -q").status, 0);
  const auto a = migdip::read_results_file((dir_ / "a.h5").string());
  EXPECT_TRUE(same_data(a, migdip::read_results_file((dir_ / "b.h5").string())));
  EXPECT_FALSE(same_data(a, migdip::read_results_file((dir_ / "c.h5").string())));

  // The resolved scenario stored in the file is enough to run the same numbers again.
  std::ofstream(dir_ / "resolved.ini") << a.resolved_scenario_text;
  ASSERT_EQ(migdip("run resolved.ini -o d.h5 -q").status, 0);
  EXPECT_TRUE(same_data(a, migdip::read_results_file((dir_ / "d.h5").string())));
}

// --- migdip info: the deals and the negotiation log ---------------------------------------------

/// A results file with deals and a negotiation log, written from a hand-built record.
migdip::RunRecord record_with_deals() {
  migdip::RunRecord record;
  record.text_attributes = {{"scenario_name", "bargain"}};
  record.deals = {
      {0, "eu-türkiye", "EU", "TUR", "readmission+coast_guard", "positive", 2.5e8, 14, "2016-03-01",
       38, "2018-03-01", "active", 3e9, 0.9, 1e8, 5e7},
      {1, "gr-ua", "GRC", "UKR", "hosting", "none", 1.5e6, 12, "2016-01-01", 17, "2016-06-01",
       "breached", 7.5e6, 0.2, 1e6, 2e5},
  };
  const auto entry = [](const std::string& action) {
    return migdip::NegotiationRow{12, "2016-01-01", "eu-türkiye", -1, action, "EU", "", 0};
  };
  for (const char* action :
       {"proposed", "threat_announced", "proposed", "accepted", "threat_announced",
        "threat_conceded", "no_agreement", "threat_announced", "threat_conceded",
        "threat_carried_out", "deal_breached", "mystery"}) {
    record.negotiation_log.push_back(entry(action));
  }
  return record;
}

TEST_F(Cli, InfoListsTheDealsAndCountsTheNegotiationLog) {
  migdip::write_results_file(record_with_deals(), (dir_ / "deals.h5").string(), false);
  Outcome info = migdip("info deals.h5");
  ASSERT_EQ(info.status, 0) << info.err;
  for (const char* expected :
       {// The deals counted by status, then a line each, aligned; amounts in EUR M.
        "\ndeals           2 (1 active, 1 breached)\n"
        "  negotiation  demander → partner  terms                    signed      ends        "
        "status    EUR M/month  paid EUR M\n"
        "  eu-türkiye   EU → TUR            readmission+coast_guard  2016-03-01  2018-03-01  "
        "active          250.0     3,000.0\n"
        "  gr-ua        GRC → UKR           hosting                  2016-01-01  2016-06-01  "
        "breached          1.5         7.5\n",
        // The log counted by action, a line per kind; actions this build does not know last.
        "\nnegotiation log 12 entries\n"
        "  offers: 2 proposed, 1 accepted, 1 no agreement\n"
        "  threats: 3 announced, 2 conceded, 1 carried out\n"
        "  deal ends: 1 breached\n"
        "  other: 1 mystery\n"}) {
    EXPECT_NE(info.out.find(expected), std::string::npos) << info.out;
  }
}

TEST_F(Cli, InfoSaysSoWhenNegotiationsReachedNoDeal) {
  migdip::RunRecord record;
  record.negotiation_log = {{3, "2020-04-01", "talks", -1, "no_agreement", "DST", "", 0}};
  migdip::write_results_file(record, (dir_ / "none.h5").string(), false);
  Outcome info = migdip("info none.h5");
  ASSERT_EQ(info.status, 0) << info.err;
  EXPECT_NE(info.out.find("\ndeals           none\n"
                          "negotiation log 1 entry\n"
                          "  offers: 1 no agreement\n"),
            std::string::npos)
      << info.out;
}

TEST_F(Cli, InfoOfARunWithoutNegotiationsPrintsNoDealsSection) {
  ASSERT_EQ(migdip("run " + scenario("minimal.ini") + " -o out.h5 -q").status, 0);
  Outcome info = migdip("info out.h5");
  ASSERT_EQ(info.status, 0) << info.err;
  EXPECT_EQ(info.out.find("deals"), std::string::npos) << info.out;
  EXPECT_EQ(info.out.find("negotiation log"), std::string::npos) << info.out;
}

// --- end of migdip info tests -------------------------------------------------------------------

}  // namespace
