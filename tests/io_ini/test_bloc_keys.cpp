// Blocs in scenario files (docs/model.md 7.4 and 7.5.3): the burden-sharing key and explicit
// shares, a bloc partner, members' instruments at a bloc's table; what is refused, with the
// file, section and key named.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "io_ini/ini_test_support.h"

namespace migdip {
namespace {

using testing::expect_error;
using testing::strategic_scenario;

// strategic_scenario() has EU = {GRC, DEU}, TUR and SYR, and TUR's exit enforcement tur_coast.
std::string with(const std::string& extra) {
  return strategic_scenario() + extra;
}

const std::string kGuard =
    "[instrument grc_guard]\ntype = entry_enforcement\nuser = GRC\nlevel = 0.9\n"
    "cost_to_user = 1e6\n\n";

TEST(BlocKeys, TheKeyDefaultsToPopulationAndExplicitSharesFollowTheMembers) {
  const auto loaded =
      load_scenario_text(with("[bloc EU2]\nmembers = GRC, DEU\nburden_sharing = explicit\n"
                              "burden_shares = DEU:3, GRC:1\n\n[bloc EU3]\nmembers = GRC, DEU\n"
                              "burden_sharing = gdp\n"),
                         "test.ini");
  const Scenario& scenario = *loaded.scenario;
  EXPECT_EQ(scenario.blocs[0].burden_sharing, BurdenSharing::population);
  EXPECT_TRUE(scenario.blocs[0].burden_shares.empty());
  EXPECT_EQ(scenario.blocs[1].burden_sharing, BurdenSharing::explicit_shares);
  EXPECT_EQ(scenario.blocs[1].burden_shares, (std::vector<double>{1, 3}));  // GRC, DEU
  EXPECT_EQ(scenario.blocs[2].burden_sharing, BurdenSharing::gdp);
  // The resolved text writes the key of every bloc and the shares where they are given, and
  // loads back to the same.
  const std::string& text = loaded.resolved_text;
  EXPECT_NE(text.find("burden_sharing = population\n"), std::string::npos);
  EXPECT_NE(text.find("burden_shares = GRC:1, DEU:3\n"), std::string::npos);
  const auto again = load_scenario_text(text, "resolved.ini");
  EXPECT_EQ(again.resolved_text, text);
  // And the key can be set from the command line.
  const std::vector<std::string> overrides = {"bloc.EU.burden_sharing=equal"};
  const auto overridden = load_scenario_text(strategic_scenario(), "test.ini", overrides);
  EXPECT_EQ(overridden.scenario->blocs[0].burden_sharing, BurdenSharing::equal);
}

TEST(BlocKeys, BadBurdenSharingIsRefusedNamingTheKey) {
  const std::string bloc = "[bloc EU2]\nmembers = GRC, DEU\n";
  expect_error(with(bloc + "burden_sharing = wealth\n"),
               {"test.ini", "[bloc EU2] burden_sharing:", "wealth"});
  expect_error(with(bloc + "burden_sharing = explicit\n"),
               {"test.ini", "[bloc EU2] burden_shares:", "one weight per member (2), got 0"});
  expect_error(with(bloc + "burden_shares = GRC:1, DEU:1\n"),
               {"[bloc EU2] burden_shares:", "only with 'burden_sharing = explicit'"});
  expect_error(with(bloc + "burden_sharing = explicit\nburden_shares = GRC:1\n"),
               {"[bloc EU2] burden_shares:", "'DEU' has no weight"});
  expect_error(with(bloc + "burden_sharing = explicit\nburden_shares = GRC:1, TUR:1\n"),
               {"[bloc EU2] burden_shares:", "'TUR' is not a member"});
  expect_error(with(bloc + "burden_sharing = explicit\nburden_shares = GRC:1, ITA:1\n"),
               {"[bloc EU2] burden_shares:", "unknown state 'ITA'"});
  expect_error(with(bloc + "burden_sharing = explicit\nburden_shares = GRC, DEU\n"),
               {"[bloc EU2] burden_shares:", "MEMBER:WEIGHT"});
  expect_error(with(bloc + "burden_sharing = explicit\nburden_shares = GRC:1, DEU:lots\n"),
               {"[bloc EU2] burden_shares:", "'DEU'"});
  expect_error(with(bloc + "burden_sharing = explicit\nburden_shares = GRC:-1, DEU:2\n"),
               {"[bloc EU2] burden_shares:", "'GRC' has a weight below 0"});
  expect_error(with(bloc + "burden_sharing = explicit\nburden_shares = GRC:0, DEU:0\n"),
               {"[bloc EU2] burden_sharing:", "sum to 0"});
}

// The EU's table may use GRC's border guard as a threat, and as an offer; a bloc can be the
// partner, asked for its member's instruments and paid through a transfer to a member.
TEST(BlocKeys, BlocTablesUseMembersInstrumentsAndABlocCanBeThePartner) {
  const auto scenario = load_scenario_text(
      with(kGuard +
           "[negotiation eu_guard]\ndemander = EU\npartner = TUR\nasks = tur_coast\n"
           "offers = grc_guard\nthreats = grc_guard\n\n"
           "[bloc TB]\nmembers = TUR\n\n"
           "[instrument syr_pays]\ntype = transfer\nuser = SYR\ntarget = TUR\namount = 1e6\n\n"
           "[negotiation syr_tb]\ndemander = SYR\npartner = TB\nasks = tur_coast\n"
           "payment = syr_pays\n"),
      "test.ini");
  const Scenario& s = *scenario.scenario;
  const NegotiationSpec& guard =
      s.negotiations[static_cast<std::size_t>(*s.find_negotiation("eu_guard"))];
  EXPECT_EQ(guard.threats, std::vector<int>{*s.find_instrument("grc_guard")});
  const NegotiationSpec& tb =
      s.negotiations[static_cast<std::size_t>(*s.find_negotiation("syr_tb"))];
  EXPECT_EQ(tb.partner.kind, TargetKind::bloc);
  EXPECT_EQ(tb.partner.index, *s.find_bloc("TB"));
  EXPECT_NE(scenario.resolved_text.find("partner = TB\n"), std::string::npos);
}

TEST(BlocKeys, InstrumentsOfNeitherSideAndStatesOnBothSidesAreRefused) {
  // SYR's departure ban belongs to neither the EU nor TUR.
  expect_error(
      with("[negotiation bad]\ndemander = EU\npartner = TUR\nasks = tur_coast\n"
           "threats = syr_exit\n"),
      {"test.ini", "[negotiation bad] threats:", "'syr_exit'",
       "neither the demander nor the partner (the demander is the bloc 'EU' or its members"});
  // A member's instrument is the bloc's side's, not the other side's to ask for.
  expect_error(with(kGuard + "[negotiation bad]\ndemander = EU\npartner = TUR\n"
                             "asks = grc_guard\n"),
               {"[negotiation bad] asks:", "partner's instruments (state 'TUR')"});
  // GRC cannot sit on both sides.
  expect_error(with("[bloc MED]\nmembers = GRC, TUR\n\n"
                    "[negotiation bad]\ndemander = EU\npartner = MED\nasks = tur_coast\n"),
               {"[negotiation bad] partner:",
                "'GRC' is a member of the partner bloc 'MED' and of the demander bloc 'EU'"});
  // A bloc partner's payment goes to one of its members.
  expect_error(with("[bloc TB]\nmembers = TUR\n\n"
                    "[instrument syr_pays]\ntype = transfer\nuser = SYR\ntarget = GRC\n"
                    "amount = 1e6\n\n"
                    "[negotiation bad]\ndemander = SYR\npartner = TB\nasks = tur_coast\n"
                    "payment = syr_pays\n"),
               {"[negotiation bad] payment:", "to the partner (bloc 'TB' or its members)"});
}

}  // namespace
}  // namespace migdip
