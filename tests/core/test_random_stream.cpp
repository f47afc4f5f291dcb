#include "migdip/core/random_stream.h"

#include <gtest/gtest.h>

#include <set>

namespace migdip {
namespace {

// Known-answer vectors published with Random123 (kat_vectors, philox4x32_10).
TEST(RandomStream, PhiloxMatchesPublishedKnownAnswers) {
  EXPECT_EQ(RandomStream::philox({0, 0, 0, 0}, {0, 0}),
            (std::array<std::uint32_t, 4>{0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u}));
  EXPECT_EQ(RandomStream::philox({0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
                                 {0xffffffffu, 0xffffffffu}),
            (std::array<std::uint32_t, 4>{0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu}));
  EXPECT_EQ(RandomStream::philox({0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u},
                                 {0xa4093822u, 0x299f31d0u}),
            (std::array<std::uint32_t, 4>{0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u}));
}

TEST(RandomStream, SameKeyGivesSameNumbers) {
  const StreamKey key{.seed = 42, .run = 3, .tick = 7, .entity = 11, .purpose = DrawPurpose::death};
  RandomStream a(key);
  RandomStream b(key);
  for (int i = 0; i < 100; ++i) {
    ASSERT_EQ(a.next_u32(), b.next_u32());
  }
}

TEST(RandomStream, EveryKeyFieldChangesTheStream) {
  const StreamKey base{
      .seed = 42, .run = 3, .tick = 7, .entity = 11, .purpose = DrawPurpose::death};
  auto first = [](StreamKey key) { return RandomStream(key).next_u32(); };
  std::set<std::uint32_t> seen{first(base)};
  StreamKey key = base;
  key.seed = 43;
  seen.insert(first(key));
  key = base;
  key.run = 4;
  seen.insert(first(key));
  key = base;
  key.tick = 8;
  seen.insert(first(key));
  key = base;
  key.entity = 12;
  seen.insert(first(key));
  key = base;
  key.purpose = DrawPurpose::pushback;
  seen.insert(first(key));
  EXPECT_EQ(seen.size(), 6u);
}

TEST(RandomStream, UniformStaysInsideTheOpenIntervalAndAveragesOneHalf) {
  RandomStream stream(StreamKey{.seed = 1});
  double sum = 0;
  const int draws = 200000;
  for (int i = 0; i < draws; ++i) {
    const double u = stream.uniform();
    ASSERT_GT(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
  }
  EXPECT_NEAR(sum / draws, 0.5, 0.005);  // 7 standard errors
}

}  // namespace
}  // namespace migdip
