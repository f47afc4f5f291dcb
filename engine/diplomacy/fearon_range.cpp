#include "migdip/diplomacy/fearon_range.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "migdip/core/error.h"

namespace migdip {

BargainingRange fearon_range(double win_probability, double cost_a, double cost_b) {
  // Written so that NaN fails too.
  if (!(win_probability >= 0 && win_probability <= 1)) {
    throw InternalError("bargaining range with win probability " + std::to_string(win_probability));
  }
  if (!(cost_a >= 0) || !(cost_b >= 0) || !std::isfinite(cost_a) || !std::isfinite(cost_b)) {
    throw InternalError("bargaining range with costs of conflict " + std::to_string(cost_a) +
                        " and " + std::to_string(cost_b) + " (must be finite and >= 0)");
  }
  return {.lower = std::max(0.0, win_probability - cost_a),
          .upper = std::min(1.0, win_probability + cost_b)};
}

bool prefers_deal(double share_a, double win_probability, double cost_a, double cost_b) {
  const BargainingRange range = fearon_range(win_probability, cost_a, cost_b);
  if (!(share_a >= 0 && share_a <= 1)) {
    throw InternalError("deal giving A the share " + std::to_string(share_a) + " of a unit pie");
  }
  return share_a >= range.lower && share_a <= range.upper;
}

}  // namespace migdip
