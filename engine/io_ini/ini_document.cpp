#include "io_ini/ini_document.h"

#include <algorithm>
#include <cstddef>
#include <sstream>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>
#include <boost/program_options/errors.hpp>
#include <boost/program_options/options_description.hpp>
#include <boost/program_options/parsers.hpp>

#include "io_ini/value_parsing.h"
#include "migdip/core/error.h"
#include "migdip/core/quote.h"
#include "migdip/core/utf8.h"

namespace migdip::ini {
namespace {

int line_at(std::string_view text, std::size_t offset) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + offset, '\n'));
}

void check_is_text(std::string_view text, const std::string& file) {
  if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
    throw InputError({file, line_at(text, nul), "", ""},
                     "binary file (it contains NUL bytes); a scenario is an INI text file");
  }
  if (const std::size_t bad = first_invalid_utf8(text); bad != std::string_view::npos) {
    throw InputError({file, line_at(text, bad), "", ""},
                     fmt::format("not UTF-8 text (invalid byte 0x{:02X}); a scenario is an INI "
                                 "text file",
                                 static_cast<unsigned char>(text[bad])));
  }
}

// Up to this many keys, a section is searched in place for a repeated key.
constexpr std::size_t kKeysSearchedInPlace = 64;

std::string_view strip_comment(std::string_view line) {
  const std::size_t comment = line.find_first_of("#;");
  return trim(comment == std::string_view::npos ? line : line.substr(0, comment));
}

}  // namespace

// Single spaces, so that [stock SYR  in TUR] and an override naming "SYR in TUR" find the same
// section.
std::string normalise_id(std::string_view text) {
  std::string words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) {
      ++i;
    }
    std::size_t end = i;
    while (end < text.size() && text[end] != ' ' && text[end] != '\t') {
      ++end;
    }
    if (end > i) {
      if (!words.empty()) {
        words += ' ';
      }
      words.append(text.substr(i, end - i));
    }
    i = end;
  }
  return words;
}

namespace {

// Whether Boost's "section.key" names this section's key, without building the joined name.
bool names_key(const std::string& joined, std::string_view section, std::string_view key) {
  return joined.size() == section.size() + 1 + key.size() && joined.starts_with(section) &&
         joined[section.size()] == '.' && joined.ends_with(key);
}

// Boost does the key = value splitting; the pre-scan above it only adds what Boost lacks (line
// numbers, ';' comments, duplicate and syntax checks with positions). The text handed to Boost
// holds exactly the lines the pre-scan accepted, so its options pair up with them in order.
void fill_values(IniDocument& document, const std::string& clean_text) {
  std::istringstream stream(clean_text);
  namespace po = boost::program_options;
  po::parsed_options parsed(nullptr);
  try {
    parsed = po::parse_config_file(stream, po::options_description{}, /*allow_unregistered=*/true);
  } catch (const po::error& error) {
    throw InternalError(std::string("Boost rejected a pre-checked scenario: ") + error.what());
  }
  std::size_t option = 0;
  for (IniSection& section : document.sections) {
    const std::string name = section.name();
    for (IniEntry& entry : section.entries) {
      if (option >= parsed.options.size() ||
          !names_key(parsed.options[option].string_key, name, entry.key) ||
          parsed.options[option].value.size() != 1) {
        throw InternalError("Boost and the pre-scan disagree on key '" + entry.key + "'");
      }
      entry.value = std::move(parsed.options[option].value.front());
      ++option;
    }
  }
  if (option != parsed.options.size()) {
    throw InternalError("Boost found more keys than the pre-scan");
  }
}

}  // namespace

std::string section_name(std::string_view kind, std::string_view id) {
  const std::string words = normalise_id(id);
  return words.empty() ? std::string(kind) : std::string(kind) + " " + words;
}

std::string IniSection::name() const {
  return section_name(kind, id);
}

const IniEntry* IniSection::find(std::string_view key) const {
  auto found = std::find_if(entries.begin(), entries.end(),
                            [&](const IniEntry& entry) { return entry.key == key; });
  return found == entries.end() ? nullptr : &*found;
}

IniEntry* IniSection::find(std::string_view key) {
  return const_cast<IniEntry*>(std::as_const(*this).find(key));
}

const IniSection* IniDocument::find(std::string_view kind, std::string_view id) const {
  // Ids are stored normalised: compared as they are, with no name built per section.
  const std::string wanted = normalise_id(id);
  auto found = std::find_if(sections.begin(), sections.end(), [&](const IniSection& section) {
    return section.kind == kind && section.id == wanted;
  });
  return found == sections.end() ? nullptr : &*found;
}

IniSection* IniDocument::find(std::string_view kind, std::string_view id) {
  return const_cast<IniSection*>(std::as_const(*this).find(kind, id));
}

IniDocument read_ini_document(std::string_view text, const std::string& file) {
  check_is_text(text, file);
  if (text.starts_with("\xEF\xBB\xBF")) {
    text.remove_prefix(3);
  }

  IniDocument document;
  document.file = file;
  // Header lines by section name: a scenario may have tens of thousands of sections.
  std::unordered_map<std::string, int> first_lines;
  // Lines of the keys of the current section, once it holds kKeysSearchedInPlace of them.
  std::unordered_map<std::string, int> long_section_keys;
  std::string clean_text;  // what Boost parses: the accepted lines, normalised
  clean_text.reserve(text.size());
  int line_number = 0;
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    std::string_view raw = text.substr(begin, end - begin);
    begin = end + 1;
    ++line_number;
    if (raw.ends_with('\r')) {
      raw.remove_suffix(1);
    }
    const std::string_view line = strip_comment(raw);
    auto fail = [&](const std::string& section, const std::string& key,
                    const std::string& problem) -> InputError {
      return InputError({file, line_number, section, key}, problem);
    };
    if (line.empty()) {
      continue;
    }
    if (auto control =
            std::find_if(line.begin(), line.end(),
                         [](char c) { return static_cast<unsigned char>(c) < 0x20 && c != '\t'; });
        control != line.end()) {
      throw fail("", "",
                 fmt::format("unexpected control character 0x{:02X}",
                             static_cast<unsigned char>(*control)));
    }

    if (line.front() == '[') {
      if (line.back() != ']') {
        throw fail(
            "", "",
            "malformed section header " + quote(line) + ": expected '[kind]' or '[kind ID]'");
      }
      const std::string inner = normalise_id(line.substr(1, line.size() - 2));
      if (inner.empty()) {
        throw fail("", "", "empty section header " + quote(line));
      }
      // Refused since files were read with Boost's parser, which joins section and key with a
      // '.' only when the section does not end with one: such a file means what it always did.
      if (inner.back() == '.') {
        throw fail(
            "", "",
            "malformed section header " + quote(line) + ": a section name cannot end with '.'");
      }
      const std::size_t space = inner.find(' ');
      IniSection section;
      section.kind = inner.substr(0, space);
      section.id = space == std::string::npos ? "" : inner.substr(space + 1);
      section.line = line_number;
      if (const auto [first, added] = first_lines.try_emplace(inner, line_number); !added) {
        throw fail(section.name(), "",
                   fmt::format("duplicate section [{}] (first at line {})", excerpt(section.name()),
                               first->second));
      }
      if (!long_section_keys.empty()) {
        long_section_keys = {};
      }
      clean_text.append("[").append(section.name()).append("]\n");
      document.sections.push_back(std::move(section));
      continue;
    }

    const std::size_t equals = line.find('=');
    if (equals == std::string_view::npos) {
      throw fail(document.sections.empty() ? "" : document.sections.back().name(), "",
                 "expected 'key = value' or a '[section]' header, got " + quote(line));
    }
    const std::string key(trim(line.substr(0, equals)));
    const std::string_view value = trim(line.substr(equals + 1));
    if (document.sections.empty()) {
      throw fail("", key,
                 quote(line) + " is outside any section; keys belong under a [section] header");
    }
    IniSection& section = document.sections.back();
    if (key.empty()) {
      throw fail(section.name(), "", "missing key name before '=' in " + quote(line));
    }
    // Sections are short, so a repeated key is looked for in the section itself; a section that
    // grows long (a malformed file) switches to a hash map, so that loading stays linear.
    if (section.entries.size() < kKeysSearchedInPlace) {
      if (const IniEntry* first = section.find(key)) {
        throw fail(section.name(), key,
                   fmt::format("duplicate key (first at line {})", first->line));
      }
    } else {
      if (long_section_keys.empty()) {
        for (const IniEntry& entry : section.entries) {
          long_section_keys.emplace(entry.key, entry.line);
        }
      }
      if (const auto [first, added] = long_section_keys.try_emplace(key, line_number); !added) {
        throw fail(section.name(), key,
                   fmt::format("duplicate key (first at line {})", first->second));
      }
    }
    clean_text.append(key).append(" = ").append(value).append("\n");
    section.entries.push_back(IniEntry{key, "", line_number, ""});
  }

  if (document.sections.empty()) {
    throw InputError({file, 0, "", ""},
                     "no sections: the file is empty or holds only comments; a scenario needs "
                     "at least [scenario] and one [state ID] section");
  }
  fill_values(document, clean_text);
  return document;
}

}  // namespace migdip::ini
