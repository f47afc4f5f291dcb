#pragma once
// The scenario language in one table: every section kind and every key with its type, unit,
// default and allowed range. The loader validates against it and the reference document
// (docs/scenario-reference.md) is rendered from it, so the two cannot drift apart.

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "migdip/scenario/event_spec.h"
#include "migdip/scenario/instrument_spec.h"

namespace migdip::ini {

enum class ValueType {
  text,       ///< free text on one line
  integer,    ///< non-negative integer
  number,     ///< finite decimal number
  boolean,    ///< true/false, yes/no, on/off, 1/0
  date,       ///< YYYY-MM-DD
  choice,     ///< one word out of KeySpec::choices
  list,       ///< comma-separated words (out of KeySpec::choices when it is not empty)
  reference,  ///< the id of another section
};

/// An interval of allowed numbers; an absent bound is infinite.
struct Range {
  double low = -std::numeric_limits<double>::infinity();
  bool low_open = false;
  double high = std::numeric_limits<double>::infinity();
  bool high_open = false;

  static Range any() { return Range{}; }
  static Range at_least(double low);
  static Range above(double low);
  static Range closed(double low, double high);
  static Range half_open(double low, double high);
  static Range open(double low, double high);

  bool contains(double value) const;
  /// Whether the integer lies in the range, decided exactly: as a double, an integer above 2^53
  /// may round onto a bound (2^53 + 1 would pass `<= 2^53`).
  bool contains_integer(std::uint64_t value) const;
  /// ">= 0", "> 0", "[0, 1]", "[0, 1)" or "any".
  std::string describe() const;
};

struct KeySpec {
  std::string name;
  ValueType type = ValueType::text;
  std::string
      type_note;  ///< the type as the reference shows it, when more specific (e.g. "state id")
  std::string unit;
  bool required = false;
  std::string default_text;  ///< parsed like a written value; empty: none or see default_note
  std::string default_note;  ///< the default as the reference shows it, when not default_text
  Range range;               ///< for integer and number keys
  std::string range_note;    ///< the allowed values as the reference shows them, when not range
  bool unlimited = false;    ///< a number key that also accepts `unlimited` (infinity)
  std::vector<std::string> choices;  ///< allowed words of a choice, or of each list item
  /// The event or instrument types using the key; empty: always used.
  std::vector<std::string> applies_to;
  std::string exclusive_with;  ///< the other key of an either-or pair; at most one is given
  std::string description;

  /// Whether sections of this type (an event or instrument type) use the key.
  bool used_by(std::string_view section_type) const;
};

struct SectionSpec {
  std::string kind;        ///< first word of the header, e.g. "state"
  std::string header;      ///< as written, e.g. "[state ID]"
  bool singleton = false;  ///< one section at most, with no id
  bool required = false;
  std::string description;
  std::vector<KeySpec> keys;

  const KeySpec* find(std::string_view name) const;
  std::vector<std::string> key_names() const;
};

/// Every section kind, in the order the reference and the resolved text list them.
const std::vector<SectionSpec>& section_specs();
/// nullptr when the kind is unknown.
const SectionSpec* find_section_spec(std::string_view kind);
std::vector<std::string> section_kinds();

inline constexpr std::array<EventType, 8> kEventTypes = {
    EventType::set,  EventType::open_corridor,    EventType::close_corridor, EventType::transfer,
    EventType::coup, EventType::engineered_surge, EventType::announcement,   EventType::rumour};

/// The levers `set` events may change: the keyed ones, in kLevers' order.
std::vector<Lever> event_parameters();

/// What an event type does, for the reference.
std::string describe(EventType type);

/// The key a `set` event changes: the key of the same name in the state, corridor or pathway
/// section, whose range and unit the event's value must respect.
const KeySpec& parameter_key(Lever parameter);

/// "state", "corridor" or "pathway".
std::string_view section_kind_of(TargetKind kind);

}  // namespace migdip::ini
