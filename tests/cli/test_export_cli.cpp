// `migdip export`: bad input is refused in one line with exit status 2, and leaves nothing.
// (What the CSVs hold is checked against the HDF5 files by tests/python/test_export.py.)

#include <H5Cpp.h>
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

using ExportCli = Cli;

TEST_F(ExportCli, WritesADirectoryOfCsvFiles) {
  ASSERT_EQ(migdip("run " + scenario("minimal.ini") + " -o run.h5 -q").status, 0);
  Outcome outcome = migdip("export run.h5 -o csv --format csv");
  ASSERT_EQ(outcome.status, 0) << outcome.err;
  EXPECT_NE(outcome.out.find("wrote csv/ from run.h5"), std::string::npos);
  for (const char* name : {"states.csv", "corridors.csv", "events.csv", "deals.csv",
                           "negotiation_log.csv", "attributes.csv"}) {
    EXPECT_TRUE(fs::is_regular_file(dir_ / "csv" / name)) << name;
  }
  std::ifstream states(dir_ / "csv" / "states.csv");
  std::string header;
  std::getline(states, header);
  EXPECT_EQ(header.rfind("time,tick,tick_days,state,state_name,state_roles,", 0), 0u) << header;
  std::string first;
  std::getline(states, first);
  EXPECT_EQ(first.rfind("2020-01-01,0,31,", 0), 0u) << first;
}

TEST_F(ExportCli, RefusesAMissingFile) {
  expect_refused("export nothing.h5 -o csv", {"nothing.h5: no such results file"});
}

TEST_F(ExportCli, RefusesWhatIsNotAResultsFile) {
  std::ofstream(dir_ / "text.h5") << "not hdf5\n";
  expect_refused("export text.h5 -o csv", {"text.h5: not a migdip results file"});
  H5::H5File((dir_ / "plain.h5").string(), H5F_ACC_TRUNC).close();
  expect_refused("export plain.h5 -o csv", {"plain.h5: not a migdip results file"});
  fs::create_directory(dir_ / "folder.h5");
  expect_refused("export folder.h5 -o csv", {"folder.h5: is a directory"});
}

TEST_F(ExportCli, RefusesAnExistingDirectoryWithoutForce) {
  ASSERT_EQ(migdip("run " + scenario("minimal.ini") + " -o run.h5 -q").status, 0);
  fs::create_directory(dir_ / "csv");
  expect_refused("export run.h5 -o csv", {"csv: exists; use --force to replace it"});
  std::ofstream(dir_ / "file.csv") << "x\n";
  expect_refused("export run.h5 -o file.csv --force", {"exists and is not a directory"});
  std::ofstream(dir_ / "csv" / "keep.txt") << "mine\n";
  expect_refused("export run.h5 -o csv --force", {"holds 'keep.txt'"});
  EXPECT_TRUE(fs::exists(dir_ / "csv" / "keep.txt"));
}

TEST_F(ExportCli, RefusesBadOptions) {
  ASSERT_EQ(migdip("run " + scenario("minimal.ini") + " -o run.h5 -q").status, 0);
  expect_refused("export run.h5 -o csv --format parquet", {"--format: unknown format 'parquet'"});
  expect_refused("export run.h5", {"output"});
  expect_refused("export run.h5 -o missing/csv", {"missing/csv: its directory"});
}

}  // namespace
