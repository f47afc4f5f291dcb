#include "migdip/io/scenario_file.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>

#include "io_ini/ini_document.h"
#include "io_ini/overrides.h"
#include "io_ini/resolved_text.h"
#include "io_ini/scenario_builder.h"
#include "migdip/core/error.h"

namespace migdip {

LoadedScenario load_scenario_file(const std::string& path, std::span<const std::string> overrides) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (!std::filesystem::exists(status)) {
    throw InputError({path, 0, "", ""}, "cannot open the scenario file: no such file");
  }
  if (std::filesystem::is_directory(status)) {
    throw InputError({path, 0, "", ""}, "cannot open the scenario file: it is a directory");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw InputError({path, 0, "", ""},
                     std::string("cannot open the scenario file: ") + std::strerror(errno));
  }
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) {
    throw InputError({path, 0, "", ""}, "cannot read the scenario file");
  }
  return load_scenario_text(text, path, overrides);
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

}  // namespace migdip
