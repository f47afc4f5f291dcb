#include "io_hdf5/crc32.h"

#include <array>

namespace migdip {
namespace {

// The reflected polynomial 0x04C11DB7, one table entry per byte value.
constexpr std::array<std::uint32_t, 256> make_table() {
  std::array<std::uint32_t, 256> table{};
  for (std::uint32_t byte = 0; byte < 256; ++byte) {
    std::uint32_t remainder = byte;
    for (int bit = 0; bit < 8; ++bit) {
      remainder = (remainder & 1u) != 0 ? (remainder >> 1) ^ 0xEDB88320u : remainder >> 1;
    }
    table[byte] = remainder;
  }
  return table;
}

constexpr std::array<std::uint32_t, 256> kTable = make_table();

}  // namespace

Crc32& Crc32::update(std::span<const std::byte> bytes) noexcept {
  std::uint32_t state = state_;
  for (std::byte b : bytes) {
    state = kTable[(state ^ static_cast<std::uint32_t>(b)) & 0xFFu] ^ (state >> 8);
  }
  state_ = state;
  return *this;
}

}  // namespace migdip
