// Reading the file as INI: text checks, syntax, comments, duplicates and line numbers.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "io_ini/ini_document.h"
#include "io_ini/ini_test_support.h"

namespace migdip {
namespace {

using testing::base_scenario;
using testing::expect_error;
using testing::kBaseLines;

std::string line_ref(int line) {
  return "test.ini:" + std::to_string(line) + ":";
}

TEST(IniDocument, SectionsKeysAndLines) {
  const ini::IniDocument document = ini::read_ini_document(
      "# comment\n[scenario]\nname = a b  ; trailing comment\n\n[stock SYR   in TUR]\n"
      "hosted=5\nempty =\n",
      "doc.ini");
  ASSERT_EQ(document.sections.size(), 2u);
  EXPECT_EQ(document.sections[0].name(), "scenario");
  EXPECT_EQ(document.sections[0].line, 2);
  ASSERT_EQ(document.sections[0].entries.size(), 1u);
  EXPECT_EQ(document.sections[0].entries[0].key, "name");
  EXPECT_EQ(document.sections[0].entries[0].value, "a b");
  EXPECT_EQ(document.sections[0].entries[0].line, 3);
  EXPECT_EQ(document.sections[1].kind, "stock");
  EXPECT_EQ(document.sections[1].id, "SYR in TUR");
  EXPECT_EQ(document.sections[1].entries[0].value, "5");
  EXPECT_EQ(document.sections[1].entries[0].line, 6);
  EXPECT_EQ(document.sections[1].entries[1].value, "");
  EXPECT_NE(document.find("stock", "SYR in TUR"), nullptr);
}

std::vector<std::pair<std::string, std::string>> document_options(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> options;
  for (const ini::IniSection& section : ini::read_ini_document(text, "test.ini").sections) {
    for (const ini::IniEntry& entry : section.entries) {
      options.emplace_back(section.name() + "." + entry.key, entry.value);
    }
  }
  return options;
}

// Values keep inner whitespace and '=' and lose the comment after ';' or '#'.
TEST(IniDocument, SplitsKeysAndValues) {
  const std::string text =
      "[scenario]\nname=a\n  description \t=\t two  words\t \nempty =\n"
      "\tspaced key = x = y\n[stock SYR in TUR]\nhosted = 5 ; note\nrejected = 1 # note\n";
  const std::vector<std::pair<std::string, std::string>> expected{
      {"scenario.name", "a"},           {"scenario.description", "two  words"},
      {"scenario.empty", ""},           {"scenario.spaced key", "x = y"},
      {"stock SYR in TUR.hosted", "5"}, {"stock SYR in TUR.rejected", "1"}};
  EXPECT_EQ(document_options(text), expected);
}

TEST(IniDocument, EmptyFileHasNoSections) {
  expect_error("", {"test.ini", "no sections"});
  expect_error("# just a comment\n; another\n\n   \t\n", {"test.ini", "no sections"});
}

TEST(IniDocument, EmptyAndCommentOnlyFixtures) {
  for (const char* name : {"bad_empty.ini", "bad_comments_only.ini"}) {
    const std::string path = std::string(MIGDIP_TEST_DATA_DIR "/") + name;
    try {
      load_scenario_file(path);
      ADD_FAILURE() << path << " loaded";
    } catch (const InputError& error) {
      EXPECT_NE(std::string(error.what()).find(name), std::string::npos) << error.what();
      EXPECT_NE(std::string(error.what()).find("no sections"), std::string::npos) << error.what();
    }
  }
}

TEST(IniDocument, BinaryFileIsRejected) {
  expect_error(base_scenario() + std::string("junk = \0\x01\x02", 10), {"test.ini", "binary"});
}

TEST(IniDocument, InvalidUtf8IsRejectedWithItsLine) {
  expect_error(base_scenario() + "[state X]\nname = caf\xE9\n",
               {line_ref(kBaseLines + 2), "not UTF-8"});
  // Overlong encodings and surrogates are not UTF-8 either.
  expect_error(base_scenario() + "# \xC0\xAF\n", {"not UTF-8"});
  expect_error(base_scenario() + "# \xED\xA0\x80\n", {"not UTF-8"});
}

TEST(IniDocument, Utf8TextIsAccepted) {
  const auto scenario = testing::load_with(
      "[state X]\nname = Türkiye — ünïcode\nroles = transit\n"
      "population = 1\nincome_per_head = 1\n");
  EXPECT_EQ(scenario->states.back().name, "Türkiye — ünïcode");
}

TEST(IniDocument, LineWithoutEquals) {
  expect_error(base_scenario() + "[state X]\nroles origin\n",
               {line_ref(kBaseLines + 2), "[state X]", "expected 'key = value'", "roles origin"});
}

TEST(IniDocument, KeyOutsideAnySection) {
  expect_error("name = x\n" + base_scenario(), {"test.ini:1:", "name", "outside any section"});
}

TEST(IniDocument, MissingKeyName) {
  expect_error(base_scenario() + "[state X]\n = 5\n",
               {line_ref(kBaseLines + 2), "[state X]", "missing key name"});
}

TEST(IniDocument, MalformedSectionHeaders) {
  expect_error(base_scenario() + "[state X\n", {line_ref(kBaseLines + 1), "malformed section"});
  expect_error(base_scenario() + "[  ]\n", {line_ref(kBaseLines + 1), "empty section header"});
}

TEST(IniDocument, DuplicateSection) {
  expect_error(base_scenario() + "[state TUR]\nroles = origin\n",
               {line_ref(kBaseLines + 1), "[state TUR]", "duplicate section", "line 11"});
  expect_error(base_scenario() + "[scenario]\n", {"duplicate section [scenario]", "line 1"});
  // Spacing inside the header does not make a different section.
  expect_error(base_scenario() + "[state   TUR ]\n", {"duplicate section [state TUR]"});
}

TEST(IniDocument, DuplicateKey) {
  expect_error(base_scenario() + "[state X]\nroles = origin\npopulation = 1\nroles = transit\n",
               {line_ref(kBaseLines + 4), "[state X] roles:", "duplicate key", "line 27"});
}

// Past 64 keys a section looks for repeated keys in a hash map: same message, same lines.
TEST(IniDocument, DuplicateKeyInALongSection) {
  std::string text = "[state X]\n";
  for (int k = 0; k < 100; ++k) {
    text += "key" + std::to_string(k) + " = 1\n";
  }
  expect_error(text + "key70 = 2\n",
               {line_ref(102), "[state X] key70:", "duplicate key", "(first at line 72)"});
  expect_error(text + "key10 = 2\n", {line_ref(102), "[state X] key10:", "(first at line 12)"});
}

TEST(IniDocument, ControlCharacters) {
  expect_error(base_scenario() + "[state X]\nname = a\x07z\n",
               {line_ref(kBaseLines + 2), "control character"});
}

TEST(IniDocument, MissingFile) {
  try {
    load_scenario_file("/nonexistent/migdip/none.ini");
    ADD_FAILURE() << "a missing file loaded";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("/nonexistent/migdip/none.ini"), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("no such file"), std::string::npos);
  }
}

TEST(IniDocument, DirectoryIsNotAFile) {
  try {
    load_scenario_file(MIGDIP_TEST_DATA_DIR);
    ADD_FAILURE() << "a directory loaded";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("directory"), std::string::npos) << error.what();
  }
}

TEST(IniDocument, BinaryFileOnDisk) {
  const auto path = std::filesystem::temp_directory_path() / "migdip_ini_binary_test.ini";
  {
    std::ofstream out(path, std::ios::binary);
    const unsigned char bytes[] = {0x89, 'H', 'D', 'F', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0};
    out.write(reinterpret_cast<const char*>(bytes), sizeof bytes);
  }
  try {
    load_scenario_file(path.string());
    ADD_FAILURE() << "a binary file loaded";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find(path.string()), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("binary"), std::string::npos) << error.what();
  }
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace migdip
