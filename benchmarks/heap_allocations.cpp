#include "heap_allocations.h"

#include <atomic>
#include <cstddef>

namespace {
std::atomic<std::uint64_t> heap_allocations{0};
}  // namespace

#if defined(__GLIBC__)
extern "C" {
void* __libc_malloc(std::size_t size);
void* __libc_calloc(std::size_t count, std::size_t size);
void* __libc_realloc(void* pointer, std::size_t size);

void* malloc(std::size_t size) {
  heap_allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_malloc(size);
}
void* calloc(std::size_t count, std::size_t size) {
  heap_allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_calloc(count, size);
}
void* realloc(void* pointer, std::size_t size) {
  heap_allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_realloc(pointer, size);
}
}
#endif

namespace migdip::bench {

bool counts_heap_allocations() {
#if defined(__GLIBC__)
  return true;
#else
  return false;
#endif
}

std::uint64_t heap_allocations_so_far() {
  return heap_allocations.load(std::memory_order_relaxed);
}

}  // namespace migdip::bench
