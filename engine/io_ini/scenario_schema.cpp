// Renders docs/scenario.schema.json, a JSON Schema (draft 2020-12) of scenario files, from the
// key table, so that editors, notebooks and other tools can check a scenario without migdip.
// A scenario maps to JSON as python/migdip/scenario_json.py converts it: `[kind]` sections
// become {"kind": {...}}, `[kind ID]` sections {"kind": {"ID": {...}}}, and each value is typed
// as its key's schema says (numbers, integers, booleans, lists as arrays, the rest strings).

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "io_ini/key_table.h"
#include "io_ini/value_parsing.h"
#include "migdip/core/json_string.h"
#include "migdip/io/scenario_file.h"

namespace migdip {
namespace {

using ini::KeySpec;
using ini::Range;
using ini::SectionSpec;
using ini::ValueType;

// The id rules of the loader (scenario_builder.cpp): letters, digits, `_` and `-`.
constexpr std::string_view kIdPattern = "^[A-Za-z0-9_-]+$";
constexpr std::string_view kStockIdPattern = "^[A-Za-z0-9_-]+ in [A-Za-z0-9_-]+$";
constexpr std::string_view kDatePattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

// A JSON string literal (migdip/core/json_string.h).
std::string quoted(std::string_view text) {
  return json_string(text);
}

std::string string_array(const std::vector<std::string>& words) {
  std::string out = "[";
  for (std::size_t i = 0; i < words.size(); ++i) {
    out += (i == 0 ? "" : ", ") + quoted(words[i]);
  }
  return out + "]";
}

// "minimum": 0, "exclusiveMaximum": 1 ... for the finite bounds of a range.
std::string bounds(const Range& range) {
  std::string out;
  if (std::isfinite(range.low)) {
    out += fmt::format(", \"{}\": {}", range.low_open ? "exclusiveMinimum" : "minimum",
                       ini::format_number(range.low));
  }
  if (std::isfinite(range.high)) {
    out += fmt::format(", \"{}\": {}", range.high_open ? "exclusiveMaximum" : "maximum",
                       ini::format_number(range.high));
  }
  return out;
}

bool any_range(const Range& range) {
  return !std::isfinite(range.low) && !std::isfinite(range.high);
}

// The event's `value` takes the range of the parameter it sets, which the schema cannot tie to
// the `parameter` key; it accepts any number, and `unlimited` when some parameter does.
bool some_event_parameter_is_unlimited() {
  for (Lever parameter : ini::event_parameters()) {
    if (ini::parameter_key(parameter).unlimited) {
      return true;
    }
  }
  return false;
}

// The schema of one value, without its description.
std::string value_schema(const SectionSpec& section, const KeySpec& key) {
  switch (key.type) {
    case ValueType::text:
      return "\"type\": \"string\"";
    case ValueType::integer:
      return "\"type\": \"integer\"" + bounds(key.range);
    case ValueType::number: {
      const bool unlimited = key.unlimited || (section.kind == "event" && key.name == "value" &&
                                               some_event_parameter_is_unlimited());
      const std::string number = "\"type\": \"number\"" + bounds(key.range);
      return unlimited ? "\"anyOf\": [{" + number + "}, {\"const\": \"unlimited\"}]" : number;
    }
    case ValueType::boolean:
      return "\"type\": \"boolean\"";
    case ValueType::date:
      return fmt::format("\"type\": \"string\", \"format\": \"date\", \"pattern\": {}",
                         quoted(kDatePattern));
    case ValueType::choice:
      return "\"type\": \"string\", \"enum\": " + string_array(key.choices);
    case ValueType::list: {
      // Items are words out of the choices, numbers when the key has a range (the monthly
      // factors of sea_seasonality), else words; the loader refuses repeated items.
      std::string item = "\"type\": \"string\"";
      if (!key.choices.empty()) {
        item += ", \"enum\": " + string_array(key.choices);
      } else if (!any_range(key.range)) {
        item = "\"type\": \"number\"" + bounds(key.range);
      }
      return "\"type\": \"array\", \"items\": {" + item + "}" +
             (any_range(key.range) ? ", \"uniqueItems\": true" : "");
    }
    case ValueType::reference:
      return fmt::format("\"type\": \"string\", \"pattern\": {}", quoted(kIdPattern));
  }
  return "";
}

// The key's default as the converter would type it: JSON numbers and booleans where the text
// is one, else the text.
std::string default_json(const KeySpec& key) {
  const std::string& text = key.default_text;
  try {
    switch (key.type) {
      case ValueType::integer:
        return fmt::format("{}", ini::parse_unsigned(text));
      case ValueType::number:
        return ini::format_number(ini::parse_number(text));
      case ValueType::boolean:
        return ini::parse_bool(text) ? "true" : "false";
      case ValueType::list: {
        std::string out = "[";
        const std::vector<std::string> items = ini::parse_list(text);
        for (std::size_t i = 0; i < items.size(); ++i) {
          const bool numbers = key.choices.empty() && !any_range(key.range);
          out += (i == 0 ? "" : ", ") +
                 (numbers ? ini::format_number(ini::parse_number(items[i])) : quoted(items[i]));
        }
        return out + "]";
      }
      case ValueType::text:
      case ValueType::date:
      case ValueType::choice:
      case ValueType::reference:
        return quoted(text);
    }
  } catch (const ini::ValueError&) {
    // `unlimited`, or a default that is not of the key's type: the text as it is.
  }
  return quoted(text);
}

std::string key_description(const KeySpec& key) {
  std::string text = key.description;
  if (!key.unit.empty()) {
    text += " Unit: " + key.unit + ".";
  }
  if (!key.range_note.empty()) {
    text += " Allowed: " + key.range_note + ".";
  }
  if (!key.applies_to.empty()) {
    text += " Used by type(s): " + fmt::format("{}", fmt::join(key.applies_to, ", ")) + ".";
  }
  return text;
}

// Which keys must be there: the required keys, one of each required either-or pair, never
// both keys of a pair, and, for sections with types (events, instruments), only the keys the
// section's type uses.
std::string constraints(const SectionSpec& section, std::string_view indent) {
  std::vector<std::string> required;
  std::vector<std::string> rules;
  std::set<std::string> paired;
  for (const KeySpec& key : section.keys) {
    if (key.exclusive_with.empty()) {
      if (key.required && key.applies_to.empty()) {
        required.push_back(key.name);
      }
      continue;
    }
    if (!paired.insert(key.name).second || paired.count(key.exclusive_with) != 0) {
      continue;  // the pair was written when its first key came
    }
    paired.insert(key.exclusive_with);
    const std::string pair = string_array({key.name, key.exclusive_with});
    rules.push_back(fmt::format("{{\"not\": {{\"required\": {}}}}}", pair));
    if (key.required && key.applies_to.empty()) {
      rules.push_back(
          fmt::format(R"({{"anyOf": [{{"required": ["{}"]}}, {{"required": ["{}"]}}]}})", key.name,
                      key.exclusive_with));
    }
  }
  const KeySpec* type = section.find("type");
  const bool typed = std::any_of(section.keys.begin(), section.keys.end(),
                                 [](const KeySpec& key) { return !key.applies_to.empty(); });
  if (typed && type != nullptr) {
    for (const std::string& kind : type->choices) {
      std::vector<std::string> unused;
      for (const KeySpec& key : section.keys) {
        if (!key.used_by(kind)) {
          unused.push_back(fmt::format("\"{}\": false", key.name));
        }
      }
      if (!unused.empty()) {
        rules.push_back(fmt::format(
            R"({{"if": {{"properties": {{"type": {{"const": "{}"}}}}, "required": ["type"]}}, )"
            R"("then": {{"properties": {{{}}}}}}})",
            kind, fmt::format("{}", fmt::join(unused, ", "))));
      }
    }
  }
  std::string out;
  if (!required.empty()) {
    out += fmt::format(",\n{}\"required\": {}", indent, string_array(required));
  }
  if (!rules.empty()) {
    out += fmt::format(",\n{}\"allOf\": [\n{}  {}\n{}]", indent, indent,
                       fmt::format("{}", fmt::join(rules, ",\n" + std::string(indent) + "  ")),
                       indent);
  }
  return out;
}

// The object schema of one section's keys, indented by `indent`.
std::string section_object(const SectionSpec& section, const std::string& indent) {
  std::string out = "{\n";
  out += fmt::format("{}  \"type\": \"object\",\n", indent);
  out += fmt::format("{}  \"description\": {},\n", indent,
                     quoted(section.header + ": " + section.description));
  out += fmt::format("{}  \"additionalProperties\": false,\n", indent);
  out += fmt::format("{}  \"properties\": {{\n", indent);
  for (std::size_t i = 0; i < section.keys.size(); ++i) {
    const KeySpec& key = section.keys[i];
    std::string annotations = ", \"description\": " + quoted(key_description(key));
    if (!key.default_text.empty()) {
      annotations += ", \"default\": " + default_json(key);
    }
    out +=
        fmt::format("{}    {}: {{{}{}}}{}\n", indent, quoted(key.name), value_schema(section, key),
                    annotations, i + 1 < section.keys.size() ? "," : "");
  }
  out += fmt::format("{}  }}", indent);
  out += constraints(section, indent + "  ");
  out += fmt::format("\n{}}}", indent);
  return out;
}

}  // namespace

std::string scenario_schema_json() {
  std::string out = "{\n";
  out += "  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n";
  out += "  \"title\": \"migdip scenario\",\n";
  out += "  \"$comment\": " +
         quoted(
             "Generated by scenario_schema_json() from the key table in "
             "engine/io_ini/key_table.cpp: do not edit by hand. To regenerate, build and run "
             "migdip_ini_tests (ctest -R ScenarioSchema): when this file is out of date, the "
             "test writes the expected text to scenario.schema.json next to the test program "
             "and prints that path; copy it over docs/scenario.schema.json.") +
         ",\n";
  out += "  \"description\": " +
         quoted(
             "A scenario file as JSON: [kind] sections become {\"kind\": {...}}, [kind ID] "
             "sections {\"kind\": {\"ID\": {...}}}, and values are typed as each key says "
             "(python/migdip/scenario_json.py converts an INI file). Checks what the key table "
             "can say on its own: section and key names, types, ranges, choices, required "
             "keys, either-or pairs and the keys each event or instrument type uses; the "
             "loader also checks references between sections and dates against the run.") +
         ",\n";
  out += "  \"type\": \"object\",\n  \"additionalProperties\": false,\n";
  std::vector<std::string> required;
  out += "  \"properties\": {\n";
  const std::vector<SectionSpec>& sections = ini::section_specs();
  for (std::size_t i = 0; i < sections.size(); ++i) {
    const SectionSpec& section = sections[i];
    if (section.required) {
      required.push_back(section.kind);
    }
    out += fmt::format("    {}: ", quoted(section.kind));
    if (section.singleton) {
      out += section_object(section, "    ");
    } else {
      out += "{\n";
      out += "      \"type\": \"object\",\n";
      out +=
          fmt::format("      \"description\": {},\n", quoted(section.header + " sections, by id"));
      out += fmt::format("      \"propertyNames\": {{\"pattern\": {}}},\n",
                         quoted(section.kind == "stock" ? kStockIdPattern : kIdPattern));
      out += "      \"additionalProperties\": " + section_object(section, "      ") + "\n";
      out += "    }";
    }
    out += i + 1 < sections.size() ? ",\n" : "\n";
  }
  out += "  }";
  if (!required.empty()) {
    out += ",\n  \"required\": " + string_array(required);
  }
  out += "\n}\n";
  return out;
}

}  // namespace migdip
