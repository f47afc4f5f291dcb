#include "migdip/world/travel_delay.h"

#include <cmath>

namespace migdip {
Eigen::ArrayXi travel_delay_ticks(const Scenario& scenario) {
  const double tick_days = nominal_tick_days(scenario.settings.tick_length);
  Eigen::ArrayXi delay(scenario.corridor_count());
  for (int c = 0; c < scenario.corridor_count(); ++c) {
    delay(c) = static_cast<int>(
        std::floor(scenario.corridors[static_cast<std::size_t>(c)].travel_days / tick_days));
  }
  return delay;
}

}  // namespace migdip
