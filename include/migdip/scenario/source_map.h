#pragma once
// Where each part of a scenario was written. A loader fills it while it translates text into
// specs, so that check_scenario, the one home of the rules that relate values and items, reports
// a broken rule at the file and line of the key that breaks it. Scenarios built in code leave it
// empty, and their problems name no file or line.

#include <string>
#include <string_view>
#include <vector>

namespace migdip {

struct WrittenKey {
  std::string name;
  int line = 0;      ///< 0 when no line of the file gave it
  std::string note;  ///< appended to problems found at it, e.g. which override gave the value
};

/// One section: the header's line and the keys written in it.
struct WrittenItem {
  int line = 0;
  std::vector<WrittenKey> keys;

  /// nullptr when the key is not written.
  const WrittenKey* find(std::string_view key) const {
    for (const WrittenKey& written : keys) {
      if (written.name == key) {
        return &written;
      }
    }
    return nullptr;
  }
};

/// Parallel to the Scenario's vectors: states[i] is where scenario.states[i] was written.
struct SourceMap {
  std::string file;  ///< as messages name it
  WrittenItem settings;
  WrittenItem model;
  WrittenItem outputs;
  WrittenItem diplomacy;
  std::vector<WrittenItem> states;
  std::vector<WrittenItem> blocs;
  std::vector<WrittenItem> corridors;
  std::vector<WrittenItem> pathways;
  std::vector<WrittenItem> stocks;
  std::vector<WrittenItem> events;
  std::vector<WrittenItem> instruments;
  std::vector<WrittenItem> negotiations;
};

}  // namespace migdip
