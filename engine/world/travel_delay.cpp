#include "migdip/world/travel_delay.h"

#include <cmath>

namespace migdip {
namespace {

double nominal_tick_days(TickLength length) {
  switch (length) {
    case TickLength::day:
      return 1.0;
    case TickLength::week:
      return 7.0;
    case TickLength::month:
      return kDaysPerMonth;
  }
  return 1.0;
}

}  // namespace

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
