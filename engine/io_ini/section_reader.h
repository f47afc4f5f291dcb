#pragma once
// Typed access to one section's values, checked against the key table: the table supplies the
// type, default and range of every key, and every error points at the key's line (or at the
// --set override that gave the value).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io_ini/ini_document.h"
#include "io_ini/key_table.h"
#include "migdip/core/error.h"
#include "migdip/scenario/source_map.h"

namespace migdip::ini {

/// Where the section and each of its keys were written, for check_scenario's messages: they
/// then read as the reader's own would (error()).
WrittenItem written_item(const IniSection& section);

class SectionReader {
 public:
  /// Rejects keys the section kind does not have (suggesting the closest one) and either-or
  /// pairs given both or, when required, neither.
  SectionReader(const IniDocument& document, const IniSection& section, const SectionSpec& spec);

  const IniSection& section() const { return section_; }
  bool has(std::string_view key) const { return section_.find(key) != nullptr; }

  // Each getter returns the written value, else the table default; with neither it reports the
  // key as missing. The optional_ getters return nullopt when the key is not written.
  std::string text(std::string_view key) const;
  std::optional<std::string> optional_text(std::string_view key) const;
  double number(std::string_view key) const;
  /// A number checked against `range` instead of the table's (e.g. the value of a `set` event).
  double number(std::string_view key, const Range& range, bool unlimited) const;
  std::optional<double> optional_number(std::string_view key) const;
  std::uint64_t integer(std::string_view key) const;
  std::optional<std::uint64_t> optional_integer(std::string_view key) const;
  bool boolean(std::string_view key) const;
  std::chrono::sys_days date(std::string_view key) const;
  std::optional<std::chrono::sys_days> optional_date(std::string_view key) const;
  std::string choice(std::string_view key) const;
  /// A non-empty list; its items are checked against the table's choices when it has some.
  std::vector<std::string> list(std::string_view key) const;

  /// Rejects every written key that sections of this type do not use; `what` names them in the
  /// message ("events", "instruments").
  void check_applies_to(std::string_view type, std::string_view what) const;

  /// An error at the key's line, or at the header when the key is not written.
  InputError error(std::string_view key, const std::string& problem) const;
  /// An error about the section as a whole, at its header.
  InputError section_error(const std::string& problem) const;
  InputError missing(std::string_view key, const std::string& why = "") const;

 private:
  const KeySpec& spec_of(std::string_view key) const;
  /// The written value, else the default text; nullopt when there is neither.
  std::optional<std::string> value_or_default(std::string_view key) const;
  std::string required_value(std::string_view key) const;
  double to_number(std::string_view key, const std::string& text, const Range& range,
                   bool unlimited) const;
  std::uint64_t to_integer(std::string_view key, const std::string& text) const;

  const IniDocument& document_;
  const IniSection& section_;
  const SectionSpec& spec_;
};

}  // namespace migdip::ini
