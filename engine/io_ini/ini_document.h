#pragma once
// A scenario file as sections of key = value lines, before any meaning is given to them. Keeps
// the line of every section and key for error messages. Keys and values are split as Boost's
// config-file parser splits them (tests/io_ini/test_ini_document.cpp checks it on every shipped
// scenario), in one pass with no second parse: loading is linear in the file and cheap.

#include <string>
#include <string_view>
#include <vector>

#include "migdip/core/utf8.h"

namespace migdip::ini {

struct IniEntry {
  std::string key;
  std::string value;          ///< trimmed, comments removed
  int line = 0;               ///< 1-based; 0 when set by an override
  std::string override_text;  ///< the --set argument that gave the value, if any
};

struct IniSection {
  std::string kind;  ///< first word of the header, e.g. "state"
  std::string id;    ///< the rest, words separated by single spaces; empty for [scenario]
  int line = 0;      ///< line of the header
  std::vector<IniEntry> entries;  ///< in file order

  /// "kind id", or "kind" when there is no id: the section as messages name it.
  std::string name() const;
  const IniEntry* find(std::string_view key) const;
  IniEntry* find(std::string_view key);
};

struct IniDocument {
  std::string file;                  ///< name used in messages
  std::vector<IniSection> sections;  ///< in file order

  IniSection* find(std::string_view kind, std::string_view id);
  const IniSection* find(std::string_view kind, std::string_view id) const;
};

/// Splits the text into sections. Throws InputError for text that is not an INI file (binary
/// data, invalid UTF-8, no sections), malformed lines, keys outside any section, repeated
/// sections and repeated keys. Section kinds and keys are not checked here.
IniDocument read_ini_document(std::string_view text, const std::string& file);

/// first_invalid_utf8 (migdip/core/utf8.h), as the loader's checks of text call it.
using migdip::first_invalid_utf8;

/// The words of an id separated by single spaces, as IniSection::id holds them.
std::string normalise_id(std::string_view id);

/// "kind id" (or "kind" for an empty id), as IniSection::name gives it.
std::string section_name(std::string_view kind, std::string_view id);

}  // namespace migdip::ini
