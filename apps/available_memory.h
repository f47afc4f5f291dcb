#pragma once
// The memory this process may use, and the refusal of work that needs more: one line and exit 2
// before the allocation, instead of std::bad_alloc (exit 1) or the OOM killer after it.

#include <cstdint>
#include <string>

#include "migdip/core/error.h"

namespace migdip::cli {

struct MemoryLimit {
  std::uint64_t bytes = UINT64_MAX;
  /// What sets it, ending where the size goes: "this machine has", "the address-space limit
  /// (ulimit -v) is".
  std::string source;
};

/// The smallest of this machine's physical memory, the address-space and data-segment limits
/// (RLIMIT_AS, RLIMIT_DATA) and the cgroup v2 memory.max of this process and its ancestors.
MemoryLimit memory_limit();

/// Throws InputError at `where` when `needed` bytes exceed the limit: "WHAT needs about 763 GiB
/// of memory; this machine has 23 GiB", then `hint`.
void require_memory(std::uint64_t needed, const InputLocation& where, const std::string& what,
                    const MemoryLimit& limit = memory_limit(), const std::string& hint = "");

/// A size for people: "512 bytes", "12 KiB", "1.5 MiB", "763 GiB".
std::string format_bytes(std::uint64_t bytes);

}  // namespace migdip::cli
