#pragma once

#include <array>

#include "migdip/world/migrant_status.h"

namespace migdip {

/// People of one nationality already at one location when the run starts.
struct InitialStock {
  int nationality = -1;                       ///< nationality index
  int location = -1;                          ///< state index
  std::array<double, kStatusCount> people{};  ///< by MigrantStatus
};

}  // namespace migdip
