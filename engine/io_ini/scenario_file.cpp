#include "migdip/io/scenario_file.h"

#include <memory>
#include <optional>

#include "io_ini/ini_document.h"
#include "io_ini/overrides.h"
#include "io_ini/resolved_text.h"
#include "io_ini/scenario_builder.h"
#include "io_ini/scenario_patch.h"
#include "io_ini/text_file.h"
#include "migdip/core/error.h"

namespace migdip {
namespace {

// Translated by the loader, then checked once: check_scenario's problems name the line too.
CheckedScenario build_checked(const ini::IniDocument& document) {
  return CheckedScenario(std::make_shared<const Scenario>(ini::build_scenario(document)));
}

}  // namespace

LoadedScenario load_scenario_file(const std::string& path, std::span<const std::string> overrides) {
  return load_scenario_text(ini::read_text_file(path, "scenario"), path, overrides);
}

LoadedScenario load_scenario_text(std::string_view text, const std::string& name,
                                  std::span<const std::string> overrides) {
  ini::IniDocument document = ini::read_ini_document(text, name);
  ini::apply_overrides(document, overrides);
  CheckedScenario scenario = build_checked(document);
  std::string resolved = ini::resolved_text(*scenario);
  return LoadedScenario{std::move(scenario), name, std::string(text), std::move(resolved)};
}

struct ScenarioTemplate::Parsed {
  ini::IniDocument document;
  std::string name;
  std::string text;
  CheckedScenario base;
};

ScenarioTemplate::ScenarioTemplate(std::string_view text, const std::string& name,
                                   std::span<const std::string> base_overrides) {
  ini::IniDocument document = ini::read_ini_document(text, name);
  ini::apply_overrides(document, base_overrides);
  // Built now: a bad file is refused here, not at the first variant.
  CheckedScenario base = build_checked(document);
  parsed_ = std::make_unique<Parsed>(
      Parsed{std::move(document), name, std::string(text), std::move(base)});
}

ScenarioTemplate ScenarioTemplate::from_file(const std::string& path,
                                             std::span<const std::string> base_overrides) {
  return ScenarioTemplate(ini::read_text_file(path, "scenario"), path, base_overrides);
}

const CheckedScenario& ScenarioTemplate::base() const {
  return parsed_->base;
}

ScenarioTemplate::~ScenarioTemplate() = default;
ScenarioTemplate::ScenarioTemplate(ScenarioTemplate&&) noexcept = default;
ScenarioTemplate& ScenarioTemplate::operator=(ScenarioTemplate&&) noexcept = default;

CheckedScenario ScenarioTemplate::build(std::span<const std::string> overrides) const {
  if (std::optional<CheckedScenario> patched = patch(overrides)) {
    return std::move(*patched);
  }
  return rebuild(overrides);
}

std::optional<CheckedScenario> ScenarioTemplate::patch(
    std::span<const std::string> overrides) const {
  Scenario scenario = *parsed_->base;
  for (const std::string& text : overrides) {
    if (!ini::patch_scenario(scenario, parsed_->document, text)) {
      return std::nullopt;
    }
  }
  try {
    return CheckedScenario(std::make_shared<const Scenario>(std::move(scenario)));
  } catch (const InputError&) {
    return std::nullopt;  // the rebuild reports it, at the line the text gives
  }
}

CheckedScenario ScenarioTemplate::rebuild(std::span<const std::string> overrides) const {
  ini::IniDocument document = parsed_->document;
  ini::apply_overrides(document, overrides);
  return build_checked(document);
}

const std::string& ScenarioTemplate::name() const {
  return parsed_->name;
}
const std::string& ScenarioTemplate::source_text() const {
  return parsed_->text;
}

}  // namespace migdip
