#include "migdip/sweep/shard.h"

#include <charconv>

#include "migdip/core/error.h"
#include "migdip/core/quote.h"

namespace migdip {

PointRange shard_points(std::uint64_t points, Shard shard) {
  const std::uint64_t base = points / shard.count;
  const std::uint64_t extra = points % shard.count;
  const std::uint64_t first = shard.index * base + std::min(shard.index, extra);
  return {first, base + (shard.index < extra ? 1 : 0)};
}

Shard parse_shard(std::string_view text, const std::string& option) {
  const auto slash = text.find('/');
  Shard shard;
  auto parse = [](std::string_view digits, std::uint64_t& out) {
    const char* end = digits.data() + digits.size();
    const auto [stop, error] = std::from_chars(digits.data(), end, out);
    return !digits.empty() && error == std::errc{} && stop == end;
  };
  if (slash == std::string_view::npos || !parse(text.substr(0, slash), shard.index) ||
      !parse(text.substr(slash + 1), shard.count) || shard.count == 0 ||
      shard.index >= shard.count) {
    throw InputError({"", 0, "", option}, quote(text) + " is not a shard I/N with 0 <= I < N");
  }
  return shard;
}

}  // namespace migdip
