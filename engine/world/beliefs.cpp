#include "migdip/world/beliefs.h"

namespace migdip {

bool beliefs_can_differ(const Scenario& scenario) {
  if (scenario.model.belief_lag_days > 0 || scenario.model.belief_memory_days > 0) {
    return true;
  }
  for (const EventSpec& event : scenario.events) {
    if (event.type == EventType::announcement || event.type == EventType::rumour) {
      return true;
    }
  }
  return false;
}

}  // namespace migdip
