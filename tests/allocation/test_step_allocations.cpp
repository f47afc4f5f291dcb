// The tick loop allocates nothing: every buffer is sized when the simulation is built. This
// program replaces the allocation functions to count calls while ticks run: operator new for
// the standard library, and glibc's malloc family for Eigen, which allocates with malloc.
// Sanitizers intercept malloc themselves, so under them only operator new is counted.

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include <Eigen/Core>

#include "migdip/simulation/simulation.h"
#include "support/random_scenario.h"

namespace {
std::atomic<long> allocations{0};
}  // namespace

#if !defined(__SANITIZE_ADDRESS__)
extern "C" {
void* __libc_malloc(std::size_t size);
void* __libc_calloc(std::size_t count, std::size_t size);
void* __libc_realloc(void* memory, std::size_t size);

void* malloc(std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_malloc(size);
}
void* calloc(std::size_t count, std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_calloc(count, size);
}
void* realloc(void* memory, std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_realloc(memory, size);
}
}
#endif

void* operator new(std::size_t size) {
#if defined(__SANITIZE_ADDRESS__)
  allocations.fetch_add(1, std::memory_order_relaxed);  // otherwise counted by malloc
#endif
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
#if !defined(__SANITIZE_ADDRESS__)
  const long before_eigen = allocations.load();
  Eigen::ArrayXd* volatile array = new Eigen::ArrayXd(Eigen::ArrayXd::Zero(100));
  delete array;
  EXPECT_EQ(allocations.load() - before_eigen, 2);  // the object, and Eigen's buffer
#endif
}

}  // namespace
}  // namespace migdip
