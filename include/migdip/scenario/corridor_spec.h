#pragma once

#include <string>
#include <string_view>

#include "migdip/world/border_controls.h"
#include "migdip/world/levers.h"

namespace migdip {

enum class CorridorMode { land, sea, air };

/// "land", "sea" or "air": the word scenario files and results use.
std::string_view to_string(CorridorMode mode);

/// A directed irregular route between two states.
struct CorridorSpec {
  std::string id;  ///< e.g. "TUR-GRC"
  int from = -1;   ///< state index
  int to = -1;     ///< state index
  CorridorMode mode = CorridorMode::land;
  double travel_days = 1;  ///< days from departure to arrival
  bool open = true;
  /// The initial values of its levers (see kLevers).
  LeverValues<LeverOwner::corridor> lever;
  /// Its own initial values of the state levers acting at its border, where it has them.
  BorderOverrides border;
};

}  // namespace migdip
