#include "io_ini/overrides.h"

#include <algorithm>

#include "io_ini/did_you_mean.h"
#include "io_ini/key_table.h"
#include "io_ini/value_parsing.h"
#include "migdip/core/error.h"
#include "migdip/core/quote.h"

namespace migdip::ini {
namespace {

bool is_control_character(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte < 0x20 || byte == 0x7F;
}

std::string quoted_override(const std::string& text) {
  return " (in --set " + quote(text) + ")";
}

}  // namespace

ParsedOverride parse_override(const std::string& file, const std::string& text) {
  auto fail = [&](const std::string& section, const std::string& key,
                  const std::string& problem) -> InputError {
    return InputError({file, 0, section, key}, problem + quoted_override(text));
  };
  // The resolved text stores the value on one line of a UTF-8 file: anything else would not
  // reload, and a re-run from it would run another scenario.
  if (const auto control = std::find_if(text.begin(), text.end(), is_control_character);
      control != text.end()) {
    throw fail("", "",
               "an override cannot hold control characters (" + quote(std::string(1, *control)) +
                   "): a scenario value is one line of text");
  }
  if (first_invalid_utf8(text) != std::string::npos) {
    throw fail("", "", "an override must be UTF-8 text");
  }
  const std::size_t equals = text.find('=');
  if (equals == std::string::npos) {
    throw fail("", "", "malformed override: expected kind.key=value or kind.ID.key=value");
  }
  const std::string_view target = trim(std::string_view(text).substr(0, equals));
  const std::string value(trim(std::string_view(text).substr(equals + 1)));

  const std::size_t first_dot = target.find('.');
  const std::string kind(trim(target.substr(0, first_dot)));
  if (first_dot == std::string_view::npos || kind.empty()) {
    throw fail("", "", "malformed override: expected kind.key=value or kind.ID.key=value");
  }
  const SectionSpec* spec = find_section_spec(kind);
  if (spec == nullptr) {
    const auto kinds = section_kinds();
    throw fail("", "", "unknown section kind " + quote(kind) + did_you_mean(kind, kinds));
  }

  const std::string_view rest = target.substr(first_dot + 1);
  std::string id;
  std::string key;
  if (spec->singleton) {
    key = trim(rest);
    if (key.find('.') != std::string::npos) {
      throw fail(kind, "",
                 "malformed override: [" + kind + "] has no id, write " + kind + ".key=value");
    }
  } else {
    const std::size_t last_dot = rest.rfind('.');
    if (last_dot == std::string_view::npos) {
      throw fail("", "",
                 "malformed override: sections of kind " + quote(kind) + " need an id, write " +
                     excerpt(kind) + ".ID.key=value");
    }
    id = normalise_id(rest.substr(0, last_dot));
    key = trim(rest.substr(last_dot + 1));
    if (id.empty()) {
      throw fail("", "", "malformed override: empty section id");
    }
  }
  if (key.empty()) {
    throw fail(section_name(kind, id), "", "malformed override: empty key");
  }
  return ParsedOverride{spec, kind, id, key, value};
}

namespace {

void apply_one(IniDocument& document, const std::string& text) {
  auto fail = [&](const std::string& section, const std::string& key,
                  const std::string& problem) -> InputError {
    return InputError({document.file, 0, section, key}, problem + quoted_override(text));
  };
  const ParsedOverride parsed = parse_override(document.file, text);
  const SectionSpec* spec = parsed.spec;
  const std::string& kind = parsed.kind;
  const std::string& id = parsed.id;
  const std::string& key = parsed.key;
  const std::string& value = parsed.value;
  const std::string name = section_name(kind, id);

  IniSection* section = document.find(kind, id);
  if (section == nullptr && spec->singleton) {
    document.sections.push_back(IniSection{kind, "", 0, {}});
    section = &document.sections.back();
  }
  if (section == nullptr) {
    std::vector<std::string> ids;
    for (const IniSection& existing : document.sections) {
      if (existing.kind == kind) {
        ids.push_back(existing.id);
      }
    }
    const auto best = closest_match(id, ids);
    throw fail(name, "",
               "no section [" + name + "] in the scenario; overrides cannot create sections" +
                   (best ? " (did you mean " + quote(kind + "." + *best) + "?)" : ""));
  }

  if (const KeySpec* key_spec = spec->find(key); key_spec && !key_spec->exclusive_with.empty()) {
    std::erase_if(section->entries,
                  [&](const IniEntry& entry) { return entry.key == key_spec->exclusive_with; });
  }
  if (IniEntry* entry = section->find(key)) {
    entry->value = value;
    entry->line = 0;
    entry->override_text = text;
  } else {
    section->entries.push_back(IniEntry{key, value, 0, text});
  }
}

}  // namespace

void apply_overrides(IniDocument& document, std::span<const std::string> overrides) {
  for (const std::string& text : overrides) {
    apply_one(document, text);
  }
}

}  // namespace migdip::ini
