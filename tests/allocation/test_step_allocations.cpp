// The tick loop allocates nothing: every buffer is sized when the simulation is built. This
// program replaces the global allocation functions to count calls while ticks run.

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "migdip/simulation/simulation.h"
#include "support/random_scenario.h"

namespace {
std::atomic<long> allocations{0};
}  // namespace

void* operator new(std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* memory = std::malloc(size == 0 ? 1 : size))
    return memory;
  throw std::bad_alloc();
}
// GCC cannot see that the operator new above is the malloc these frees pair with.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void operator delete(void* memory) noexcept {
  std::free(memory);
}
void operator delete(void* memory, std::size_t) noexcept {
  std::free(memory);
}

namespace migdip {
namespace {

TEST(StepAllocations, TicksAllocateNothing) {
  for (int seed = 1; seed <= 30; ++seed) {
    Scenario scenario = testing::random_scenario(static_cast<std::uint64_t>(seed));
    scenario.settings.ticks = std::max(scenario.settings.ticks, 3);
    Simulation simulation(testing::share(scenario));
    const long before = allocations.load();
    while (!simulation.finished()) {
      simulation.step();
    }
    EXPECT_EQ(allocations.load() - before, 0) << "random scenario " << seed;
  }
}

// The counter itself works: a test that cannot fail proves nothing.
TEST(StepAllocations, CounterSeesAllocations) {
  const long before = allocations.load();
  int* volatile value = new int(3);  // volatile: the pair may not be optimised away
  delete value;
  EXPECT_EQ(allocations.load() - before, 1);
}

}  // namespace
}  // namespace migdip
