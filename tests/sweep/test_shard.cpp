// shard_points and parse_shard: shards cover a sweep exactly once, in order, in blocks of
// nearly equal size; "I/N" is read strictly.

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "migdip/core/error.h"
#include "migdip/sweep/shard.h"

namespace migdip {
namespace {

TEST(ShardPoints, ShardsCoverEveryPointOnceInOrder) {
  for (std::uint64_t points : {0u, 1u, 2u, 3u, 7u, 10u, 64u, 100u, 384u, 1001u}) {
    for (std::uint64_t count : {1u, 2u, 3u, 4u, 7u, 10u, 16u, 99u, 1000u, 2000u}) {
      std::uint64_t next = 0;
      std::uint64_t smallest = UINT64_MAX;
      std::uint64_t largest = 0;
      std::uint64_t previous_size = UINT64_MAX;
      for (std::uint64_t index = 0; index < count; ++index) {
        const PointRange range = shard_points(points, {index, count});
        ASSERT_EQ(range.first, next) << points << " points, shard " << index << "/" << count;
        ASSERT_LE(range.size, previous_size)
            << "larger blocks come first: " << points << " points, shard " << index << "/" << count;
        next += range.size;
        previous_size = range.size;
        smallest = std::min(smallest, range.size);
        largest = std::max(largest, range.size);
      }
      EXPECT_EQ(next, points) << points << " points in " << count << " shards";
      EXPECT_LE(largest - smallest, 1u) << points << " points in " << count << " shards";
    }
  }
}

TEST(ShardPoints, MoreShardsThanPointsLeavesTheLastShardsEmpty) {
  const std::uint64_t points = 3;
  const std::uint64_t count = 5;
  const std::vector<PointRange> expected = {{0, 1}, {1, 1}, {2, 1}, {3, 0}, {3, 0}};
  for (std::uint64_t index = 0; index < count; ++index) {
    const PointRange range = shard_points(points, {index, count});
    EXPECT_EQ(range.first, expected[index].first) << index;
    EXPECT_EQ(range.size, expected[index].size) << index;
  }
}

TEST(ShardPoints, ExampleBlocks) {
  // 10 points in 3 shards: 4, 3, 3.
  EXPECT_EQ(shard_points(10, {0, 3}).first, 0u);
  EXPECT_EQ(shard_points(10, {0, 3}).size, 4u);
  EXPECT_EQ(shard_points(10, {1, 3}).first, 4u);
  EXPECT_EQ(shard_points(10, {1, 3}).size, 3u);
  EXPECT_EQ(shard_points(10, {2, 3}).first, 7u);
  EXPECT_EQ(shard_points(10, {2, 3}).size, 3u);
  // One shard is the whole sweep.
  EXPECT_EQ(shard_points(384, {0, 1}).first, 0u);
  EXPECT_EQ(shard_points(384, {0, 1}).size, 384u);
}

TEST(ShardPoints, HugeSweepsDoNotOverflow) {
  const std::uint64_t points = std::uint64_t{1} << 40;
  const std::uint64_t count = 1000;
  std::uint64_t next = 0;
  for (std::uint64_t index = 0; index < count; ++index) {
    const PointRange range = shard_points(points, {index, count});
    ASSERT_EQ(range.first, next);
    next += range.size;
  }
  EXPECT_EQ(next, points);
}

TEST(ParseShard, AcceptsIndexSlashCount) {
  Shard shard = parse_shard("0/1", "--shard");
  EXPECT_EQ(shard.index, 0u);
  EXPECT_EQ(shard.count, 1u);
  shard = parse_shard("2/3", "--shard");
  EXPECT_EQ(shard.index, 2u);
  EXPECT_EQ(shard.count, 3u);
  shard = parse_shard("17/100", "--shard");
  EXPECT_EQ(shard.index, 17u);
  EXPECT_EQ(shard.count, 100u);
}

TEST(ParseShard, RejectsAnythingElseNamingTheOption) {
  for (const std::string text :
       {"3/3", "4/3", "-1/2", "a/b", "1", "1/0", "", "/", "1/", "/2", "1/2/3", " 1/2", "1/2 ",
        "+1/2", "1.0/2", "0x1/2", "1//2", "99999999999999999999/2"}) {
    try {
      parse_shard(text, "--shard");
      ADD_FAILURE() << "accepted '" << text << "'";
    } catch (const InputError& error) {
      const std::string message = error.what();
      EXPECT_NE(message.find("--shard"), std::string::npos) << message;
      std::string quoted = "'";
      quoted += text;
      quoted += '\'';
      EXPECT_NE(message.find(quoted), std::string::npos) << message;
      EXPECT_EQ(error.where().key, "--shard");
    }
  }
}

}  // namespace
}  // namespace migdip
