// sample_design, count_points, exact_text and run_seed: the points of every sampler, exact
// number texts and per-run seeds.

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "migdip/core/error.h"
#include "migdip/core/random_stream.h"
#include "migdip/sweep/design.h"
#include "migdip/sweep/sweep_plan.h"

namespace migdip {
namespace {

SweepParameter levels(std::string key, std::vector<std::string> values) {
  SweepParameter parameter;
  parameter.key = std::move(key);
  parameter.levels = std::move(values);
  return parameter;
}

SweepParameter range(std::string key, double low, double high) {
  SweepParameter parameter;
  parameter.key = std::move(key);
  parameter.low = low;
  parameter.high = high;
  return parameter;
}

SweepPlan plan_of(Sampler sampler, std::vector<SweepParameter> parameters,
                  std::uint64_t samples = 0, std::uint64_t seed = 1) {
  SweepPlan plan;
  plan.name = "test";
  plan.sampler = sampler;
  plan.parameters = std::move(parameters);
  plan.samples = samples;
  plan.seed = seed;
  return plan;
}

/// Three parameters over very different ranges, one of them negative.
SweepPlan ranged_plan(Sampler sampler, std::uint64_t samples, std::uint64_t seed) {
  return plan_of(
      sampler,
      {range("state.TUR.exit_enforcement", 0.05, 0.6), range("model.utility_offset", -5, 20),
       range("corridor.TUR-GRC.mortality", 2e-4, 3e-3)},
      samples, seed);
}

double parse(const std::string& text) {
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  EXPECT_EQ(end, text.c_str() + text.size()) << "not a whole number: '" << text << "'";
  return value;
}

bool same_bits(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

// --- grid -----------------------------------------------------------------------------------

TEST(GridDesign, EveryCombinationWithTheLastParameterVaryingFastest) {
  const SweepPlan plan =
      plan_of(Sampler::grid, {levels("a.x", {"1", "2"}), levels("b.y", {"low", "mid", "high"}),
                              levels("c.z", {"0.5", "0.25"})});
  const SweepDesign design = sample_design(plan);
  ASSERT_EQ(design.points, 2u * 3u * 2u);
  EXPECT_EQ(design.keys, (std::vector<std::string>{"a.x", "b.y", "c.z"}));
  ASSERT_EQ(design.texts.size(), design.points * 3);
  ASSERT_EQ(design.values.size(), design.points * 3);
  for (std::size_t point = 0; point < design.points; ++point) {
    EXPECT_EQ(design.text(point, 0), plan.parameters[0].levels[point / 6]) << point;
    EXPECT_EQ(design.text(point, 1), plan.parameters[1].levels[(point / 2) % 3]) << point;
    EXPECT_EQ(design.text(point, 2), plan.parameters[2].levels[point % 2]) << point;
  }
  // The first points, spelled out.
  EXPECT_EQ(design.overrides(0), (std::vector<std::string>{"a.x=1", "b.y=low", "c.z=0.5"}));
  EXPECT_EQ(design.overrides(1), (std::vector<std::string>{"a.x=1", "b.y=low", "c.z=0.25"}));
  EXPECT_EQ(design.overrides(2), (std::vector<std::string>{"a.x=1", "b.y=mid", "c.z=0.5"}));
  EXPECT_EQ(design.overrides(11), (std::vector<std::string>{"a.x=2", "b.y=high", "c.z=0.25"}));
}

TEST(GridDesign, ValuesAreTheNumbersOfTheTextsAndNaNForWords) {
  const SweepDesign design = sample_design(
      plan_of(Sampler::grid, {levels("a.x", {"1e3", "-2.5"}), levels("b.y", {"word", "0.1"})}));
  ASSERT_EQ(design.points, 4u);
  EXPECT_EQ(design.values[0 * 2 + 0], 1000.0);
  EXPECT_TRUE(std::isnan(design.values[0 * 2 + 1]));
  EXPECT_EQ(design.values[1 * 2 + 1], 0.1);
  EXPECT_EQ(design.values[2 * 2 + 0], -2.5);
  EXPECT_TRUE(std::isnan(design.values[2 * 2 + 1]));
}

TEST(GridDesign, PointCountIsTheProductOfTheLevelCounts) {
  for (const auto& sizes : std::vector<std::vector<std::size_t>>{
           {1}, {7}, {1, 1}, {2, 5}, {3, 1, 4}, {2, 2, 2, 2, 2}}) {
    std::vector<SweepParameter> parameters;
    std::uint64_t product = 1;
    for (std::size_t j = 0; j < sizes.size(); ++j) {
      std::vector<std::string> values;
      for (std::size_t k = 0; k < sizes[j]; ++k) {
        values.push_back(std::to_string(k));
      }
      std::string key = "p";
      key += std::to_string(j);
      key += ".key";
      parameters.push_back(levels(key, values));
      product *= sizes[j];
    }
    const SweepPlan plan = plan_of(Sampler::grid, parameters);
    EXPECT_EQ(count_points(plan), product);
    const SweepDesign design = sample_design(plan);
    EXPECT_EQ(design.points, product);
    EXPECT_EQ(design.texts.size(), product * sizes.size());
    // Every combination appears once.
    std::set<std::vector<std::string>> combinations;
    for (std::size_t point = 0; point < design.points; ++point) {
      combinations.insert(design.overrides(point));
    }
    EXPECT_EQ(combinations.size(), product);
  }
}

// --- list -------------------------------------------------------------------------------------

TEST(ListDesign, PointITakesTheIthLevelOfEveryParameter) {
  const SweepPlan plan = plan_of(Sampler::list, {levels("a.x", {"1", "2", "2", "9"}),
                                                 levels("b.y", {"yes", "no", "yes", "no"}),
                                                 levels("c.z", {"0.1", "0.2", "0.3", "0.4"})});
  EXPECT_EQ(count_points(plan), 4u);
  const SweepDesign design = sample_design(plan);
  ASSERT_EQ(design.points, 4u);
  for (std::size_t point = 0; point < 4; ++point) {
    for (std::size_t j = 0; j < 3; ++j) {
      EXPECT_EQ(design.text(point, j), plan.parameters[j].levels[point]) << point << ", " << j;
    }
  }
  EXPECT_EQ(design.overrides(2), (std::vector<std::string>{"a.x=2", "b.y=yes", "c.z=0.3"}));
}

// --- Latin hypercube --------------------------------------------------------------------------

TEST(LatinHypercubeDesign, EveryParameterHasOneValueInEachOfTheNStrata) {
  for (const std::uint64_t n : {1u, 2u, 7u, 50u, 257u}) {
    const SweepPlan plan = ranged_plan(Sampler::latin_hypercube, n, 11);
    EXPECT_EQ(count_points(plan), n);
    const SweepDesign design = sample_design(plan);
    ASSERT_EQ(design.points, n);
    for (std::size_t j = 0; j < plan.parameters.size(); ++j) {
      const SweepParameter& parameter = plan.parameters[j];
      std::vector<int> hits(n, 0);
      for (std::size_t point = 0; point < n; ++point) {
        const double value = parse(design.text(point, j));
        EXPECT_TRUE(same_bits(value, design.values[point * 3 + j]));
        ASSERT_GE(value, parameter.low);
        ASSERT_LE(value, parameter.high);
        const double unit = (value - parameter.low) / (parameter.high - parameter.low);
        const auto stratum =
            std::min<std::size_t>(n - 1, static_cast<std::size_t>(unit * static_cast<double>(n)));
        ++hits[stratum];
      }
      for (std::size_t s = 0; s < n; ++s) {
        EXPECT_EQ(hits[s], 1) << "N = " << n << ", parameter " << parameter.key << ", stratum "
                              << s;
      }
    }
  }
}

TEST(LatinHypercubeDesign, StrataArePairedDifferentlyAcrossParameters) {
  // With random permutations, the stratum order of two parameters is not the same.
  const std::size_t n = 40;
  const SweepDesign design = sample_design(ranged_plan(Sampler::latin_hypercube, n, 3));
  std::size_t same_order = 0;
  for (std::size_t point = 0; point + 1 < n; ++point) {
    const bool first_up = design.values[(point + 1) * 3] > design.values[point * 3];
    const bool second_up = design.values[(point + 1) * 3 + 1] > design.values[point * 3 + 1];
    same_order += first_up == second_up ? 1 : 0;
  }
  EXPECT_LT(same_order, n - 1);
  EXPECT_GT(same_order, 0u);
}

TEST(LatinHypercubeDesign, TheSameSeedGivesTheSameTextsAndAnotherSeedOthers) {
  const SweepDesign first = sample_design(ranged_plan(Sampler::latin_hypercube, 30, 42));
  const SweepDesign again = sample_design(ranged_plan(Sampler::latin_hypercube, 30, 42));
  const SweepDesign other = sample_design(ranged_plan(Sampler::latin_hypercube, 30, 43));
  EXPECT_EQ(first.texts, again.texts);
  ASSERT_EQ(first.texts.size(), other.texts.size());
  std::size_t differing = 0;
  for (std::size_t i = 0; i < first.texts.size(); ++i) {
    differing += first.texts[i] != other.texts[i] ? 1 : 0;
  }
  EXPECT_GT(differing, first.texts.size() / 2);
}

// --- Saltelli ---------------------------------------------------------------------------------

SweepPlan saltelli_plan(std::uint64_t n, std::uint64_t seed, bool second_order, bool scramble) {
  SweepPlan plan = ranged_plan(Sampler::saltelli, n, seed);
  plan.second_order = second_order;
  plan.scramble = scramble;
  return plan;
}

TEST(SaltelliDesign, HasNTimesParametersPlusTwoPointsOrTwiceTheParametersWithSecondOrder) {
  for (const std::uint64_t n : {2u, 5u, 16u}) {
    EXPECT_EQ(count_points(saltelli_plan(n, 7, false, true)), n * (3 + 2));
    EXPECT_EQ(sample_design(saltelli_plan(n, 7, false, true)).points, n * (3 + 2));
    EXPECT_EQ(count_points(saltelli_plan(n, 7, true, true)), n * (2 * 3 + 2));
    EXPECT_EQ(sample_design(saltelli_plan(n, 7, true, true)).points, n * (2 * 3 + 2));
  }
  const SweepPlan one = plan_of(Sampler::saltelli, {range("a.x", 0, 1)}, 4);
  EXPECT_EQ(count_points(one), 12u);
  EXPECT_EQ(sample_design(one).points, 12u);
}

// SALib.sample.sobol.sample's order: for each base sample i, A_i, then A_i with column j from
// B_i for each j, (with second order: B_i with column j from A_i for each j,) then B_i.
TEST(SaltelliDesign, RowsComeInSALibsGroups) {
  const std::size_t n = 16;
  const std::size_t d = 3;
  for (const bool second_order : {false, true}) {
    const SweepDesign design = sample_design(saltelli_plan(n, 7, second_order, true));
    const std::size_t group = second_order ? 2 * d + 2 : d + 2;
    ASSERT_EQ(design.points, n * group);
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t a = i * group;
      const std::size_t b = a + group - 1;
      for (std::size_t j = 0; j < d; ++j) {
        EXPECT_NE(design.text(a, j), design.text(b, j)) << "A and B differ, group " << i;
      }
      for (std::size_t swapped = 0; swapped < d; ++swapped) {
        for (std::size_t j = 0; j < d; ++j) {
          EXPECT_EQ(design.text(a + 1 + swapped, j), design.text(j == swapped ? b : a, j))
              << "A_B^(" << swapped << "), group " << i << ", column " << j;
          if (second_order) {
            EXPECT_EQ(design.text(a + 1 + d + swapped, j), design.text(j == swapped ? a : b, j))
                << "B_A^(" << swapped << "), group " << i << ", column " << j;
          }
        }
      }
    }
  }
}

// Unscrambled, A_i and B_i are point i of the 2d-dimensional Sobol' sequence (first d and last
// d coordinates), exactly as SALib.sample.sobol.sample(problem, N, scramble=False) gives them.
TEST(SaltelliDesign, UnscrambledBaseSamplesAreTheSobolSequence) {
  const SweepPlan plan = plan_of(Sampler::saltelli, {range("a.x", 0, 1), range("b.y", 0, 1)}, 5);
  SweepPlan plain = plan;
  plain.scramble = false;
  const SweepDesign design = sample_design(plain);
  // scipy.stats.qmc.Sobol(4, scramble=False).random(5)
  const std::vector<std::vector<std::string>> base = {{"0", "0", "0", "0"},
                                                      {"0.5", "0.5", "0.5", "0.5"},
                                                      {"0.75", "0.25", "0.25", "0.25"},
                                                      {"0.25", "0.75", "0.75", "0.75"},
                                                      {"0.375", "0.375", "0.625", "0.875"}};
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(design.overrides(i * 4),
              (std::vector<std::string>{"a.x=" + base[i][0], "b.y=" + base[i][1]}));
    EXPECT_EQ(design.overrides(i * 4 + 1),
              (std::vector<std::string>{"a.x=" + base[i][2], "b.y=" + base[i][1]}));
    EXPECT_EQ(design.overrides(i * 4 + 2),
              (std::vector<std::string>{"a.x=" + base[i][0], "b.y=" + base[i][3]}));
    EXPECT_EQ(design.overrides(i * 4 + 3),
              (std::vector<std::string>{"a.x=" + base[i][2], "b.y=" + base[i][3]}));
  }
}

// With N = 2^m, the scrambled A (and B) columns put one value in each of N equal strata: what a
// Sobol' net gives and plain Monte Carlo does not.
TEST(SaltelliDesign, ScrambledColumnsAreStratified) {
  const std::size_t n = 64;
  const std::size_t d = 3;
  const SweepPlan plan = saltelli_plan(n, 9, false, true);
  const SweepDesign design = sample_design(plan);
  for (const std::size_t offset : {std::size_t{0}, d + 1}) {  // A, then B
    for (std::size_t j = 0; j < d; ++j) {
      const SweepParameter& parameter = plan.parameters[j];
      std::vector<int> hits(n, 0);
      for (std::size_t i = 0; i < n; ++i) {
        const std::size_t point = i * (d + 2) + offset;
        const double value = parse(design.text(point, j));
        EXPECT_TRUE(same_bits(value, design.values[point * d + j]));
        ASSERT_GE(value, parameter.low) << parameter.key;
        ASSERT_LE(value, parameter.high) << parameter.key;
        const double unit = (value - parameter.low) / (parameter.high - parameter.low);
        ++hits[std::min<std::size_t>(n - 1, static_cast<std::size_t>(unit * n))];
      }
      for (std::size_t s = 0; s < n; ++s) {
        EXPECT_EQ(hits[s], 1) << parameter.key << ", stratum " << s << ", offset " << offset;
      }
    }
  }
}

TEST(SaltelliDesign, TheSameSeedGivesTheSameTextsAndAnotherSeedOthers) {
  const SweepDesign first = sample_design(ranged_plan(Sampler::saltelli, 8, 5));
  EXPECT_EQ(first.texts, sample_design(ranged_plan(Sampler::saltelli, 8, 5)).texts);
  EXPECT_NE(first.texts, sample_design(ranged_plan(Sampler::saltelli, 8, 6)).texts);
  // Unscrambled, the seed does not matter.
  EXPECT_EQ(sample_design(saltelli_plan(8, 5, false, false)).texts,
            sample_design(saltelli_plan(8, 6, false, false)).texts);
}

// --- Morris -----------------------------------------------------------------------------------

TEST(MorrisDesign, TrajectoriesMoveOneParameterAtATimeByDeltaOnTheGrid) {
  const std::size_t d = 3;
  for (const std::uint64_t levels : {2u, 4u, 6u}) {
    SweepPlan plan = ranged_plan(Sampler::morris, 40, 3);
    plan.morris_levels = levels;
    ASSERT_EQ(count_points(plan), 40u * (d + 1));
    const SweepDesign design = sample_design(plan);
    ASSERT_EQ(design.points, 40u * (d + 1));
    const double delta = static_cast<double>(levels) / (2.0 * static_cast<double>(levels - 1));
    std::vector<int> ups(d, 0);
    for (std::size_t t = 0; t < 40; ++t) {
      std::vector<int> moves(d, 0);
      for (std::size_t row = 0; row <= d; ++row) {
        const std::size_t point = t * (d + 1) + row;
        for (std::size_t j = 0; j < d; ++j) {
          const SweepParameter& parameter = plan.parameters[j];
          const double unit =
              (design.values[point * d + j] - parameter.low) / (parameter.high - parameter.low);
          const double level = unit * static_cast<double>(levels - 1);
          EXPECT_NEAR(level, std::round(level), 1e-9) << "on the grid";
          if (row > 0) {
            const double before = design.values[(point - 1) * d + j];
            const double change =
                (design.values[point * d + j] - before) / (parameter.high - parameter.low);
            if (change != 0) {
              ++moves[j];
              EXPECT_NEAR(std::abs(change), delta, 1e-12);
              ups[j] += change > 0 ? 1 : 0;
            }
          }
        }
        if (row > 0) {
          int changed = 0;
          for (std::size_t j = 0; j < d; ++j) {
            changed += design.text(point, j) != design.text(point - 1, j) ? 1 : 0;
          }
          EXPECT_EQ(changed, 1) << "trajectory " << t << ", row " << row;
        }
      }
      EXPECT_EQ(moves, std::vector<int>(d, 1)) << "each parameter moves once, trajectory " << t;
    }
    for (std::size_t j = 0; j < d; ++j) {
      EXPECT_GT(ups[j], 5) << "directions are random";
      EXPECT_LT(ups[j], 35) << "directions are random";
    }
  }
}

TEST(MorrisDesign, TheSameSeedGivesTheSameTrajectoriesAndAnotherSeedOthers) {
  const SweepDesign first = sample_design(ranged_plan(Sampler::morris, 10, 5));
  EXPECT_EQ(first.texts, sample_design(ranged_plan(Sampler::morris, 10, 5)).texts);
  EXPECT_NE(first.texts, sample_design(ranged_plan(Sampler::morris, 10, 6)).texts);
}

// --- log-uniform ranges -----------------------------------------------------------------------

TEST(LogUniform, ScalesInLogSpaceWithExactEnds) {
  SweepParameter parameter = range("a.x", 1e-4, 1e-2);
  parameter.distribution = Distribution::log_uniform;
  EXPECT_EQ(scale_unit(parameter, 0), 1e-4);
  EXPECT_EQ(scale_unit(parameter, 1), 1e-2);
  EXPECT_NEAR(scale_unit(parameter, 0.5), 1e-3, 1e-15);
  EXPECT_NEAR(scale_unit(parameter, 0.25), std::pow(10.0, -3.5), 1e-15);
  for (int k = 0; k <= 1000; ++k) {
    const double value = scale_unit(parameter, k / 1000.0);
    EXPECT_GE(value, parameter.low);
    EXPECT_LE(value, parameter.high);
  }
}

TEST(LogUniform, ALatinHypercubeIsStratifiedInLogSpace) {
  SweepPlan plan = plan_of(Sampler::latin_hypercube, {range("a.x", 1e-6, 1.0)}, 60, 4);
  plan.parameters[0].distribution = Distribution::log_uniform;
  const SweepDesign design = sample_design(plan);
  std::vector<int> hits(60, 0);
  for (std::size_t i = 0; i < 60; ++i) {
    const double unit = std::log(design.values[i] / 1e-6) / std::log(1e6);
    ++hits[std::min<std::size_t>(59, static_cast<std::size_t>(unit * 60))];
  }
  EXPECT_EQ(hits, std::vector<int>(60, 1));
}

// --- counting ---------------------------------------------------------------------------------

TEST(CountPoints, MatchesTheSampledDesignForEverySampler) {
  const std::vector<SweepPlan> plans = {
      plan_of(Sampler::grid, {levels("a.x", {"1", "2", "3"}), levels("b.y", {"4", "5"})}),
      plan_of(Sampler::list, {levels("a.x", {"1", "2", "3"}), levels("b.y", {"4", "5", "6"})}),
      ranged_plan(Sampler::latin_hypercube, 13, 1),
      ranged_plan(Sampler::saltelli, 6, 1),
      saltelli_plan(6, 1, true, true),
      ranged_plan(Sampler::morris, 6, 1),
  };
  for (const SweepPlan& plan : plans) {
    const SweepDesign design = sample_design(plan);
    EXPECT_EQ(count_points(plan), design.points) << to_string(plan.sampler);
    EXPECT_EQ(design.texts.size(), design.points * plan.parameters.size());
  }
}

TEST(CountPoints, APlanWithoutPointsIsRefused) {
  EXPECT_EQ(count_points(plan_of(Sampler::grid, {})), 0u);
  EXPECT_THROW(sample_design(plan_of(Sampler::grid, {})), InputError);
  EXPECT_THROW(sample_design(plan_of(Sampler::latin_hypercube, {range("a.x", 0, 1)}, 0)),
               InputError);
}

TEST(CountPoints, AGridOfMoreThan2To32PointsIsRefused) {
  std::vector<std::string> many;
  for (int k = 0; k < 70000; ++k) {
    many.push_back(std::to_string(k));
  }
  // 70000^2 = 4.9e9 > 2^32
  const SweepPlan plan = plan_of(Sampler::grid, {levels("a.x", many), levels("b.y", many)});
  EXPECT_GT(count_points(plan), std::uint64_t{1} << 32);
  EXPECT_THROW(sample_design(plan), InputError);
}

// A count too large for 64 bits is "2^64 or more", never a wrapped or made-up number.
TEST(CountPoints, SaturatesInsteadOfWrapping) {
  std::vector<std::string> many(100000, "1");
  const SweepPlan plan = plan_of(Sampler::grid, {levels("a.x", many), levels("b.y", many),
                                                 levels("c.z", many), levels("d.w", many)});
  EXPECT_EQ(count_points(plan), std::numeric_limits<std::uint64_t>::max());
  EXPECT_EQ(count_text(count_points(plan)), "2^64 or more");
  SweepPlan saltelli = ranged_plan(Sampler::saltelli, 2, 1);
  saltelli.samples = (std::uint64_t{1} << 32) + 1;
  EXPECT_EQ(count_points(saltelli), 5 * ((std::uint64_t{1} << 32) + 1));  // 3 parameters
  EXPECT_EQ(saturating_product(std::uint64_t{1} << 32, std::uint64_t{1} << 32), kSaturated);
  EXPECT_EQ(saturating_product(0, 7), 0u);
  EXPECT_EQ(saturating_sum(kSaturated - 1, 2), kSaturated);
  EXPECT_EQ(saturating_sum(2, 3), 5u);
}

TEST(SweepDesign, OverridesAreKeyEqualsText) {
  const SweepDesign design = sample_design(ranged_plan(Sampler::latin_hypercube, 4, 2));
  for (std::size_t point = 0; point < design.points; ++point) {
    const std::vector<std::string> overrides = design.overrides(point);
    ASSERT_EQ(overrides.size(), 3u);
    for (std::size_t j = 0; j < 3; ++j) {
      EXPECT_EQ(overrides[j], design.keys[j] + "=" + design.text(point, j));
    }
  }
}

TEST(Sampler, NamesRoundTrip) {
  for (const Sampler sampler : {Sampler::grid, Sampler::list, Sampler::latin_hypercube,
                                Sampler::saltelli, Sampler::morris}) {
    EXPECT_EQ(sampler_from_string(to_string(sampler)), sampler);
  }
  EXPECT_EQ(to_string(Sampler::latin_hypercube), "latin_hypercube");
  EXPECT_FALSE(sampler_from_string("sobol").has_value());
  EXPECT_FALSE(sampler_from_string("Grid").has_value());
}

// --- exact_text -------------------------------------------------------------------------------

TEST(ExactText, ParsesBackToTheSameBits) {
  std::vector<double> values = {0.1 + 0.2,
                                1e-300,
                                123456789.123,
                                0.1,
                                1.0 / 3.0,
                                -2.5,
                                0.0,
                                -0.0,
                                1e300,
                                std::numeric_limits<double>::denorm_min(),
                                std::numeric_limits<double>::min(),
                                std::numeric_limits<double>::max(),
                                std::numeric_limits<double>::lowest(),
                                std::numeric_limits<double>::epsilon(),
                                0.05 + (0.6 - 0.05) * 0.123456789};
  std::mt19937_64 bits(12345);
  while (values.size() < 20000) {
    const double value = std::bit_cast<double>(bits());
    if (std::isfinite(value)) {
      values.push_back(value);
    }
  }
  std::uniform_real_distribution<double> unit(0, 1);
  for (int k = 0; k < 5000; ++k) {
    values.push_back(unit(bits));
  }
  for (const double value : values) {
    const std::string text = exact_text(value);
    char* end = nullptr;
    const double back = std::strtod(text.c_str(), &end);
    ASSERT_EQ(*end, '\0') << text;
    ASSERT_TRUE(same_bits(back, value)) << text << " for " << std::hexfloat << value;
  }
}

TEST(ExactText, IsShortForSimpleNumbers) {
  EXPECT_EQ(exact_text(0.5), "0.5");
  EXPECT_EQ(exact_text(0.1), "0.1");
  EXPECT_EQ(exact_text(3), "3");
  EXPECT_NE(exact_text(0.1 + 0.2), "0.3");
}

// --- run_seed ---------------------------------------------------------------------------------

TEST(RunSeed, IsAPureFunctionOfPlanSeedPointAndReplicate) {
  EXPECT_EQ(run_seed(7, 3, 1), run_seed(7, 3, 1));
  EXPECT_EQ(run_seed(0, 0, 0), run_seed(0, 0, 0));
  // Calls in between change nothing.
  const std::uint64_t before = run_seed(2016, 123456, 4);
  for (std::uint64_t k = 0; k < 100; ++k) {
    (void)run_seed(k, k * 7, k % 3);
  }
  EXPECT_EQ(run_seed(2016, 123456, 4), before);
}

TEST(RunSeed, DiffersBetweenPointsReplicatesAndPlanSeeds) {
  std::set<std::uint64_t> by_point, by_replicate, by_plan_seed, all;
  for (std::uint64_t k = 0; k < 1000; ++k) {
    by_point.insert(run_seed(1, k, 0));
    by_replicate.insert(run_seed(1, 0, k));
    by_plan_seed.insert(run_seed(k, 0, 0));
  }
  EXPECT_EQ(by_point.size(), 1000u);
  EXPECT_EQ(by_replicate.size(), 1000u);
  EXPECT_EQ(by_plan_seed.size(), 1000u);
  for (std::uint64_t point = 0; point < 40; ++point) {
    for (std::uint64_t replicate = 0; replicate < 25; ++replicate) {
      all.insert(run_seed(99, point, replicate));
    }
  }
  EXPECT_EQ(all.size(), 1000u);
  // Points beyond 2^32 are not confused with small ones.
  EXPECT_NE(run_seed(1, std::uint64_t{1} << 32, 0), run_seed(1, 0, 0));
  EXPECT_NE(run_seed(1, (std::uint64_t{1} << 32) + 5, 0), run_seed(1, 5, 0));
  // Swapping point and replicate gives another seed.
  EXPECT_NE(run_seed(1, 2, 3), run_seed(1, 3, 2));
}

TEST(RunSeed, UsesBothHalvesOfTheWord) {
  bool high_bits = false;
  bool low_bits = false;
  for (std::uint64_t k = 0; k < 64; ++k) {
    const std::uint64_t seed = run_seed(5, k, 0);
    high_bits = high_bits || (seed >> 32) != 0;
    low_bits = low_bits || (seed & 0xffffffffu) != 0;
  }
  EXPECT_TRUE(high_bits);
  EXPECT_TRUE(low_bits);
}

TEST(RunSeed, IsExactAsADoubleAndSpansItsRange) {
  // Seeds are shown to users (the sweep file's `seed`, `migdip info`, `--seed`), who read them
  // in R, Excel or JSON as doubles: at most 2^53, so exact, yet spread over the whole range.
  bool top_bit = false;
  for (std::uint64_t k = 0; k < 4096; ++k) {
    const std::uint64_t seed = run_seed(2016, k, k % 5);
    ASSERT_LE(seed, kMaxSeed) << k;
    EXPECT_EQ(static_cast<std::uint64_t>(static_cast<double>(seed)), seed) << k;
    top_bit = top_bit || (seed >> 52) != 0;
  }
  EXPECT_TRUE(top_bit);
}

}  // namespace
}  // namespace migdip
