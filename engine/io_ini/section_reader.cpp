#include "io_ini/section_reader.h"

#include <algorithm>
#include <limits>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "io_ini/did_you_mean.h"
#include "io_ini/value_parsing.h"
#include "migdip/core/quote.h"

namespace migdip::ini {
namespace {

std::string range_problem(const Range& range, bool unlimited, const std::string& text) {
  const std::string allowed = range.describe();
  const bool interval = allowed.front() == '[' || allowed.front() == '(';
  return fmt::format("must be {}{}{}, got {}", interval ? "in " : "", allowed,
                     unlimited ? " or 'unlimited'" : "", excerpt(text));
}

std::string one_of(const std::vector<std::string>& words) {
  return fmt::format("{}", fmt::join(words, ", "));
}

// What a problem found at an entry says of where its value came from: overrides have no line.
std::string origin_note(const IniEntry& entry) {
  return entry.override_text.empty() ? "" : " (in --set " + quote(entry.override_text) + ")";
}

}  // namespace

WrittenItem written_item(const IniSection& section) {
  WrittenItem item;
  item.line = section.line;
  for (const IniEntry& entry : section.entries) {
    item.keys.push_back(WrittenKey{entry.key, entry.line, origin_note(entry)});
  }
  return item;
}

SectionReader::SectionReader(const IniDocument& document, const IniSection& section,
                             const SectionSpec& spec)
    : document_(document), section_(section), spec_(spec) {
  // Pairs are named in table order, and a pair given twice is reported at its second key.
  auto pair_text = [&](const KeySpec& key) {
    const bool first = spec.find(key.exclusive_with) > &key;
    return "'" + (first ? key.name : key.exclusive_with) + "' or '" +
           (first ? key.exclusive_with : key.name) + "'";
  };
  std::vector<std::string> seen;
  for (const IniEntry& entry : section.entries) {
    const KeySpec* key = spec.find(entry.key);
    if (key == nullptr) {
      throw error(entry.key, "unknown key " + quote(entry.key) + " in a [" + spec.kind +
                                 "] section" + did_you_mean(entry.key, spec.key_names()));
    }
    if (!key->exclusive_with.empty() &&
        std::find(seen.begin(), seen.end(), key->exclusive_with) != seen.end()) {
      throw error(entry.key, "give either " + pair_text(*key) + ", not both");
    }
    seen.push_back(entry.key);
  }
  for (const KeySpec& key : spec.keys) {
    if (key.required && !key.exclusive_with.empty() && spec.find(key.exclusive_with) > &key &&
        !has(key.name) && !has(key.exclusive_with)) {
      throw missing(key.name, "give either " + pair_text(key));
    }
  }
}

InputError SectionReader::error(std::string_view key, const std::string& problem) const {
  const IniEntry* entry = section_.find(key);
  if (entry == nullptr) {
    return InputError({document_.file, section_.line, section_.name(), std::string(key)}, problem);
  }
  return InputError({document_.file, entry->line, section_.name(), std::string(key)},
                    problem + origin_note(*entry));
}

InputError SectionReader::section_error(const std::string& problem) const {
  return InputError({document_.file, section_.line, section_.name(), ""}, problem);
}

InputError SectionReader::missing(std::string_view key, const std::string& why) const {
  return InputError({document_.file, section_.line, section_.name(), std::string(key)},
                    why.empty() ? "missing required key" : "missing required key: " + why);
}

const KeySpec& SectionReader::spec_of(std::string_view key) const {
  const KeySpec* spec = spec_.find(key);
  if (spec == nullptr) {
    throw InternalError("key '" + std::string(key) + "' is not in the table of [" + spec_.kind +
                        "]");
  }
  return *spec;
}

std::optional<std::string> SectionReader::value_or_default(std::string_view key) const {
  const KeySpec& spec = spec_of(key);
  if (const IniEntry* entry = section_.find(key)) {
    if (entry->value.empty() && spec.type != ValueType::text && spec.type != ValueType::list) {
      throw error(key, "missing value after '='");
    }
    return entry->value;
  }
  if (!spec.default_text.empty()) {
    return spec.default_text;
  }
  return std::nullopt;
}

std::string SectionReader::required_value(std::string_view key) const {
  auto value = value_or_default(key);
  if (!value) {
    throw missing(key);
  }
  return *value;
}

std::string SectionReader::text(std::string_view key) const {
  const std::string value = required_value(key);
  // Only an override can bring these in; written back, they would start a comment.
  if (value.find_first_of("#;") != std::string::npos) {
    throw error(key, "text cannot contain '#' or ';', which start comments");
  }
  return value;
}

std::optional<std::string> SectionReader::optional_text(std::string_view key) const {
  if (!has(key)) {
    return std::nullopt;
  }
  return text(key);
}

double SectionReader::to_number(std::string_view key, const std::string& text, const Range& range,
                                bool unlimited) const {
  if (unlimited && text == "unlimited") {
    return std::numeric_limits<double>::infinity();
  }
  double value = 0;
  try {
    value = parse_number(text);
  } catch (const ValueError& problem) {
    throw error(key, problem.what());
  }
  if (!range.contains(value)) {
    throw error(key, range_problem(range, unlimited, text));
  }
  return value;
}

double SectionReader::number(std::string_view key) const {
  const KeySpec& spec = spec_of(key);
  return number(key, spec.range, spec.unlimited);
}

double SectionReader::number(std::string_view key, const Range& range, bool unlimited) const {
  return to_number(key, required_value(key), range, unlimited);
}

std::optional<double> SectionReader::optional_number(std::string_view key) const {
  if (!has(key)) {
    return std::nullopt;
  }
  return number(key);
}

std::uint64_t SectionReader::to_integer(std::string_view key, const std::string& text) const {
  const Range& range = spec_of(key).range;
  const bool negative = text.starts_with('-');
  std::uint64_t value = 0;
  try {
    value = parse_unsigned(negative ? std::string_view(text).substr(1) : text);
  } catch (const ValueError& problem) {
    throw error(key, negative ? "expected an integer, got " + quote(text) : problem.what());
  }
  // Negative integers are well-formed but below every integer key's range.
  if ((negative && value != 0) || !range.contains_integer(value)) {
    throw error(key, range_problem(range, false, text));
  }
  return value;
}

std::uint64_t SectionReader::integer(std::string_view key) const {
  return to_integer(key, required_value(key));
}

std::optional<std::uint64_t> SectionReader::optional_integer(std::string_view key) const {
  if (!has(key)) {
    return std::nullopt;
  }
  return integer(key);
}

bool SectionReader::boolean(std::string_view key) const {
  try {
    return parse_bool(required_value(key));
  } catch (const ValueError& problem) {
    throw error(key, problem.what());
  }
}

std::chrono::sys_days SectionReader::date(std::string_view key) const {
  try {
    return parse_date_value(required_value(key));
  } catch (const ValueError& problem) {
    throw error(key, problem.what());
  }
}

std::optional<std::chrono::sys_days> SectionReader::optional_date(std::string_view key) const {
  if (!has(key)) {
    return std::nullopt;
  }
  return date(key);
}

std::string SectionReader::choice(std::string_view key) const {
  const KeySpec& spec = spec_of(key);
  const std::string value = required_value(key);
  if (std::find(spec.choices.begin(), spec.choices.end(), value) == spec.choices.end()) {
    throw error(key, "expected one of " + one_of(spec.choices) + ", got " + quote(value) +
                         did_you_mean(value, spec.choices));
  }
  return value;
}

std::vector<std::string> SectionReader::list(std::string_view key) const {
  const KeySpec& spec = spec_of(key);
  std::vector<std::string> items;
  try {
    items = parse_list(required_value(key));
  } catch (const ValueError& problem) {
    throw error(key, problem.what());
  }
  if (items.empty()) {
    throw error(key, spec.choices.empty() ? "must list at least one item"
                                          : "must list at least one of " + one_of(spec.choices));
  }
  if (!spec.choices.empty()) {
    for (const std::string& item : items) {
      if (std::find(spec.choices.begin(), spec.choices.end(), item) == spec.choices.end()) {
        throw error(key, quote(item) + " is not one of " + one_of(spec.choices) +
                             did_you_mean(item, spec.choices));
      }
    }
  }
  return items;
}

void SectionReader::check_applies_to(std::string_view type, std::string_view what) const {
  for (const IniEntry& entry : section_.entries) {
    if (!spec_of(entry.key).used_by(type)) {
      throw error(entry.key, "key " + quote(entry.key) + " does not apply to " + std::string(what) +
                                 " of type '" + std::string(type) + "'");
    }
  }
}

}  // namespace migdip::ini
