// Sweep plans: load_plan_text reads valid plans of every sampler, and every class of mistake is
// one InputError naming the plan file, line, section and key; check_plan_against_scenario
// reports values the scenario refuses at the plan's line.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "io_ini/ini_test_support.h"
#include "migdip/core/error.h"
#include "migdip/io/plan_file.h"
#include "migdip/io/scenario_file.h"
#include "migdip/sweep/design.h"

namespace migdip {
namespace {

const std::string kPlanName = "plans/test-plan.ini";

/// The InputError message of loading `text` as kPlanName, or "" (and a failure) when it loads.
std::string plan_error(std::string_view text) {
  try {
    load_plan_text(text, kPlanName);
  } catch (const InputError& error) {
    return error.what();
  }
  ADD_FAILURE() << "expected an InputError, but the plan loaded:\n" << text;
  return "";
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

/// Loading fails with a one-line message that holds every phrase.
void expect_plan_error(std::string_view text, std::initializer_list<std::string_view> phrases) {
  const std::string message = plan_error(text);
  EXPECT_FALSE(contains(message, "\n")) << message;
  for (std::string_view phrase : phrases) {
    EXPECT_TRUE(contains(message, phrase)) << "missing '" << phrase << "' in: " << message;
  }
}

/// "plans/test-plan.ini:LINE:"
std::string at(int line) {
  std::string text = kPlanName;
  text += ':';
  text += std::to_string(line);
  text += ':';
  return text;
}

double parse(const std::string& text) {
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  EXPECT_EQ(*end, '\0') << text;
  return value;
}

// A grid sweep, 5 x 3 = 15 points; line numbers are in the comments of the tests.
const char* kGridPlan =
    "[sweep]\n"                                           // 1
    "name = enforcement\n"                                // 2
    "description = Turkish enforcement, Aegean danger\n"  // 3
    "sampler = grid\n"                                    // 4
    "replicates = 3\n"                                    // 5
    "seed = 2016\n"                                       // 6
    "series = states.arrivals, corridors.deaths\n"        // 7
    "\n"                                                  // 8
    "[parameter state.TUR.exit_enforcement]\n"            // 9
    "low = 0.1\n"                                         // 10
    "high = 0.5\n"                                        // 11
    "steps = 5\n"                                         // 12
    "\n"                                                  // 13
    "[parameter corridor.TUR-GRC.mortality]\n"            // 14
    "levels = 0.0003, 0.0006 ,0.0012\n";                  // 15

// --- valid plans --------------------------------------------------------------------------------

TEST(PlanFile, GridPlanLoadsWithEveryValue) {
  const LoadedPlan loaded = load_plan_text(kGridPlan, kPlanName);
  const SweepPlan& plan = loaded.plan;
  EXPECT_EQ(loaded.path, kPlanName);
  EXPECT_EQ(loaded.source_text, kGridPlan);
  EXPECT_EQ(plan.name, "enforcement");
  EXPECT_EQ(plan.description, "Turkish enforcement, Aegean danger");
  EXPECT_EQ(plan.sampler, Sampler::grid);
  EXPECT_EQ(plan.replicates, 3u);
  EXPECT_EQ(plan.seed, 2016u);
  EXPECT_EQ(plan.samples, 0u);
  EXPECT_EQ(plan.series, (std::vector<std::string>{"states.arrivals", "corridors.deaths"}));
  ASSERT_EQ(plan.parameters.size(), 2u);
  EXPECT_EQ(plan.parameters[0].key, "state.TUR.exit_enforcement");
  EXPECT_EQ(plan.parameters[1].key, "corridor.TUR-GRC.mortality");
  EXPECT_EQ(plan.parameters[1].levels, (std::vector<std::string>{"0.0003", "0.0006", "0.0012"}));
  EXPECT_EQ(count_points(plan), 15u);

  ASSERT_EQ(loaded.parameter_locations.size(), 2u);
  EXPECT_EQ(loaded.parameter_locations[0].file, kPlanName);
  EXPECT_EQ(loaded.parameter_locations[0].line, 10);
  EXPECT_EQ(loaded.parameter_locations[0].section, "parameter state.TUR.exit_enforcement");
  EXPECT_EQ(loaded.parameter_locations[0].key, "low");
  EXPECT_EQ(loaded.parameter_locations[1].line, 15);
  EXPECT_EQ(loaded.parameter_locations[1].section, "parameter corridor.TUR-GRC.mortality");
  EXPECT_EQ(loaded.parameter_locations[1].key, "levels");
  EXPECT_EQ(loaded.series_location.line, 7);
  EXPECT_EQ(loaded.series_location.section, "sweep");
  EXPECT_EQ(loaded.series_location.key, "series");
}

TEST(PlanFile, StepsGiveEvenlySpacedLevelsIncludingBothEnds) {
  const std::vector<std::string> levels =
      load_plan_text(kGridPlan, kPlanName).plan.parameters[0].levels;
  ASSERT_EQ(levels.size(), 5u);
  EXPECT_EQ(levels.front(), "0.1");
  EXPECT_EQ(levels.back(), "0.5");
  for (std::size_t k = 0; k < levels.size(); ++k) {
    EXPECT_NEAR(parse(levels[k]), 0.1 + 0.1 * static_cast<double>(k), 1e-15) << levels[k];
  }
  for (std::size_t k = 1; k + 1 < levels.size(); ++k) {
    const double step_before = parse(levels[k]) - parse(levels[k - 1]);
    const double step_after = parse(levels[k + 1]) - parse(levels[k]);
    EXPECT_NEAR(step_before, step_after, 1e-15) << k;
  }
}

TEST(PlanFile, StepsOfOtherRangesIncludeBothEnds) {
  struct Case {
    const char* low;
    const char* high;
    int steps;
  };
  for (const Case& c : {Case{"0", "1", 2}, Case{"0", "1", 11}, Case{"-3", "7", 6},
                        Case{"0.0002", "0.003", 8}, Case{"1e3", "2e6", 3}}) {
    const std::string text = std::string("[sweep]\nsampler = grid\n[parameter a.b]\nlow = ") +
                             c.low + "\nhigh = " + c.high + "\nsteps = " + std::to_string(c.steps) +
                             "\n";
    const std::vector<std::string> levels =
        load_plan_text(text, kPlanName).plan.parameters[0].levels;
    ASSERT_EQ(levels.size(), static_cast<std::size_t>(c.steps)) << text;
    EXPECT_EQ(parse(levels.front()), parse(c.low)) << text;
    EXPECT_EQ(parse(levels.back()), parse(c.high)) << text;
    for (std::size_t k = 1; k < levels.size(); ++k) {
      EXPECT_LT(parse(levels[k - 1]), parse(levels[k])) << text;
    }
  }
}

// low + (high - low) * 1 can land one ulp off high (low = 0.03, high = 0.3 gives
// 0.30000000000000004, above high): the ends must be low and high themselves.
TEST(PlanFile, StepsFirstAndLastLevelsAreExactlyLowAndHigh) {
  for (const auto& [low, high] : std::vector<std::pair<std::string, std::string>>{
           {"0.03", "0.3"}, {"0.2", "0.9"}, {"0.3", "0.9"}}) {
    std::string text = "[sweep]\nsampler = grid\n[parameter a.b]\nlow = ";
    text += low;
    text += "\nhigh = ";
    text += high;
    text += "\nsteps = 4\n";
    const std::vector<std::string> levels =
        load_plan_text(text, kPlanName).plan.parameters[0].levels;
    ASSERT_EQ(levels.size(), 4u);
    EXPECT_EQ(levels.front(), low);
    EXPECT_EQ(levels.back(), high) << "low = " << low << ", high = " << high;
    EXPECT_TRUE(parse(levels.back()) <= parse(high))
        << "the last level " << levels.back() << " is above high " << high;
  }
}

TEST(PlanFile, DefaultsWhenKeysAreLeftOut) {
  const LoadedPlan loaded = load_plan_text(
      "[sweep]\nsampler = list\n\n[parameter model.choice_sensitivity]\n"
      "levels = 1, 2, 2, 1\n",
      kPlanName);
  const SweepPlan& plan = loaded.plan;
  EXPECT_EQ(plan.name, "test-plan");  // the file's name without directory and extension
  EXPECT_EQ(plan.description, "");
  EXPECT_EQ(plan.replicates, 1u);
  EXPECT_EQ(plan.seed, 1u);
  EXPECT_TRUE(plan.series.empty());
  EXPECT_EQ(loaded.series_location.line, 1);
  EXPECT_EQ(loaded.series_location.section, "sweep");
  EXPECT_EQ(loaded.series_location.key, "");
  // A list may repeat a value.
  EXPECT_EQ(plan.parameters[0].levels, (std::vector<std::string>{"1", "2", "2", "1"}));
}

TEST(PlanFile, ListPlanLoads) {
  const SweepPlan plan = load_plan_text(
                             "[sweep]\n"
                             "sampler = list\n"
                             "[parameter state.TUR.exit_enforcement]\n"
                             "levels = 0.1, 0.2, 0.3\n"
                             "[parameter scenario.mode]\n"
                             "levels = expected, stochastic, stochastic\n",
                             kPlanName)
                             .plan;
  EXPECT_EQ(plan.sampler, Sampler::list);
  ASSERT_EQ(plan.parameters.size(), 2u);
  EXPECT_EQ(plan.parameters[0].levels, (std::vector<std::string>{"0.1", "0.2", "0.3"}));
  EXPECT_EQ(plan.parameters[1].levels,
            (std::vector<std::string>{"expected", "stochastic", "stochastic"}));
  EXPECT_EQ(count_points(plan), 3u);
}

TEST(PlanFile, LatinHypercubePlanLoads) {
  const LoadedPlan loaded = load_plan_text(
      "[sweep]\n"
      "sampler = latin_hypercube\n"
      "samples = 200\n"
      "seed = 99\n"
      "[parameter state.TUR.exit_enforcement]\n"
      "high = 0.6\n"
      "low = 0.05\n"
      "[parameter corridor.TUR-GRC.mortality]\n"
      "low = -1e-3\n"
      "high = 3e-3\n",
      kPlanName);
  const SweepPlan& plan = loaded.plan;
  EXPECT_EQ(plan.sampler, Sampler::latin_hypercube);
  EXPECT_EQ(plan.samples, 200u);
  EXPECT_EQ(plan.seed, 99u);
  ASSERT_EQ(plan.parameters.size(), 2u);
  EXPECT_EQ(plan.parameters[0].low, 0.05);
  EXPECT_EQ(plan.parameters[0].high, 0.6);
  EXPECT_TRUE(plan.parameters[0].levels.empty());
  EXPECT_EQ(plan.parameters[1].low, -1e-3);
  EXPECT_EQ(plan.parameters[1].high, 3e-3);
  EXPECT_EQ(count_points(plan), 200u);
  // Located at low, wherever it is written.
  EXPECT_EQ(loaded.parameter_locations[0].line, 7);
  EXPECT_EQ(loaded.parameter_locations[0].key, "low");
  EXPECT_EQ(loaded.parameter_locations[1].line, 9);
}

TEST(PlanFile, SaltelliPlanLoads) {
  const SweepPlan plan = load_plan_text(
                             "[sweep]\n"
                             "sampler = saltelli\n"
                             "samples = 64\n"
                             "replicates = 2\n"
                             "[parameter a.x]\nlow = 0\nhigh = 1\n"
                             "[parameter b.ID.y]\nlow = 10\nhigh = 20\n"
                             "[parameter c.z]\nlow = -1\nhigh = 1\n",
                             kPlanName)
                             .plan;
  EXPECT_EQ(plan.sampler, Sampler::saltelli);
  EXPECT_EQ(plan.samples, 64u);
  EXPECT_EQ(plan.replicates, 2u);
  ASSERT_EQ(plan.parameters.size(), 3u);
  EXPECT_EQ(plan.parameters[1].key, "b.ID.y");
  EXPECT_EQ(plan.parameters[1].low, 10);
  EXPECT_EQ(plan.parameters[1].high, 20);
  EXPECT_EQ(count_points(plan), 64u * 5u);
  EXPECT_FALSE(plan.second_order);
  EXPECT_TRUE(plan.scramble);
}

TEST(PlanFile, SaltelliOptionsMorrisAndLogUniformRangesLoad) {
  const SweepPlan saltelli = load_plan_text(
                                 "[sweep]\nsampler = saltelli\nsamples = 8\n"
                                 "second_order = true\nscramble = false\n"
                                 "[parameter a.x]\nlow = 0\nhigh = 1\n"
                                 "[parameter c.z]\nlow = 1e-4\nhigh = 1e-2\n"
                                 "distribution = log_uniform\n",
                                 kPlanName)
                                 .plan;
  EXPECT_TRUE(saltelli.second_order);
  EXPECT_FALSE(saltelli.scramble);
  EXPECT_EQ(count_points(saltelli), 8u * (2 * 2 + 2));
  EXPECT_EQ(saltelli.parameters[0].distribution, Distribution::uniform);
  EXPECT_EQ(saltelli.parameters[1].distribution, Distribution::log_uniform);
  const SweepPlan morris = load_plan_text(
                               "[sweep]\nsampler = morris\nsamples = 10\nnum_levels = 6\n"
                               "[parameter a.x]\nlow = 0\nhigh = 1\n"
                               "[parameter c.z]\nlow = 0\nhigh = 2\n",
                               kPlanName)
                               .plan;
  EXPECT_EQ(morris.sampler, Sampler::morris);
  EXPECT_EQ(morris.morris_levels, 6u);
  EXPECT_EQ(count_points(morris), 10u * 3u);
  // A grid's steps follow the distribution: 1e-4, 1e-3, 1e-2 exactly at the ends.
  const SweepPlan grid = load_plan_text(
                             "[sweep]\nsampler = grid\n[parameter a.x]\nlow = 1e-4\n"
                             "high = 1e-2\nsteps = 3\ndistribution = log_uniform\n",
                             kPlanName)
                             .plan;
  ASSERT_EQ(grid.parameters[0].levels.size(), 3u);
  EXPECT_EQ(grid.parameters[0].levels.front(), "1e-04");
  EXPECT_NEAR(std::stod(grid.parameters[0].levels[1]), 1e-3, 1e-15);
  EXPECT_EQ(grid.parameters[0].levels.back(), "0.01");
}

TEST(PlanFile, ShippedPlansLoad) {
  const std::string directory = std::string(MIGDIP_SOURCE_DIR) + "/scenarios/sweeps/";
  const LoadedPlan sobol = load_plan_file(directory + "eastern-mediterranean-sobol.ini");
  EXPECT_EQ(sobol.plan.name, "eastern-mediterranean-sobol");
  EXPECT_EQ(sobol.plan.sampler, Sampler::saltelli);
  EXPECT_EQ(sobol.plan.samples, 64u);
  EXPECT_EQ(sobol.plan.seed, 7u);
  EXPECT_EQ(sobol.plan.parameters.size(), 4u);
  EXPECT_EQ(count_points(sobol.plan), 384u);
  const LoadedPlan grid = load_plan_file(directory + "turkish-enforcement-grid.ini");
  EXPECT_EQ(grid.plan.sampler, Sampler::grid);
  EXPECT_EQ(count_points(grid.plan), 20u);
  EXPECT_EQ(grid.plan.series, (std::vector<std::string>{"states.arrivals"}));
}

TEST(PlanFile, AMissingFileIsAnInputError) {
  try {
    load_plan_file("/nonexistent/plan.ini");
    ADD_FAILURE() << "loaded a missing file";
  } catch (const InputError& error) {
    EXPECT_TRUE(contains(error.what(), "/nonexistent/plan.ini")) << error.what();
  }
}

TEST(PlanFile, PlanKeysListEverySectionKey) {
  const std::vector<std::string> keys = plan_keys();
  for (const char* key : {"sweep.sampler", "sweep.samples", "sweep.replicates", "sweep.seed",
                          "sweep.series", "sweep.name", "sweep.description", "parameter.levels",
                          "parameter.low", "parameter.high", "parameter.steps"}) {
    EXPECT_NE(std::find(keys.begin(), keys.end(), key), keys.end()) << key;
  }
}

// --- errors -------------------------------------------------------------------------------------

TEST(PlanErrors, MessageFormat) {
  EXPECT_EQ(plan_error("[sweep]\nsampler = grid\nreplicates = 0\n[parameter a.b]\nlevels = 1\n"),
            at(3) + " [sweep] replicates: must be in [1, 4294967296], got 0");
}

TEST(PlanErrors, MissingSweepSection) {
  expect_plan_error("[parameter a.b]\nlevels = 1, 2\n",
                    {kPlanName, "[sweep]", "missing the [sweep] section"});
  expect_plan_error("[sweep x]\nsampler = grid\n[parameter a.b]\nlevels = 1\n",
                    {at(1), "[sweep x]", "write [sweep], with no id"});
}

TEST(PlanErrors, UnknownSectionKindSuggestsTheClosest) {
  expect_plan_error(
      "[sweep]\nsampler = grid\n\n[paramter a.b]\nlevels = 1, 2\n",
      {at(4), "[paramter a.b]", "unknown section kind 'paramter'", "did you mean 'parameter'"});
  expect_plan_error("[sweeps]\nsampler = grid\n",
                    {at(1), "[sweeps]", "unknown section kind 'sweeps'", "did you mean 'sweep'"});
  expect_plan_error("[sweep]\nsampler = grid\n[state TUR]\npopulation = 1\n",
                    {at(3), "[state TUR]", "unknown section kind 'state'"});
}

TEST(PlanErrors, UnknownKeys) {
  expect_plan_error(
      "[sweep]\nsampler = grid\nreplicate = 2\n[parameter a.b]\nlevels = 1\n",
      {at(3), "[sweep] replicate:", "unknown key 'replicate'", "did you mean 'replicates'"});
  expect_plan_error(
      "[sweep]\nsampler = grid\n[parameter a.b]\nlevel = 1, 2\n",
      {at(4), "[parameter a.b] level:", "unknown key 'level'", "did you mean 'levels'"});
  expect_plan_error("[sweep]\nsampler = grid\n[parameter a.b]\nlevels = 1\nstep = 3\n",
                    {at(5), "[parameter a.b] step:", "did you mean 'steps'"});
}

TEST(PlanErrors, SamplerMustBeOneOfTheChoices) {
  expect_plan_error("[sweep]\nsampler = sobol\n[parameter a.b]\nlevels = 1\n",
                    {at(2), "[sweep] sampler:", "grid, list, latin_hypercube, saltelli", "morris",
                     "got 'sobol'"});
  expect_plan_error("[sweep]\nsampler = gird\n[parameter a.b]\nlevels = 1\n",
                    {at(2), "[sweep] sampler:", "did you mean 'grid'"});
  expect_plan_error("[sweep]\nname = x\n[parameter a.b]\nlevels = 1\n",
                    {at(1), "[sweep] sampler:", "missing required key"});
}

TEST(PlanErrors, SamplerOptionsBelongToTheirSampler) {
  expect_plan_error(
      "[sweep]\nsampler = latin_hypercube\nsamples = 4\nsecond_order = true\n"
      "[parameter a.b]\nlow = 0\nhigh = 1\n",
      {at(4), "[sweep] second_order:", "saltelli sampler only, not latin_hypercube"});
  expect_plan_error(
      "[sweep]\nsampler = morris\nsamples = 4\nscramble = false\n"
      "[parameter a.b]\nlow = 0\nhigh = 1\n",
      {at(4), "[sweep] scramble:", "saltelli sampler only"});
  expect_plan_error(
      "[sweep]\nsampler = saltelli\nsamples = 4\nnum_levels = 4\n"
      "[parameter a.b]\nlow = 0\nhigh = 1\n",
      {at(4), "[sweep] num_levels:", "morris sampler only"});
  expect_plan_error(
      "[sweep]\nsampler = morris\nsamples = 4\nnum_levels = 5\n"
      "[parameter a.b]\nlow = 0\nhigh = 1\n",
      {at(4), "[sweep] num_levels:", "must be even", "got 5"});
  expect_plan_error("[sweep]\nsampler = morris\nsamples = 1\n[parameter a.b]\nlow = 0\nhigh = 1\n",
                    {at(3), "[sweep] samples:", "morris sampler needs at least 2, got 1"});
  expect_plan_error(
      "[sweep]\nsampler = saltelli\nsamples = 4\nsecond_order = maybe\n"
      "[parameter a.b]\nlow = 0\nhigh = 1\n",
      {at(4), "[sweep] second_order:"});
}

TEST(PlanErrors, LogUniformRangesArePositive) {
  expect_plan_error(
      "[sweep]\nsampler = saltelli\nsamples = 4\n"
      "[parameter a.b]\nlow = 0\nhigh = 1\ndistribution = log_uniform\n",
      {at(5), "[parameter a.b] low:", "log_uniform range needs low > 0, got 0"});
  expect_plan_error(
      "[sweep]\nsampler = grid\n[parameter a.b]\nlevels = 1, 2\ndistribution = log_uniform\n",
      {at(5), "[parameter a.b] distribution:", "give low and high"});
  expect_plan_error(
      "[sweep]\nsampler = morris\nsamples = 4\n"
      "[parameter a.b]\nlow = 1\nhigh = 2\ndistribution = log\n",
      {at(7), "[parameter a.b] distribution:", "uniform, log_uniform", "got 'log'"});
}

TEST(PlanErrors, SamplesAreRequiredForSampledDesignsOnly) {
  expect_plan_error("[sweep]\nsampler = latin_hypercube\n[parameter a.b]\nlow = 0\nhigh = 1\n",
                    {at(1), "[sweep] samples:", "missing required key"});
  expect_plan_error("[sweep]\nsampler = saltelli\n[parameter a.b]\nlow = 0\nhigh = 1\n",
                    {at(1), "[sweep] samples:", "missing required key"});
  expect_plan_error("[sweep]\nsampler = grid\nsamples = 10\n[parameter a.b]\nlevels = 1\n",
                    {at(3), "[sweep] samples:", "grid sampler takes its points from levels"});
  expect_plan_error("[sweep]\nsampler = list\nsamples = 10\n[parameter a.b]\nlevels = 1\n",
                    {at(3), "[sweep] samples:", "list sampler"});
  expect_plan_error(
      "[sweep]\nsampler = latin_hypercube\nsamples = 0\n"
      "[parameter a.b]\nlow = 0\nhigh = 1\n",
      {at(3), "[sweep] samples:", "must be >= 1, got 0"});
  expect_plan_error(
      "[sweep]\nsampler = saltelli\nsamples = 1\n"
      "[parameter a.b]\nlow = 0\nhigh = 1\n",
      {at(3), "[sweep] samples:", "at least 2"});
}

TEST(PlanErrors, RangedSamplersTakeLowAndHighOnly) {
  expect_plan_error(
      "[sweep]\nsampler = latin_hypercube\nsamples = 5\n"
      "[parameter a.b]\nlevels = 1, 2\n",
      {at(5), "[parameter a.b] levels:",
       "the latin_hypercube sampler draws from a range: give low and high only"});
  expect_plan_error(
      "[sweep]\nsampler = saltelli\nsamples = 5\n"
      "[parameter a.b]\nlow = 0\nhigh = 1\nsteps = 3\n",
      {at(7), "[parameter a.b] steps:", "saltelli sampler draws from a range"});
  expect_plan_error("[sweep]\nsampler = latin_hypercube\nsamples = 5\n[parameter a.b]\n",
                    {at(4), "[parameter a.b] low:", "missing required key", "needs low and high"});
  expect_plan_error(
      "[sweep]\nsampler = latin_hypercube\nsamples = 5\n"
      "[parameter a.b]\nlow = 0\n",
      {at(4), "[parameter a.b] high:", "missing required key"});
}

// The checks against the scenario try the ends and the middle of a range, which for [10, 20] are
// whole numbers; a sampler drawing from it gives 13.7, which a whole-number key refuses halfway
// through the sweep. Found by tests/fuzz/fuzz_plan_loader.
TEST(PlanErrors, RangedSamplersRefuseWholeNumberKeys) {
  expect_plan_error(
      "[sweep]\nsampler = latin_hypercube\nsamples = 8\n"
      "[parameter event.statement_exit_enforcement.tick]\nlow = 10\nhigh = 20\n",
      {at(5), "[parameter event.statement_exit_enforcement.tick] low:",
       "the latin_hypercube sampler draws real numbers, but tick takes whole numbers",
       "grid or list sampler"});
  expect_plan_error(
      "[sweep]\nsampler = saltelli\nsamples = 8\n"
      "[parameter scenario.ticks]\nlow = 12\nhigh = 36\n",
      {at(5), "the saltelli sampler draws real numbers, but ticks takes whole numbers"});
  // Levels of a whole-number key, and ranges of real-number keys, stay as they were.
  EXPECT_NO_THROW(
      load_plan_text("[sweep]\nsampler = grid\n"
                     "[parameter event.statement_exit_enforcement.tick]\n"
                     "levels = 10, 15, 20\n",
                     kPlanName));
  EXPECT_NO_THROW(
      load_plan_text("[sweep]\nsampler = latin_hypercube\nsamples = 8\n"
                     "[parameter event.statement_exit_enforcement.value]\n"
                     "low = 0.2\nhigh = 0.9\n",
                     kPlanName));
}

TEST(PlanErrors, LowMustBeBelowHigh) {
  expect_plan_error(
      "[sweep]\nsampler = latin_hypercube\nsamples = 5\n"
      "[parameter a.b]\nlow = 2\nhigh = 1\n",
      {at(6), "[parameter a.b] high:", "must be greater than low (2)"});
  expect_plan_error(
      "[sweep]\nsampler = saltelli\nsamples = 5\n"
      "[parameter a.b]\nlow = 0.5\nhigh = 0.5\n",
      {at(6), "[parameter a.b] high:", "must be greater than low"});
  expect_plan_error("[sweep]\nsampler = grid\n[parameter a.b]\nlow = 3\nhigh = -3\nsteps = 4\n",
                    {at(5), "[parameter a.b] high:", "must be greater than low"});
  expect_plan_error(
      "[sweep]\nsampler = saltelli\nsamples = 5\n"
      "[parameter a.b]\nlow = abc\nhigh = 1\n",
      {at(5), "[parameter a.b] low:", "expected a number, got 'abc'"});
}

TEST(PlanErrors, GridLevelsOrSteps) {
  expect_plan_error("[sweep]\nsampler = grid\n[parameter a.b]\nlevels = 0.1, 0.5, 0.1\n",
                    {at(4), "[parameter a.b] levels:", "'0.1' is listed twice"});
  expect_plan_error("[sweep]\nsampler = grid\n[parameter a.b]\nlevels = 1\nlow = 0\nhigh = 2\n",
                    {"[parameter a.b] levels:", "either levels, or low, high and steps"});
  expect_plan_error("[sweep]\nsampler = grid\n[parameter a.b]\nlow = 0\nhigh = 2\n",
                    {at(3), "[parameter a.b] levels:", "missing required key"});
  expect_plan_error("[sweep]\nsampler = grid\n[parameter a.b]\nlow = 0\nhigh = 2\nsteps = 1\n",
                    {at(6), "[parameter a.b] steps:", "must be >= 2, got 1"});
  expect_plan_error("[sweep]\nsampler = grid\n[parameter a.b]\nlevels = 1, , 2\n",
                    {at(4), "[parameter a.b] levels:", "empty item"});
  expect_plan_error("[sweep]\nsampler = grid\n[parameter a.b]\n",
                    {at(3), "[parameter a.b] levels:", "missing required key"});
}

TEST(PlanErrors, ListParametersNeedTheSameNumberOfLevels) {
  expect_plan_error(
      "[sweep]\n"
      "sampler = list\n"
      "[parameter a.b]\n"
      "levels = 1, 2, 3\n"
      "[parameter c.d]\n"
      "levels = 1, 2\n",
      {at(6), "[parameter c.d] levels:", "as many levels for every parameter",
       "2 here, 3 for a.b"});
  expect_plan_error("[sweep]\nsampler = list\n[parameter a.b]\nlow = 0\nhigh = 1\n",
                    {"[parameter a.b] levels:", "the list sampler takes levels"});
}

TEST(PlanErrors, TheSeedCannotBeSwept) {
  expect_plan_error("[sweep]\nsampler = grid\n\n[parameter scenario.seed]\nlevels = 1, 2\n",
                    {at(4), "[parameter scenario.seed]", "the seed cannot be swept", "replicates"});
}

TEST(PlanErrors, AParameterMustNameAScenarioKey) {
  for (const char* id : {"exit_enforcement", ".exit_enforcement", "scenario"}) {
    const std::string text =
        std::string("[sweep]\nsampler = grid\n[parameter ") + id + "]\nlevels = 1\n";
    std::string section = "[parameter ";
    section += id;
    section += ']';
    expect_plan_error(text, {at(3), section, "is not a scenario key", "kind.key or kind.ID.key"});
  }
  expect_plan_error("[sweep]\nsampler = grid\n[parameter]\nlevels = 1\n",
                    {at(3), "[parameter]", "name the scenario key"});
}

// Boost's config parser joins section and key with a '.' only when the section does not end
// with one, so such headers used to surface as an InternalError; they are refused as input.
TEST(PlanErrors, AnIdEndingInADotIsAnInputErrorAtItsHeader) {
  for (const char* id : {"state.TUR.", "state."}) {
    const std::string text =
        std::string("[sweep]\nsampler = grid\n[parameter ") + id + "]\nlevels = 1\n";
    try {
      load_plan_text(text, kPlanName);
      ADD_FAILURE() << "loaded [parameter " << id << "]";
    } catch (const InputError& error) {
      EXPECT_TRUE(contains(error.what(), "cannot end with '.'")) << error.what();
      EXPECT_TRUE(contains(error.what(), at(3))) << error.what();
    } catch (const std::exception& error) {
      ADD_FAILURE() << "[parameter " << id << "] gives " << error.what()
                    << ", not an InputError naming the file and line";
    }
  }
}

TEST(PlanErrors, SeriesItemsAreGroupDotVariable) {
  for (const char* item : {"arrivals", "states.", ".arrivals", "states.arrivals.total"}) {
    const std::string text = std::string("[sweep]\nsampler = grid\nseries = corridors.deaths, ") +
                             item + "\n[parameter a.b]\nlevels = 1\n";
    std::string quoted = "'";
    quoted += item;
    quoted += "' is not group.variable";
    expect_plan_error(text, {at(3), "[sweep] series:", quoted});
  }
}

TEST(PlanErrors, ReplicatesAndSeedMustBeNonNegativeIntegers) {
  expect_plan_error("[sweep]\nsampler = grid\nreplicates = 0\n[parameter a.b]\nlevels = 1\n",
                    {at(3), "[sweep] replicates:", "must be in [1, 4294967296], got 0"});
  expect_plan_error("[sweep]\nsampler = grid\nreplicates = 2.5\n[parameter a.b]\nlevels = 1\n",
                    {at(3), "[sweep] replicates:", "expected an integer"});
  expect_plan_error("[sweep]\nsampler = grid\nseed = -4\n[parameter a.b]\nlevels = 1\n",
                    {at(3), "[sweep] seed:"});
  // Seeds are at most 2^53, exact as doubles.
  expect_plan_error(
      "[sweep]\nsampler = grid\nseed = 9007199254740993\n[parameter a.b]\nlevels = 1\n",
      {at(3), "[sweep] seed: must be in [0, 9007199254740992], got 9007199254740993"});
}

TEST(PlanErrors, APlanMustVarySomething) {
  expect_plan_error("[sweep]\nsampler = grid\n",
                    {at(1), "[sweep]", "the plan varies nothing", "[parameter KEY]"});
}

// Each limit of a sweep is reported as the one broken, with the true counts.
TEST(PlanErrors, TooManyReplicatesIsAnOutOfRangeReplicates) {
  std::string text = "[sweep]\nsampler = grid\nreplicates = 4294967297\n";
  text += "[parameter a.b]\nlevels = 1, 2\n";
  expect_plan_error(text, {at(3), "[sweep] replicates:",
                           "must be in [1, 4294967296], got "
                           "4294967297"});
  text = "[sweep]\nsampler = grid\nreplicates = 4294967296\n[parameter a.b]\nlevels = 1\n";
  EXPECT_EQ(load_plan_text(text, kPlanName).plan.replicates, std::uint64_t{1} << 32);
}

TEST(PlanErrors, TooManyPointsGivesTheTrueCount) {
  expect_plan_error(
      "[sweep]\nsampler = saltelli\nsamples = 4294967297\n[parameter a.b]\nlow = 0\nhigh = 1\n",
      {at(1), "[sweep]",
       "the plan gives 12884901891 points (saltelli: 4294967297 samples x (1 parameters + 2)); a "
       "sweep has at most 2^32 (4294967296) points"});
  expect_plan_error(
      "[sweep]\nsampler = saltelli\nsamples = 18446744073709551615\n[parameter a.b]\nlow = "
      "0\nhigh = 1\n",
      {"the plan gives 2^64 or more points (saltelli: 18446744073709551615 samples x (1 "
       "parameters + 2))"});
  std::string grid = "[sweep]\nsampler = grid\n";
  for (const char* key : {"a.b", "a.c", "a.d"}) {
    grid += std::string("[parameter ") + key + "]\nlow = 0\nhigh = 1\nsteps = 2000\n";
  }
  expect_plan_error(grid, {"the plan gives 8000000000 points (grid: 2000 x 2000 x 2000 levels); "
                           "a sweep has at most 2^32 (4294967296) points"});
}

// 2^32 points times 2^32 replicates wraps to 0 in 64 bits: the check must not wrap.
TEST(PlanErrors, TooManyRunsIsRefusedWithoutOverflow) {
  const std::string smaller =
      "[sweep]\nsampler = latin_hypercube\nsamples = 4294967296\n"
      "replicates = 4294967295\n[parameter a.b]\nlow = 0\nhigh = 1\n";
  expect_plan_error(smaller, {at(1), "[sweep]",
                              "the plan gives 4294967296 points x 4294967295 replicates = "
                              "18446744069414584320 runs; a sweep has at most 2^40 "
                              "(1099511627776) runs"});
  const std::string overflowing =
      "[sweep]\nsampler = latin_hypercube\nsamples = 4294967296\n"
      "replicates = 4294967296\n[parameter a.b]\nlow = 0\nhigh = "
      "1\n";
  expect_plan_error(overflowing, {at(1), "[sweep]", "= 2^64 or more runs", "at most 2^40"});
  const std::string just_over =
      "[sweep]\nsampler = grid\nreplicates = 1099511628\n[parameter a.b]\nlow = 1\nhigh = "
      "1000\nsteps = 1000\n";
  expect_plan_error(just_over, {"1000 points x 1099511628 replicates = 1099511628000 runs"});
}

TEST(PlanErrors, RepeatedSectionsAndKeys) {
  expect_plan_error(
      "[sweep]\nsampler = grid\n[parameter a.b]\nlevels = 1\n"
      "[parameter a.b]\nlevels = 2\n",
      {kPlanName, "duplicate section"});
  expect_plan_error("[sweep]\nsampler = grid\nsampler = list\n[parameter a.b]\nlevels = 1\n",
                    {kPlanName, "sampler"});
}

// --- against the scenario -----------------------------------------------------------------------

ScenarioTemplate base_template() {
  return ScenarioTemplate(testing::base_scenario(), "test.ini");
}

/// The InputError message of checking the plan against the base scenario, or "" (and a
/// failure) when the check passes.
std::string check_error(const std::string& plan_text) {
  const LoadedPlan plan = load_plan_text(plan_text, kPlanName);
  try {
    check_plan_against_scenario(plan, base_template());
  } catch (const InputError& error) {
    EXPECT_EQ(error.where().file, kPlanName);
    return error.what();
  }
  ADD_FAILURE() << "expected an InputError, but the scenario took the plan:\n" << plan_text;
  return "";
}

TEST(PlanAgainstScenario, AcceptedValuesPass) {
  const ScenarioTemplate scenario = base_template();
  EXPECT_NO_THROW(check_plan_against_scenario(
      load_plan_text("[sweep]\nsampler = grid\n"
                     "[parameter state.TUR.exit_enforcement]\nlevels = 0, 0.5, 1\n"
                     "[parameter corridor.SYR-TUR.mortality]\nlow = 0\nhigh = 0.01\nsteps = 3\n",
                     kPlanName),
      scenario));
  EXPECT_NO_THROW(check_plan_against_scenario(
      load_plan_text("[sweep]\nsampler = latin_hypercube\nsamples = 10\n"
                     "[parameter state.TUR.exit_enforcement]\nlow = 0\nhigh = 1\n",
                     kPlanName),
      scenario));
}

TEST(PlanAgainstScenario, ALevelOutOfRangeIsReportedAtThePlansLine) {
  const std::string message = check_error(
      "[sweep]\n"
      "sampler = grid\n"
      "\n"
      "[parameter state.TUR.exit_enforcement]\n"
      "levels = 0.5, 1.5\n");
  EXPECT_FALSE(contains(message, "\n")) << message;
  EXPECT_TRUE(message.starts_with(at(5))) << message;
  EXPECT_TRUE(contains(message, "[parameter state.TUR.exit_enforcement] levels:")) << message;
  EXPECT_TRUE(contains(message, "1.5")) << message;
  EXPECT_TRUE(contains(message, "refused by the scenario")) << message;
  EXPECT_TRUE(contains(message, "exit_enforcement")) << message;
  EXPECT_FALSE(contains(message, "0.5 is refused")) << message;
}

TEST(PlanAgainstScenario, ARangeOutOfBoundsIsReportedAtLow) {
  const std::string message = check_error(
      "[sweep]\n"
      "sampler = saltelli\n"
      "samples = 8\n"
      "[parameter state.TUR.exit_enforcement]\n"
      "low = 0.5\n"
      "high = 1.5\n");
  EXPECT_TRUE(message.starts_with(at(5))) << message;
  EXPECT_TRUE(contains(message, "[parameter state.TUR.exit_enforcement] low:")) << message;
  EXPECT_TRUE(contains(message, "1.5")) << message;
  const std::string below = check_error(
      "[sweep]\n"
      "sampler = latin_hypercube\n"
      "samples = 8\n"
      "[parameter state.TUR.exit_enforcement]\n"
      "low = -0.5\n"
      "high = 0.5\n");
  EXPECT_TRUE(below.starts_with(at(5))) << below;
  EXPECT_TRUE(contains(below, "-0.5")) << below;
}

TEST(PlanAgainstScenario, AnUnknownScenarioKeyIsReportedAtThePlansLine) {
  const std::string typo = check_error(
      "[sweep]\n"
      "sampler = grid\n"
      "[parameter state.TUR.exit_enforcment]\n"
      "levels = 0.1, 0.2\n");
  EXPECT_FALSE(contains(typo, "\n")) << typo;
  EXPECT_TRUE(typo.starts_with(at(4))) << typo;
  EXPECT_TRUE(contains(typo, "[parameter state.TUR.exit_enforcment] levels:")) << typo;
  EXPECT_TRUE(contains(typo, "exit_enforcment")) << typo;

  const std::string no_state = check_error(
      "[sweep]\n"
      "sampler = grid\n"
      "[parameter state.XYZ.exit_enforcement]\n"
      "levels = 0.1\n");
  EXPECT_TRUE(no_state.starts_with(at(4))) << no_state;
  // The section is missing whatever the value: the message says so, not "value ... refused".
  EXPECT_TRUE(contains(no_state, "[parameter state.XYZ.exit_enforcement] no section [state XYZ]"))
      << no_state;
  EXPECT_FALSE(contains(no_state, "is refused")) << no_state;
  EXPECT_TRUE(contains(no_state, "XYZ")) << no_state;
}

TEST(PlanAgainstScenario, TheSecondParameterIsReportedAtItsOwnLine) {
  const std::string message = check_error(
      "[sweep]\n"
      "sampler = grid\n"
      "[parameter state.TUR.exit_enforcement]\n"
      "levels = 0.1, 0.2\n"
      "[parameter state.GRC.population]\n"
      "levels = 1e6, -5\n");
  EXPECT_TRUE(message.starts_with(at(6))) << message;
  EXPECT_TRUE(contains(message, "[parameter state.GRC.population] levels:")) << message;
  EXPECT_TRUE(contains(message, "-5")) << message;
}

}  // namespace
}  // namespace migdip
