#pragma once
// CRC-32 (IEEE 802.3, the polynomial of zlib, gzip and PNG), computed incrementally. The sweep
// file stores one per run, so that damage to its bytes is found before it is trusted, and so
// that anyone can check a run with Python's zlib.crc32 (docs/sweeps.md shows how).

#include <cstdint>
#include <span>
#include <string_view>

namespace migdip {

class Crc32 {
 public:
  Crc32& update(std::span<const std::byte> bytes) noexcept;
  Crc32& update(std::string_view text) noexcept { return update(std::as_bytes(std::span(text))); }
  /// The checksum of everything given so far; zlib.crc32 of the same bytes.
  std::uint32_t value() const noexcept { return ~state_; }

 private:
  std::uint32_t state_ = 0xFFFFFFFFu;
};

}  // namespace migdip
