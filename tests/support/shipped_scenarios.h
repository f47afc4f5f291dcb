#pragma once
// The scenario files shipped in scenarios/ (not its subfolders: sweep plans, data), for tests
// that must hold for every one of them.

#include <filesystem>
#include <string>
#include <vector>

namespace migdip::testing {

inline std::vector<std::string> shipped_scenarios() {
  std::vector<std::string> paths;
  for (const auto& entry : std::filesystem::directory_iterator(MIGDIP_SOURCE_DIR "/scenarios")) {
    if (entry.path().extension() == ".ini") {
      paths.push_back(entry.path().string());
    }
  }
  return paths;
}

}  // namespace migdip::testing
