#include "migdip/core/quote.h"

#include <gtest/gtest.h>

#include <string>

#include "migdip/core/error.h"

namespace migdip {
namespace {

TEST(Quote, ShortTextIsShownWhole) {
  EXPECT_EQ(quote("TUR"), "'TUR'");
  EXPECT_EQ(quote(""), "''");
  EXPECT_EQ(excerpt(std::string(kExcerptBytes, 'x')), std::string(kExcerptBytes, 'x'));
}

TEST(Quote, LongTextIsCutAndSaysHowMuchIsLeft) {
  const std::string long_name(1'000'000, 'x');
  EXPECT_EQ(excerpt(long_name), std::string(kExcerptBytes, 'x') + "…(999940 more bytes)");
  EXPECT_EQ(quote(long_name), "'" + std::string(kExcerptBytes, 'x') + "…(999940 more bytes)'");
}

TEST(Quote, CutsBetweenCharactersNotInsideOne) {
  // "é" is two bytes; 59 ASCII letters put the 60-byte cut inside the 30th "é".
  const std::string text = std::string(59, 'a') + "éééé";
  const std::string shown = excerpt(text);
  EXPECT_EQ(shown, std::string(59, 'a') + "…(8 more bytes)");
}

TEST(Quote, ControlCharactersAreEscapedSoAMessageStaysOneLine) {
  EXPECT_EQ(quote("a\nb"), "'a\\nb'");
  EXPECT_EQ(quote("a\tb\rc"), "'a\\tb\\rc'");
  EXPECT_EQ(quote(std::string("a\x01", 2) + "\x7F"), "'a\\x01\\x7F'");
}

TEST(Quote, InputErrorsShowLongSectionAndKeyNamesCut) {
  const std::string long_key(1'000'000, 'k');
  const InputError error({"file.ini", 3, "state " + std::string(1'000'000, 'S'), long_key},
                         "unknown key " + quote(long_key));
  const std::string message = error.what();
  EXPECT_LT(message.size(), 400u) << message;
  EXPECT_EQ(message.rfind("file.ini:3: [state SSS", 0), 0u) << message;
  EXPECT_NE(message.find("…(999946 more bytes)"), std::string::npos) << message;
  // The full texts stay available to code that inspects the error.
  EXPECT_EQ(error.where().key, long_key);
}

TEST(Quote, PathsAreKeptWholeUpToTheLongestPathLinuxOpens) {
  const std::string path = "/" + std::string(200, 'd') + "/scenario.ini";
  EXPECT_EQ(std::string(InputError({path, 0, "", ""}, "cannot read").what()),
            path + ": cannot read");
}

}  // namespace
}  // namespace migdip
