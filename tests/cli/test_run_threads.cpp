// `migdip run --threads N`: the route values solved on N threads write the same results file,
// number for number, as on one (provenance aside: the command line differs).

#include <gtest/gtest.h>


#include "cli/cli_fixture.h"
#include "migdip/io/results_file.h"
#include "support/same_bits.h"

namespace migdip {
namespace {

namespace fs = std::filesystem;
using testing::Cli;
using testing::Outcome;

using testing::same_bits;

TEST_F(Cli, RunOnSeveralThreadsWritesTheSameNumbersAsOnOne) {
  const std::string scenario = Cli::scenario("eastern-mediterranean-2015-2017-strategic.ini");
  ASSERT_EQ(migdip("run " + scenario + " -o one.h5 -q").status, 0);
  ASSERT_EQ(migdip("run " + scenario + " -o three.h5 -q --threads 3").status, 0);
  const RunRecord one = read_results_file((dir_ / "one.h5").string());
  const RunRecord three = read_results_file((dir_ / "three.h5").string());
  ASSERT_EQ(one.groups.size(), three.groups.size());
  int variables = 0;
  for (std::size_t g = 0; g < one.groups.size(); ++g) {
    const RecordGroup& a = one.groups[g];
    const RecordGroup& b = three.groups[g];
    ASSERT_EQ(a.name, b.name);
    ASSERT_EQ(a.variables.size(), b.variables.size()) << a.name;
    for (std::size_t v = 0; v < a.variables.size(); ++v) {
      EXPECT_EQ(a.variables[v].name, b.variables[v].name);
      EXPECT_TRUE(same_bits(a.variables[v].data, b.variables[v].data))
          << a.name << "/" << a.variables[v].name;
      ++variables;
    }
  }
  EXPECT_GT(variables, 20);
  ASSERT_EQ(one.deals.size(), three.deals.size());
  EXPECT_FALSE(one.deals.empty());  // the strategic flagship signs its deal
  for (std::size_t d = 0; d < one.deals.size(); ++d) {
    EXPECT_EQ(one.deals[d].payment_per_month, three.deals[d].payment_per_month);
  }
}

TEST_F(Cli, RunRefusesZeroThreads) {
  const Outcome outcome = migdip("run " + Cli::scenario("minimal.ini") + " -o out.h5 --threads 0");
  EXPECT_EQ(outcome.status, 2);
  EXPECT_NE(outcome.err.find("--threads: must be at least 1"), std::string::npos) << outcome.err;
  EXPECT_FALSE(fs::exists(dir_ / "out.h5"));
}

}  // namespace
}  // namespace migdip
