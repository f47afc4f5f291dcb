#pragma once
// The allocation test program replaces glibc's malloc family (heap_counter.cpp) to count calls
// and the bytes held: Eigen allocates with malloc, and so does the standard library's operator
// new. AddressSanitizer replaces the allocation functions itself, so under it (GCC says
// __SANITIZE_ADDRESS__, clang nothing: MIGDIP_SANITIZED comes from the build) nothing is counted
// and the tests skip: the Release run of the suite checks the properties.

#include <cstdint>

namespace migdip::testing {

/// Whether this build counts (false under AddressSanitizer).
bool heap_is_counted();

/// Calls to malloc, calloc and realloc so far.
long allocation_count();

/// The most heap held at once, above what was held when it was made.
class HeapPeak {
 public:
  HeapPeak();
  std::uint64_t bytes() const;

 private:
  std::int64_t baseline_;
};

}  // namespace migdip::testing
