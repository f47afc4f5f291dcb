#pragma once

#include <string>
#include <string_view>

#include "migdip/world/levers.h"

namespace migdip {

/// Resettlement moves hosted people of a nationality from a host state to a destination;
/// labour (and other visa) pathways move people straight from their own country.
enum class PathwayKind { resettlement, labour };

/// "resettlement" or "labour": the word scenario files and results use.
std::string_view to_string(PathwayKind kind);

/// A legal, quota-bound channel. People moved become `legal` at `to`.
struct PathwaySpec {
  std::string id;
  PathwayKind kind = PathwayKind::resettlement;
  int from = -1;         ///< state index: the host state (resettlement) or the origin (labour)
  int to = -1;           ///< state index
  int nationality = -1;  ///< nationality index
  /// The initial values of its levers (see kLevers).
  LeverValues<LeverOwner::pathway> lever;
};

}  // namespace migdip
