// estimate_design_memory against the heap sample_design really holds, counted by the allocation
// test program (heap_counter.h), for every sampler.

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "allocation/heap_counter.h"
#include "migdip/sweep/design.h"

namespace migdip {
namespace {

SweepParameter ranged(std::string key) {
  SweepParameter parameter;
  parameter.key = std::move(key);
  parameter.low = -1e-7;
  parameter.high = 3.3;
  return parameter;
}

SweepParameter with_levels(std::string key, std::size_t count, std::size_t length) {
  SweepParameter parameter;
  parameter.key = std::move(key);
  for (std::size_t k = 0; k < count; ++k) {
    std::string level = std::to_string(k);
    level.resize(std::max(length, level.size()), '0');
    parameter.levels.push_back(level);
  }
  return parameter;
}

TEST(DesignMemory, CoversTheHeapOfTheSampledDesignWithinAFactorOfTwo) {
  if (!testing::heap_is_counted()) {
    GTEST_SKIP() << "heap counting is off under AddressSanitizer";
  }
  auto plan_of = [](Sampler sampler, std::vector<SweepParameter> parameters,
                    std::uint64_t samples) {
    SweepPlan plan;
    plan.sampler = sampler;
    plan.parameters = std::move(parameters);
    plan.samples = samples;
    return plan;
  };
  struct Case {
    const char* what;
    SweepPlan plan;
  };
  for (const Case& test :
       {Case{"latin hypercube", plan_of(Sampler::latin_hypercube,
                                        {ranged("a.b"), ranged("a.c"), ranged("a.d")}, 100000)},
        Case{"saltelli", plan_of(Sampler::saltelli, {ranged("a.b"), ranged("a.c")}, 50000)},
        Case{"grid of short levels",
             plan_of(Sampler::grid, {with_levels("a.b", 500, 1), with_levels("a.c", 500, 1)}, 0)},
        Case{"grid of long levels",
             plan_of(Sampler::grid, {with_levels("a.b", 300, 40), with_levels("a.c", 300, 1)},
                     0)}}) {
    const testing::HeapPeak peak;
    { const SweepDesign design = sample_design(test.plan); }
    const std::uint64_t used = peak.bytes();
    const std::uint64_t estimate = estimate_design_memory(test.plan);
    std::printf("%s: %llu bytes used, %llu estimated\n", test.what,
                static_cast<unsigned long long>(used), static_cast<unsigned long long>(estimate));
    EXPECT_GE(estimate, used) << test.what;
    EXPECT_LE(estimate, 2 * used) << test.what;
  }
}

TEST(DesignMemory, AGigaSampleLatinHypercubeNeedsTensOfGiB) {
  // The plan of issue 11, defect 5: it passed the plan checks, then ended in std::bad_alloc.
  SweepPlan plan;
  plan.sampler = Sampler::latin_hypercube;
  plan.samples = std::uint64_t{1} << 30;
  plan.parameters = {ranged("a.b")};
  EXPECT_GT(estimate_design_memory(plan), std::uint64_t{64} << 30);
  plan.samples = kSaturated;
  EXPECT_EQ(estimate_design_memory(plan), kSaturated);
}

}  // namespace
}  // namespace migdip
