#include "migdip/core/random_stream.h"

namespace migdip {
namespace {

constexpr std::uint32_t kPhiloxM0 = 0xD2511F53u;
constexpr std::uint32_t kPhiloxM1 = 0xCD9E8D57u;
constexpr std::uint32_t kPhiloxW0 = 0x9E3779B9u;
constexpr std::uint32_t kPhiloxW1 = 0xBB67AE85u;

// SplitMix64 finaliser: spreads (seed, run) over the 64-bit Philox key so that neighbouring
// seeds or runs give unrelated keys.
constexpr std::uint64_t mix64(std::uint64_t z) {
  z += 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

}  // namespace

std::array<std::uint32_t, 4> RandomStream::philox(std::array<std::uint32_t, 4> counter,
                                                  std::array<std::uint32_t, 2> key) {
  for (int round = 0; round < 10; ++round) {
    const std::uint64_t product0 = std::uint64_t{kPhiloxM0} * counter[0];
    const std::uint64_t product1 = std::uint64_t{kPhiloxM1} * counter[2];
    const auto hi0 = static_cast<std::uint32_t>(product0 >> 32);
    const auto lo0 = static_cast<std::uint32_t>(product0);
    const auto hi1 = static_cast<std::uint32_t>(product1 >> 32);
    const auto lo1 = static_cast<std::uint32_t>(product1);
    counter = {hi1 ^ counter[1] ^ key[0], lo1, hi0 ^ counter[3] ^ key[1], lo0};
    key[0] += kPhiloxW0;
    key[1] += kPhiloxW1;
  }
  return counter;
}

RandomStream::RandomStream(const StreamKey& key) {
  const std::uint64_t mixed = mix64(mix64(key.seed) ^ (std::uint64_t{key.run} << 1 | 1u));
  key_ = {static_cast<std::uint32_t>(mixed), static_cast<std::uint32_t>(mixed >> 32)};
  counter_ = {0u, key.entity, key.tick, static_cast<std::uint32_t>(key.purpose)};
}

std::uint32_t RandomStream::next_u32() {
  if (next_in_block_ == 4) {
    block_ = philox(counter_, key_);
    ++counter_[0];
    next_in_block_ = 0;
  }
  return block_[static_cast<std::size_t>(next_in_block_++)];
}

double RandomStream::uniform() {
  // 53 random bits, shifted by half a step so the result is never exactly 0 or 1.
  const std::uint64_t high = next_u32() >> 5;  // 27 bits
  const std::uint64_t low = next_u32() >> 6;   // 26 bits
  const std::uint64_t bits = (high << 26) | low;
  return (static_cast<double>(bits) + 0.5) * 0x1.0p-53;
}

}  // namespace migdip
