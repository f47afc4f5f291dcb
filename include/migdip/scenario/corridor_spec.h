#pragma once

#include <limits>
#include <string>
#include <string_view>

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
  double cost = 0;         ///< EUR per person (smugglers, transport)
  double travel_days = 1;  ///< days from departure to arrival
  double mortality = 0;    ///< probability of dying per crossing with no enforcement on either side
  double capacity = std::numeric_limits<double>::infinity();  ///< departures per month
  bool open = true;
  double readmission_rate = 0;  ///< share of irregular arrivals readmitted to `from`
};

}  // namespace migdip
