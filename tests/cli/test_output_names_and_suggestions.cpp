// Two refusals that point at the fix: an HDF5 output named for another format (`-o x.csv`), and
// a section id misspelt in --set or in a plan's [parameter KEY] ("did you mean 'state.TUR'?").
// Each is one line on stderr, exit status 2, and writes nothing.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "cli/cli_fixture.h"

namespace fs = std::filesystem;

namespace {

using migdip::testing::Cli;
using migdip::testing::lines;
using migdip::testing::Outcome;

class Refusals : public Cli {
 protected:
  std::string grid_plan() const {
    // Appended piece by piece: GCC 12's -Wrestrict misfires on "'" + std::string(...) here.
    std::string plan = "'";
    plan += MIGDIP_SOURCE_DIR;
    plan += "/scenarios/sweeps/turkish-enforcement-grid.ini'";
    return plan;
  }
};

TEST_F(Refusals, OutputsNamedForAnotherFormat) {
  const std::string em = scenario("eastern-mediterranean-2015-2017.ini");
  expect_refused("run " + scenario("minimal.ini") + " -o x.csv",
                 {"x.csv: --output: has the extension '.csv'", "name it .h5", "migdip export"});
  expect_refused("run " + scenario("minimal.ini") + " -o results",
                 {"results: --output: has no extension"});
  expect_refused("sweep " + em + " --plan " + grid_plan() + " -o grid.txt",
                 {"grid.txt: --output: has the extension '.txt'"});
  expect_refused("merge a.h5 b.h5 -o merged.json", {"merged.json: --output:", "'.json'"});
  expect_refused("slurm " + em + " --plan " + grid_plan() + " --shards 2 -o sweep.CSV",
                 {"sweep.CSV: --output:", "'.csv'"});
}

TEST_F(Refusals, EveryHdf5ExtensionIsAccepted) {
  for (const char* name : {"a.h5", "b.hdf5", "c.nc", "d.he5", "E.H5"}) {
    Outcome outcome = migdip("run " + scenario("minimal.ini") + " -q -o " + name);
    EXPECT_EQ(outcome.status, 0) << name << ": " << outcome.err;
    EXPECT_TRUE(fs::exists(dir_ / name)) << name;
  }
}

TEST_F(Refusals, MisspeltSectionIdsInSetSuggestTheClosest) {
  const std::string em = scenario("eastern-mediterranean-2015-2017.ini");
  expect_refused("run " + em + " --set state.TRU.exit_enforcement=1 -o out.h5",
                 {"[state TRU]", "no section [state TRU]", "(did you mean 'state.TUR'?)",
                  "(in --set 'state.TRU.exit_enforcement=1')"});
  expect_refused("run " + em + " --set corridor.TUR-GRE.mortality=0.01 -o out.h5",
                 {"(did you mean 'corridor.TUR-GRC'?)"});
  expect_refused("validate " + em + " --set 'stock.SYR in TRU.hosted=1'",
                 {"(did you mean 'stock.SYR in TUR'?)"});
  expect_refused(
      "sweep " + em + " --plan " + grid_plan() + " --set state.GRE.entry_enforcement=0.5 -o out.h5",
      {"(did you mean 'state.GRC'?)"});
  // Nothing close: no suggestion, still one line.
  Outcome far = migdip("run " + em + " --set state.XYZQ.exit_enforcement=1 -o out.h5");
  EXPECT_EQ(far.status, 2);
  EXPECT_EQ(far.err.find("did you mean"), std::string::npos) << far.err;
}

TEST_F(Refusals, MisspeltSectionIdsInAPlanSuggestTheClosest) {
  std::ofstream(dir_ / "plan.ini") << "[sweep]\nsampler = grid\n\n"
                                      "[parameter state.TRU.exit_enforcement]\nlevels = 0.1\n";
  // The key is wrong whatever its value: the message is about the section, not "value 0.1".
  expect_refused(
      "sweep " + scenario("eastern-mediterranean-2015-2017.ini") + " --plan plan.ini -o out.h5",
      {"plan.ini:5: [parameter state.TRU.exit_enforcement] no section [state TRU]",
       "(did you mean 'state.TUR'?)"});
  Outcome outcome = migdip("sweep " + scenario("eastern-mediterranean-2015-2017.ini") +
                           " --plan plan.ini -o out.h5");
  EXPECT_EQ(outcome.err.find("is refused by the scenario"), std::string::npos) << outcome.err;
}

}  // namespace
