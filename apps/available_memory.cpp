#include "available_memory.h"

#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

#include <array>
#include <charconv>
#include <fstream>
#include <string_view>

namespace migdip::cli {
namespace {

void lower_to(MemoryLimit& limit, std::uint64_t bytes, const std::string& source) {
  if (bytes < limit.bytes) {
    limit = {bytes, source};
  }
}

void apply_rlimit(MemoryLimit& limit, int resource, const std::string& source) {
  rlimit value{};
  if (getrlimit(resource, &value) == 0 && value.rlim_cur != RLIM_INFINITY) {
    lower_to(limit, value.rlim_cur, source);
  }
}

// cgroup v2 only ("0::/path" in /proc/self/cgroup); every ancestor's memory.max applies too.
void apply_cgroup(MemoryLimit& limit) {
  std::ifstream membership("/proc/self/cgroup");
  std::string line;
  while (std::getline(membership, line)) {
    if (!line.starts_with("0::/")) {
      continue;
    }
    std::string path = line.substr(3);
    while (true) {
      std::ifstream file("/sys/fs/cgroup" + path + "/memory.max");
      std::string text;
      std::uint64_t bytes = 0;
      if (file >> text) {
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), bytes);
        if (error == std::errc{} && end == text.data() + text.size()) {
          lower_to(limit, bytes, "the cgroup memory limit (memory.max) is");
        }
      }
      if (path == "/" || path.empty()) {
        break;
      }
      const std::size_t slash = path.rfind('/');
      path = slash == 0 ? "/" : path.substr(0, slash);
    }
  }
}

}  // namespace

MemoryLimit memory_limit() {
  MemoryLimit limit;
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page_size = sysconf(_SC_PAGE_SIZE);
  if (pages > 0 && page_size > 0) {
    lower_to(limit, static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page_size),
             "this machine has");
  }
  apply_cgroup(limit);
  apply_rlimit(limit, RLIMIT_DATA, "the data-segment limit (ulimit -d) is");
  apply_rlimit(limit, RLIMIT_AS, "the address-space limit (ulimit -v) is");
  return limit;
}

void require_memory(std::uint64_t needed, const InputLocation& where, const std::string& what,
                    const MemoryLimit& limit, const std::string& hint) {
  if (needed > limit.bytes) {
    throw InputError(where,
                     fmt::format("{} needs about {} of memory; {} {}{}", what, format_bytes(needed),
                                 limit.source, format_bytes(limit.bytes), hint));
  }
}

std::string format_bytes(std::uint64_t bytes) {
  if (bytes < 1024) {
    return fmt::format("{} bytes", bytes);
  }
  constexpr std::array<std::string_view, 6> kUnits = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  auto size = static_cast<double>(bytes) / 1024;
  std::size_t unit = 0;
  while (size >= 1024 && unit + 1 < kUnits.size()) {
    size /= 1024;
    ++unit;
  }
  // Two significant digits below 10, whole numbers above: "1.5 GiB", "763 GiB".
  return size < 10 ? fmt::format("{:.1f} {}", size, kUnits[unit])
                   : fmt::format("{:.0f} {}", size, kUnits[unit]);
}

}  // namespace migdip::cli
