// Any run of a sweep can be re-run alone: `migdip info SWEEP --point P --replicate R` prints a
// `migdip run` command whose results give exactly the metrics and series the sweep stored.

#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "cli/cli_fixture.h"
#include "migdip/io/results_file.h"
#include "migdip/io/sweep_file.h"
#include "migdip/recording/summary_metrics.h"

namespace migdip {
namespace {

using testing::Cli;
using testing::Outcome;
namespace fs = std::filesystem;

constexpr const char* kPlan =
    "[sweep]\n"
    "sampler = grid\n"
    "replicates = 2\n"
    "seed = 99\n"
    "series = states.arrivals\n"
    "\n"
    "[parameter state.TUR.exit_enforcement]\n"
    "levels = 0.1, 0.3\n"
    "\n"
    "[parameter stock.SYR in TUR.hosted]\n"
    "levels = 1.5e6, 2.5e6\n";

bool same_bits(std::span<const double> a, std::span<const double> b) {
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

TEST_F(Cli, EveryRunOfASweepIsReproducedAloneByTheCommandItRecords) {
  {
    std::ofstream plan(dir_ / "plan.ini");
    plan << kPlan;
  }
  const Outcome sweep = migdip("sweep " + scenario("eastern-mediterranean-2015-2017.ini") +
                               " --plan plan.ini -o sweep.h5 --set scenario.mode=stochastic -q");
  ASSERT_EQ(sweep.status, 0) << sweep.err;
  const SweepContents contents = read_sweep_file((dir_ / "sweep.h5").string());
  ASSERT_EQ(contents.header.points, 4u);
  const std::size_t metrics = summary_metric_specs().size();

  for (const auto& [point, replicate] : {std::pair{0, 1}, std::pair{3, 0}, std::pair{2, 1}}) {
    const Outcome info = migdip("info sweep.h5 --point " + std::to_string(point) + " --replicate " +
                                std::to_string(replicate));
    ASSERT_EQ(info.status, 0) << info.err;
    ASSERT_EQ(info.out.rfind("migdip run ", 0), 0u) << info.out;
    // The quoted stock key has spaces: the command must survive a shell as printed.
    EXPECT_NE(info.out.find("'stock.SYR in TUR.hosted="), std::string::npos) << info.out;
    const std::string arguments = info.out.substr(std::strlen("migdip "));
    const Outcome rerun = migdip(arguments.substr(0, arguments.find('\n')) + " -q");
    ASSERT_EQ(rerun.status, 0) << rerun.err << " for " << info.out;

    const std::string file = "run-" + std::to_string(point) + "-" + std::to_string(replicate);
    const RunRecord record = read_results_file((dir_ / (file + ".h5")).string());
    const std::vector<double> recomputed = compute_summary_metrics(record);
    const std::size_t run = static_cast<std::size_t>(point) * 2 + replicate;
    EXPECT_TRUE(same_bits(recomputed, std::span(contents.metrics).subspan(run * metrics, metrics)))
        << "point " << point << " replicate " << replicate;
    const Variable* arrivals = record.find_variable("states", "arrivals");
    ASSERT_NE(arrivals, nullptr);
    const std::size_t width = arrivals->data.size();
    EXPECT_TRUE(
        same_bits(arrivals->data, std::span(contents.series.at(0)).subspan(run * width, width)));
  }
  // Replicates differ (stochastic mode, different seeds): the check above is not vacuous.
  EXPECT_FALSE(same_bits(std::span(contents.metrics).subspan(0, metrics),
                         std::span(contents.metrics).subspan(metrics, metrics)));
}

TEST_F(Cli, ShippedPlansAreValidAgainstTheFlagshipAndBadOnesAreNot) {
  int plans = 0;
  for (const auto& entry :
       fs::directory_iterator(fs::path(MIGDIP_SOURCE_DIR) / "scenarios/sweeps")) {
    const Outcome outcome = migdip("validate " + scenario("eastern-mediterranean-2015-2017.ini") +
                                   " --plan '" + entry.path().string() + "'");
    EXPECT_EQ(outcome.status, 0) << entry.path() << ": " << outcome.err;
    EXPECT_NE(outcome.out.find("valid sweep plan"), std::string::npos) << outcome.out;
    ++plans;
  }
  EXPECT_GE(plans, 2);
  {
    std::ofstream plan(dir_ / "bad.ini");
    plan << "[sweep]\nsampler = grid\n[parameter state.TUR.exit_enforcement]\nlevels = 2\n";
  }
  const Outcome bad =
      migdip("validate " + scenario("eastern-mediterranean-2015-2017.ini") + " --plan bad.ini");
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("bad.ini:4: [parameter state.TUR.exit_enforcement] levels: value 2"),
            std::string::npos)
      << bad.err;
}

TEST_F(Cli, SlurmWritesAJobArrayAndADependentMergeJob) {
  {
    std::ofstream plan(dir_ / "plan.ini");
    plan << kPlan;
  }
  const Outcome written = migdip("slurm " + scenario("eastern-mediterranean-2015-2017.ini") +
                                 " --plan plan.ini -o out/sweep.h5 --shards 3 --cpus-per-task 4 "
                                 "--time 02:00:00 --mem 1G --partition short --account lab");
  ASSERT_EQ(written.status, 0) << written.err;
  const std::string array = testing::slurp(dir_ / "out/sweep.slurm/sweep-array.sh");
  for (const char* line :
       {"#SBATCH --array=0-2", "#SBATCH --cpus-per-task=4", "#SBATCH --time=02:00:00",
        "#SBATCH --mem=1G", "#SBATCH --partition=short", "#SBATCH --account=lab", " sweep ",
        "--resume"}) {
    EXPECT_NE(array.find(line), std::string::npos) << line << " not in\n" << array;
  }
  const std::string merge = testing::slurp(dir_ / "out/sweep.slurm/sweep-merge.sh");
  EXPECT_NE(merge.find(" merge "), std::string::npos) << merge;
  EXPECT_NE(merge.find("shard-2.h5"), std::string::npos) << merge;
  EXPECT_NE(written.out.find("--dependency=afterok:"), std::string::npos) << written.out;

  const Outcome too_many = migdip("slurm " + scenario("eastern-mediterranean-2015-2017.ini") +
                                  " --plan plan.ini -o out/sweep.h5 --shards 5");
  EXPECT_EQ(too_many.status, 2);
  EXPECT_NE(too_many.err.find("4 points"), std::string::npos) << too_many.err;
}

}  // namespace
}  // namespace migdip
