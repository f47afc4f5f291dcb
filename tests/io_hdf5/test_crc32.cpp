// CRC-32 as zlib computes it: the sweep file's run checksums must be checkable with
// Python's zlib.crc32.

#include "io_hdf5/crc32.h"

#include <gtest/gtest.h>

namespace migdip {
namespace {

TEST(Crc32, MatchesTheStandardCheckValue) {
  EXPECT_EQ(Crc32{}.value(), 0u);
  EXPECT_EQ(Crc32{}.update("123456789").value(), 0xCBF43926u);  // the CRC-32 "check" value
  EXPECT_EQ(Crc32{}.update("The quick brown fox jumps over the lazy dog").value(), 0x414FA339u);
}

TEST(Crc32, CanBeComputedInPieces) {
  EXPECT_EQ(Crc32{}.update("1234").update("").update("56789").value(), 0xCBF43926u);
}

TEST(Crc32, ChangesWithAnySingleBit) {
  const std::uint32_t reference = Crc32{}.update("sweep").value();
  EXPECT_NE(Crc32{}.update("swdep").value(), reference);
  EXPECT_NE(Crc32{}.update(std::string_view("sweep\0", 6)).value(), reference);
}

}  // namespace
}  // namespace migdip
