// Suggestions for misspelt names.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "io_ini/did_you_mean.h"
#include "io_ini/ini_test_support.h"

namespace migdip {
namespace {

using ini::did_you_mean;
using ini::edit_distance;

TEST(DidYouMean, EditDistance) {
  EXPECT_EQ(edit_distance("population", "population"), 0u);
  EXPECT_EQ(edit_distance("populaton", "population"), 1u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("TUR", "tur"), 0u);  // case is ignored
  EXPECT_EQ(edit_distance("TRU", "TUR"), 1u);  // a swap is one edit
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
