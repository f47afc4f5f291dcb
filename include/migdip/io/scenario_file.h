#pragma once
// Reads INI scenario files into a Scenario. Sections, keys, types, units, defaults and ranges
// are listed in docs/scenario-reference.md, which is generated from the same table the loader
// validates against (scenario_reference_markdown). Any problem is an InputError naming the
// file, line, section and key.

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "migdip/scenario/scenario.h"

namespace migdip {

struct LoadedScenario {
  CheckedScenario scenario;
  std::string path;           ///< as given
  std::string source_text;    ///< the file as written
  std::string resolved_text;  ///< canonical INI: every key, defaults filled, overrides applied
};

/// Loads and validates a scenario file, then applies command-line overrides. An override is
/// "kind.key=value" for the one-of-a-kind sections (scenario, model, outputs) and
/// "kind.ID.key=value" otherwise, e.g. "state.TUR.exit_enforcement=0.8",
/// "stock.SYR in TUR.hosted=2e6". Overrides may set keys the file leaves at their defaults, but
/// cannot create sections.
LoadedScenario load_scenario_file(const std::string& path,
                                  std::span<const std::string> overrides = {});

/// The same, from text already in memory; `name` stands for the file in messages.
LoadedScenario load_scenario_text(std::string_view text, const std::string& name,
                                  std::span<const std::string> overrides = {});

/// A scenario file parsed once, from which variants with different overrides are built
/// quickly and concurrently: what a sweep needs for thousands of runs.
class ScenarioTemplate {
 public:
  /// Parses the text, applies `base_overrides` and validates the result (InputError as
  /// load_scenario_text).
  ScenarioTemplate(std::string_view text, const std::string& name,
                   std::span<const std::string> base_overrides = {});
  /// The same, from a file (InputError as load_scenario_file).
  static ScenarioTemplate from_file(const std::string& path,
                                    std::span<const std::string> base_overrides = {});
  ~ScenarioTemplate();
  ScenarioTemplate(ScenarioTemplate&&) noexcept;
  ScenarioTemplate& operator=(ScenarioTemplate&&) noexcept;

  /// The scenario with `overrides` applied, checked as load_scenario_text checks it: patch()
  /// when it can, rebuild() otherwise; the same scenario either way. Safe to call from several
  /// threads at once.
  CheckedScenario build(std::span<const std::string> overrides) const;

  /// The base scenario with the overrides patched into a copy of it, without going back to the
  /// text, then checked (check_scenario): what rebuild() gives, value for value, where-written
  /// notes included. Only overrides that set one number (a number key of a written [scenario],
  /// [model], [diplomacy], [state], [corridor], [pathway] or [stock] section, or scenario.seed)
  /// are patched; nullopt when any other is given, or when a value is refused (rebuild() then
  /// reports it).
  std::optional<CheckedScenario> patch(std::span<const std::string> overrides) const;

  /// The parsed text with the overrides applied, built and checked anew: the reference.
  CheckedScenario rebuild(std::span<const std::string> overrides) const;

  /// The scenario with the base overrides only, built once when the template was made.
  const CheckedScenario& base() const;
  const std::string& name() const;
  const std::string& source_text() const;

 private:
  struct Parsed;
  std::unique_ptr<Parsed> parsed_;
};

/// The scenario reference (docs/scenario-reference.md): every section and key with type, unit,
/// default and allowed range.
std::string scenario_reference_markdown();

/// A JSON Schema of scenario files (docs/scenario.schema.json), from the same key table:
/// sections, keys, types, ranges, choices and required keys of a scenario converted to JSON.
std::string scenario_schema_json();

}  // namespace migdip
