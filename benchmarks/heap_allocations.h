#pragma once
// Heap allocations counted by the benchmark programs that report them (bench_diplomacy,
// bench_phases): heap_allocations.cpp interposes glibc's malloc family, where operator new ends
// and where Eigen's dynamic arrays allocate (they never call operator new). Elsewhere nothing is
// counted.

#include <cstdint>

namespace migdip::bench {

/// Whether this build counts allocations (glibc only).
bool counts_heap_allocations();
/// Allocations made by the process so far; compare two readings around the timed region.
std::uint64_t heap_allocations_so_far();

}  // namespace migdip::bench
