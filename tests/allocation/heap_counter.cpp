#include "allocation/heap_counter.h"

#include <malloc.h>

#include <atomic>
#include <cerrno>
#include <cstddef>

namespace {
std::atomic<long> allocations{0};
// Signed: blocks allocated before the replacement took over may be freed through it.
std::atomic<std::int64_t> live{0};
std::atomic<std::int64_t> peak{0};
}  // namespace

#if !defined(__SANITIZE_ADDRESS__) && !defined(MIGDIP_SANITIZED)
namespace {
void held(void* memory) {
  if (memory == nullptr) {
    return;
  }
  const auto size = static_cast<std::int64_t>(malloc_usable_size(memory));
  const std::int64_t now = live.fetch_add(size) + size;
  std::int64_t seen = peak.load();
  while (now > seen && !peak.compare_exchange_weak(seen, now)) {
  }
}

void released(void* memory) {
  if (memory != nullptr) {
    live.fetch_sub(static_cast<std::int64_t>(malloc_usable_size(memory)));
  }
}
}  // namespace

extern "C" {
void* __libc_malloc(std::size_t size);
void* __libc_calloc(std::size_t count, std::size_t size);
void* __libc_realloc(void* memory, std::size_t size);
void* __libc_memalign(std::size_t alignment, std::size_t size);
void __libc_free(void* memory);

void* malloc(std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  void* memory = __libc_malloc(size);
  held(memory);
  return memory;
}
void* calloc(std::size_t count, std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  void* memory = __libc_calloc(count, size);
  held(memory);
  return memory;
}
void* realloc(void* memory, std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  const std::int64_t before =
      memory != nullptr ? static_cast<std::int64_t>(malloc_usable_size(memory)) : 0;
  void* moved = __libc_realloc(memory, size);
  if (moved != nullptr || size == 0) {
    live.fetch_sub(before);
    held(moved);
  }
  return moved;
}
void* memalign(std::size_t alignment, std::size_t size) {
  void* memory = __libc_memalign(alignment, size);
  held(memory);
  return memory;
}
void* aligned_alloc(std::size_t alignment, std::size_t size) {
  return memalign(alignment, size);
}
int posix_memalign(void** out, std::size_t alignment, std::size_t size) {
  *out = memalign(alignment, size);
  return *out != nullptr || size == 0 ? 0 : ENOMEM;
}
void free(void* memory) {
  released(memory);
  __libc_free(memory);
}
}
#endif

namespace migdip::testing {

bool heap_is_counted() {
#if defined(__SANITIZE_ADDRESS__) || defined(MIGDIP_SANITIZED)
  return false;
#else
  return true;
#endif
}

long allocation_count() {
  return allocations.load();
}

HeapPeak::HeapPeak() : baseline_(live.load()) {
  peak.store(baseline_);
}

std::uint64_t HeapPeak::bytes() const {
  return static_cast<std::uint64_t>(peak.load() - baseline_);
}

}  // namespace migdip::testing
