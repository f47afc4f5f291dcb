// UTF-8 sequences as the loader accepts them (RFC 3629), and JSON string literals: one
// implementation of each, shared by the INI reader, `migdip info --json` and the scenario
// schema's generator.

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "migdip/core/json_string.h"
#include "migdip/core/utf8.h"

namespace migdip {
namespace {

using namespace std::string_view_literals;

TEST(Utf8, SequenceLengthsOfValidCharacters) {
  EXPECT_EQ(utf8_sequence_length("a"), 1U);
  EXPECT_EQ(utf8_sequence_length("\xC3\xBC"), 2U);          // ü
  EXPECT_EQ(utf8_sequence_length("\xE2\x82\xAC"), 3U);      // €
  EXPECT_EQ(utf8_sequence_length("\xF0\x9F\x98\x80"), 4U);  // an emoji
  EXPECT_EQ(utf8_sequence_length("\xF4\x8F\xBF\xBF"), 4U);  // U+10FFFF, the last
}

TEST(Utf8, MalformedSequencesHaveNoLength) {
  EXPECT_EQ(utf8_sequence_length(""), 0U);
  EXPECT_EQ(utf8_sequence_length("\x80"), 0U);              // a lone continuation byte
  EXPECT_EQ(utf8_sequence_length("\xC0\xAF"), 0U);          // overlong '/'
  EXPECT_EQ(utf8_sequence_length("\xE0\x80\xAF"), 0U);      // overlong, three bytes
  EXPECT_EQ(utf8_sequence_length("\xED\xA0\x80"), 0U);      // a surrogate
  EXPECT_EQ(utf8_sequence_length("\xF4\x90\x80\x80"), 0U);  // above U+10FFFF
  EXPECT_EQ(utf8_sequence_length("\xE2\x82"), 0U);          // cut short
  EXPECT_EQ(utf8_sequence_length("\xC3\x41"), 0U);          // not a continuation byte
}

TEST(Utf8, FirstInvalidByte) {
  EXPECT_EQ(first_invalid_utf8("T\xC3\xBCrkiye"), std::string_view::npos);
  EXPECT_EQ(first_invalid_utf8("ab\xFF"), 2U);
  EXPECT_EQ(first_invalid_utf8("\xC3\xBC\xE2\x82"), 2U);
}

TEST(JsonString, EscapesWhatJsonRequiresAndPassesUtf8Through) {
  EXPECT_EQ(json_string("plain"), "\"plain\"");
  EXPECT_EQ(json_string("say \"hi\" \\ now"), R"("say \"hi\" \\ now")");
  EXPECT_EQ(json_string("a\nb\rc\td\be\ff"), R"("a\nb\rc\td\be\ff")");
  EXPECT_EQ(json_string("\x01\x1F"sv), R"("\u0001\u001f")");
  EXPECT_EQ(json_string("nul\0here"sv), R"("nul\u0000here")");
  EXPECT_EQ(json_string("T\xC3\xBCrkiye \xE2\x82\xAC"), "\"T\xC3\xBCrkiye \xE2\x82\xAC\"");
}

TEST(JsonString, ReplacesBytesThatAreNotUtf8) {
  EXPECT_EQ(json_string("a\xFF"
                        "b"),
            R"("a\ufffdb")");
  EXPECT_EQ(json_string("\xE2\x82"), R"("\ufffd\ufffd")");  // each stray byte replaced
}

}  // namespace
}  // namespace migdip
