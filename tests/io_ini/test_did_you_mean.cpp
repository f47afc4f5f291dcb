// Suggestions for misspelt names.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "io_ini/did_you_mean.h"
#include "io_ini/ini_test_support.h"

namespace migdip {
namespace {

using ini::did_you_mean;
using ini::edit_distance;

TEST(DidYouMean, EditDistance) {
  EXPECT_EQ(edit_distance("population", "population", 3), 0u);
  EXPECT_EQ(edit_distance("populaton", "population", 3), 1u);
  EXPECT_EQ(edit_distance("kitten", "sitting", 3), 3u);
  EXPECT_EQ(edit_distance("", "abc", 3), 3u);
  EXPECT_EQ(edit_distance("TUR", "tur", 3), 0u);  // case is ignored
  EXPECT_EQ(edit_distance("TRU", "TUR", 3), 1u);  // a swap is one edit
  EXPECT_EQ(edit_distance("ab", "ba", 0), 1u);
}

TEST(DidYouMean, EditDistanceBeyondTheLimitIsLimitPlusOne) {
  EXPECT_EQ(edit_distance("kitten", "sitting", 2), 3u);
  EXPECT_EQ(edit_distance("kitten", "sitting", 1), 2u);
  EXPECT_EQ(edit_distance("abc", "", 1), 2u);
  EXPECT_EQ(edit_distance("population", "income_per_head", 3), 4u);
}

// Every distance up to the limit agrees with the textbook full-matrix computation (optimal
// string alignment), on all pairs of short words over a small alphabet, where edits overlap.
std::size_t full_matrix_distance(const std::string& a, const std::string& b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) {
    d[i][0] = i;
  }
  for (std::size_t j = 0; j <= b.size(); ++j) {
    d[0][j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min(
          {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

TEST(DidYouMean, BandedDistanceMatchesTheFullMatrixWithinTheLimit) {
  std::vector<std::string> words = {""};
  for (std::size_t length = 1; length <= 5; ++length) {
    const std::size_t previous = words.size();
    for (std::size_t w = 0; w < previous; ++w) {
      if (words[w].size() == length - 1) {
        for (char c : {'a', 'b', 'c'}) {
          words.push_back(words[w] + c);
        }
      }
    }
  }
  int compared = 0;
  for (std::size_t x = 0; x < words.size(); x += 3) {
    for (std::size_t y = 0; y < words.size(); y += 5) {
      const std::size_t exact = full_matrix_distance(words[x], words[y]);
      for (std::size_t limit = 0; limit <= 4; ++limit) {
        ASSERT_EQ(edit_distance(words[x], words[y], limit), std::min(exact, limit + 1))
            << words[x] << " / " << words[y] << " limit " << limit;
        ++compared;
      }
    }
  }
  EXPECT_GT(compared, 1000);
}

// Ids and keys come from the user's files: two 40,000-character ids used to need a 12.8 GB
// matrix. The answer must not depend on how long the names are.
TEST(DidYouMean, HugeNamesGetTheSameAnswerAsShortOnes) {
  const std::string long_id(40000, 'A');
  std::string one_off = long_id;
  one_off.back() = 'B';
  std::string swapped = long_id;
  swapped[20000] = 'X';
  swapped[20001] = 'Y';
  std::string swapped_back = swapped;
  std::swap(swapped_back[20000], swapped_back[20001]);
  EXPECT_EQ(edit_distance(long_id, one_off, 3), 1u);
  EXPECT_EQ(edit_distance(swapped, swapped_back, 3), 1u);
  EXPECT_EQ(edit_distance(long_id, std::string(40000, 'B'), 3), 4u);
  EXPECT_EQ(edit_distance(long_id, long_id + "xyz", 3), 3u);
  EXPECT_EQ(edit_distance(long_id, std::string(4'000'000, 'A'), 3), 4u);

  const std::vector<std::string> ids = {std::string(40000, 'C'), long_id, "TUR"};
  EXPECT_EQ(ini::closest_match(one_off, ids), long_id);
  EXPECT_EQ(did_you_mean(std::string(40000, 'Z'), ids), "");
  // A 4 MB unknown key against the key table: nothing is close, and nothing is computed for long.
  const std::vector<std::string> keys = {"population", "income_per_head", "push_intensity"};
  EXPECT_EQ(did_you_mean(std::string(4'000'000, 'p'), keys), "");
  // The suggestion quotes the candidate cut to a readable length.
  const std::string suggestion = did_you_mean(one_off, ids);
  EXPECT_LT(suggestion.size(), 200u);
  EXPECT_NE(suggestion.find("(39940 more bytes)"), std::string::npos) << suggestion;
}

TEST(DidYouMean, TiesGoToTheEarliestCandidate) {
  const std::vector<std::string> keys = {"abce", "abcf", "abcd"};
  EXPECT_EQ(ini::closest_match("abcx", keys), "abce");
  EXPECT_EQ(ini::closest_match("abcd", keys), "abce");  // the word itself is skipped
}

TEST(DidYouMean, SuggestsTheClosestCandidate) {
  const std::vector<std::string> keys = {"population", "income_per_head", "push_intensity"};
  EXPECT_EQ(did_you_mean("populaton", keys), " (did you mean 'population'?)");
  EXPECT_EQ(did_you_mean("income_per_haed", keys), " (did you mean 'income_per_head'?)");
  const std::vector<std::string> states = {"SYR", "TUR", "GRC"};
  EXPECT_EQ(did_you_mean("GRE", states), " (did you mean 'GRC'?)");
  EXPECT_EQ(did_you_mean("tur", states), " (did you mean 'TUR'?)");
}

TEST(DidYouMean, StaysQuietWhenNothingIsClose) {
  const std::vector<std::string> states = {"SYR", "TUR", "GRC"};
  EXPECT_EQ(did_you_mean("DEU", states), "");
  EXPECT_EQ(did_you_mean("something_else", std::vector<std::string>{"population"}), "");
  EXPECT_EQ(did_you_mean("x", std::vector<std::string>{}), "");
}

TEST(DidYouMean, InLoaderMessages) {
  using testing::base_scenario;
  using testing::expect_error;
  expect_error(base_scenario() + "[state X]\nroles = origin\npopulaton = 5\n",
               {"unknown key 'populaton'", "(did you mean 'population'?)"});
  expect_error(base_scenario() + "[stat X]\n",
               {"unknown section kind 'stat'", "(did you mean 'state'?)"});
  expect_error(base_scenario() + "[corridor X]\nfrom = TUR\nto = GRE\n",
               {"[corridor X] to:", "unknown state 'GRE' (did you mean 'GRC'?)"});
  expect_error(base_scenario() + "[state X]\nroles = origni\n",
               {"'origni' is not one of origin, transit, destination", "did you mean 'origin'"});
  expect_error(base_scenario() + "[corridor X]\nfrom = TUR\nto = GRC\nmode = boat\n",
               {"expected one of land, sea, air, got 'boat'"});
}

}  // namespace
}  // namespace migdip
