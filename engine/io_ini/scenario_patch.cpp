#include "io_ini/scenario_patch.h"

#include <limits>
#include <optional>
#include <string_view>

#include "io_ini/key_table.h"
#include "io_ini/overrides.h"
#include "io_ini/spec_fields.h"
#include "io_ini/strategic_input_fields.h"
#include "io_ini/value_parsing.h"
#include "migdip/core/error.h"
#include "migdip/core/quote.h"
#include "migdip/world/border_controls.h"

namespace migdip::ini {
namespace {

// Where the builder stores a number key: a double, or a corridor's optional border value.
struct NumberTarget {
  double* number = nullptr;
  std::optional<double>* optional = nullptr;

  bool found() const { return number != nullptr || optional != nullptr; }
  void set(double value) const {
    if (number != nullptr) {
      *number = value;
    } else {
      *optional = value;
    }
  }
};

template <typename Spec, std::size_t N>
NumberTarget field_of(const std::array<NumberField<Spec>, N>& fields, Spec& spec,
                      std::string_view key) {
  for (const NumberField<Spec>& field : fields) {
    if (field.key == key) {
      return {&(spec.*field.member), nullptr};
    }
  }
  return {};
}

// The keyed levers of an owner, as read_levers in the builder reads them.
template <LeverOwner Owner>
NumberTarget lever_of(LeverValues<Owner>& levers, std::string_view key) {
  for (const LeverTraits& lever : levers_of(Owner)) {
    if (lever.keyed && lever.name == key) {
      return {&levers(lever.lever), nullptr};
    }
  }
  return {};
}

NumberTarget state_field(StateSpec& state, std::string_view key) {
  for (NumberTarget target :
       {field_of(kStateFields, state, key), lever_of(state.lever, key),
        field_of(kPreferenceFields, state.preferences, key),
        field_of(kConductFields, state.conduct, key),
        field_of(kDomesticPoliticsFields, state.politics, key),
        field_of(kBudgetFields, state.budget, key), field_of(kAidFields, state.aid, key)}) {
    if (target.found()) {
      return target;
    }
  }
  if (key == "initial_salience") {
    return {&state.initial_salience, nullptr};
  }
  return {};
}

NumberTarget corridor_field(CorridorSpec& corridor, std::string_view key) {
  for (NumberTarget target :
       {field_of(kCorridorFields, corridor, key), lever_of(corridor.lever, key)}) {
    if (target.found()) {
      return target;
    }
  }
  for (const Lever lever : kBorderLevers) {
    if (traits_of(lever).keyed && to_string(lever) == key) {
      return {nullptr, &corridor.border(lever)};
    }
  }
  return {};
}

// The position of a section among the sections of its kind: the builder reads states,
// corridors, pathways and stocks in file order, one item each.
std::optional<std::size_t> ordinal_of(const IniDocument& document, const std::string& kind,
                                      const std::string& id) {
  std::size_t ordinal = 0;
  for (const IniSection& section : document.sections) {
    if (section.kind == kind) {
      if (section.id == id) {
        return ordinal;
      }
      ++ordinal;
    }
  }
  return std::nullopt;
}

// The field of `scenario` the key of the section sets, and where the section was written.
struct Place {
  NumberTarget target;
  WrittenItem* written = nullptr;
};

Place place_of(Scenario& scenario, const IniDocument& document, const ParsedOverride& parsed) {
  const std::string& kind = parsed.kind;
  const std::string& key = parsed.key;
  SourceMap& sources = scenario.sources;
  if (parsed.spec->singleton) {
    // A one-of-a-kind section the file leaves out is built from the structs' defaults, not read:
    // only a written one is patched.
    if (document.find(kind, "") == nullptr) {
      return {};
    }
    if (kind == "model") {
      return {field_of(kModelFields, scenario.model, key), &sources.model};
    }
    if (kind == "diplomacy") {
      return {field_of(kDiplomacyFields, scenario.diplomacy, key), &sources.diplomacy};
    }
    return {};  // scenario.seed is an integer, patched by the caller
  }
  const std::optional<std::size_t> index = ordinal_of(document, kind, parsed.id);
  if (!index) {
    return {};
  }
  const std::size_t i = *index;
  if (kind == "state" && i < scenario.states.size() && i < sources.states.size()) {
    return {state_field(scenario.states[i], key), &sources.states[i]};
  }
  if (kind == "corridor" && i < scenario.corridors.size() && i < sources.corridors.size()) {
    return {corridor_field(scenario.corridors[i], key), &sources.corridors[i]};
  }
  if (kind == "pathway" && i < scenario.pathways.size() && i < sources.pathways.size()) {
    return {lever_of(scenario.pathways[i].lever, key), &sources.pathways[i]};
  }
  if (kind == "stock" && i < scenario.initial_stocks.size() && i < sources.stocks.size()) {
    for (std::size_t status = 0; status < kStatusCount; ++status) {
      if (kStatusNames[status] == key) {
        return {{&scenario.initial_stocks[i].people[status], nullptr}, &sources.stocks[i]};
      }
    }
  }
  return {};
}

// A number as SectionReader::number reads it, or nullopt where it would refuse it.
std::optional<double> number_value(const KeySpec& spec, const std::string& text) {
  if (spec.unlimited && text == "unlimited") {
    return std::numeric_limits<double>::infinity();
  }
  double value = 0;
  try {
    value = parse_number(text);
  } catch (const ValueError&) {
    return std::nullopt;
  }
  if (!spec.range.contains(value)) {
    return std::nullopt;
  }
  return value;
}

// An integer as SectionReader::integer reads it; negative texts are left to the rebuild.
std::optional<std::uint64_t> integer_value(const KeySpec& spec, const std::string& text) {
  if (text.starts_with('-')) {
    return std::nullopt;
  }
  std::uint64_t value = 0;
  try {
    value = parse_unsigned(text);
  } catch (const ValueError&) {
    return std::nullopt;
  }
  if (!spec.range.contains_integer(value)) {
    return std::nullopt;
  }
  return value;
}

// As apply_overrides marks an overridden entry, and written_item reports it.
void note_override(WrittenItem& item, const std::string& key, const std::string& text) {
  const std::string note = " (in --set " + quote(text) + ")";
  for (WrittenKey& written : item.keys) {
    if (written.name == key) {
      written.line = 0;
      written.note = note;
      return;
    }
  }
  item.keys.push_back(WrittenKey{key, 0, note});
}

}  // namespace

bool patch_scenario(Scenario& scenario, const IniDocument& document, const std::string& text) {
  ParsedOverride parsed;
  try {
    parsed = parse_override(document.file, text);
  } catch (const InputError&) {
    return false;
  }
  const KeySpec* spec = parsed.spec->find(parsed.key);
  // Keys of an either-or pair remove their partner, and keys used by some types only are
  // checked against the section's type: both are the rebuild's.
  if (spec == nullptr || !spec->exclusive_with.empty() || !spec->applies_to.empty()) {
    return false;
  }
  if (parsed.kind == "scenario" && parsed.key == "seed" && spec->type == ValueType::integer) {
    const std::optional<std::uint64_t> seed = integer_value(*spec, parsed.value);
    if (!seed || document.find("scenario", "") == nullptr) {
      return false;
    }
    scenario.settings.seed = *seed;
    note_override(scenario.sources.settings, parsed.key, text);
    return true;
  }
  if (spec->type != ValueType::number) {
    return false;
  }
  const Place place = place_of(scenario, document, parsed);
  if (!place.target.found() || place.written == nullptr) {
    return false;
  }
  const std::optional<double> value = number_value(*spec, parsed.value);
  if (!value) {
    return false;
  }
  place.target.set(*value);
  note_override(*place.written, parsed.key, text);
  return true;
}

}  // namespace migdip::ini
