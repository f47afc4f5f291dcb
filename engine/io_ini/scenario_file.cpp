#include "migdip/io/scenario_file.h"

#include <memory>

#include "io_ini/ini_document.h"
#include "io_ini/overrides.h"
#include "io_ini/resolved_text.h"
#include "io_ini/scenario_builder.h"
#include "io_ini/text_file.h"
#include "migdip/core/error.h"

namespace migdip {

LoadedScenario load_scenario_file(const std::string& path, std::span<const std::string> overrides) {
  return load_scenario_text(ini::read_text_file(path, "scenario"), path, overrides);
}

LoadedScenario load_scenario_text(std::string_view text, const std::string& name,
                                  std::span<const std::string> overrides) {
  ini::IniDocument document = ini::read_ini_document(text, name);
  ini::apply_overrides(document, overrides);
  auto scenario = std::make_shared<const Scenario>(ini::build_scenario(document));
  LoadedScenario loaded;
  loaded.resolved_text = ini::resolved_text(*scenario);
  loaded.scenario = std::move(scenario);
  loaded.path = name;
  loaded.source_text = std::string(text);
  return loaded;
}

struct ScenarioTemplate::Parsed {
  ini::IniDocument document;
  std::string name;
  std::string text;
  std::shared_ptr<const Scenario> base;
};

ScenarioTemplate::ScenarioTemplate(std::string_view text, const std::string& name,
                                   std::span<const std::string> base_overrides)
    : parsed_(std::make_unique<Parsed>(
          Parsed{ini::read_ini_document(text, name), name, std::string(text), nullptr})) {
  ini::apply_overrides(parsed_->document, base_overrides);
  // Built now: a bad file is refused here, not at the first variant.
  parsed_->base = std::make_shared<const Scenario>(ini::build_scenario(parsed_->document));
}

ScenarioTemplate ScenarioTemplate::from_file(const std::string& path,
                                             std::span<const std::string> base_overrides) {
  return ScenarioTemplate(ini::read_text_file(path, "scenario"), path, base_overrides);
}

const std::shared_ptr<const Scenario>& ScenarioTemplate::base() const {
  return parsed_->base;
}

ScenarioTemplate::~ScenarioTemplate() = default;
ScenarioTemplate::ScenarioTemplate(ScenarioTemplate&&) noexcept = default;
ScenarioTemplate& ScenarioTemplate::operator=(ScenarioTemplate&&) noexcept = default;

std::shared_ptr<const Scenario> ScenarioTemplate::build(
    std::span<const std::string> overrides) const {
  ini::IniDocument document = parsed_->document;
  ini::apply_overrides(document, overrides);
  return std::make_shared<const Scenario>(ini::build_scenario(document));
}

const std::string& ScenarioTemplate::name() const {
  return parsed_->name;
}
const std::string& ScenarioTemplate::source_text() const {
  return parsed_->text;
}

}  // namespace migdip
