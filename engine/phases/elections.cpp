#include "phases/elections.h"

#include <algorithm>

#include "migdip/core/calendar.h"
#include "phases/government_change.h"

namespace migdip {

void hold_elections(const Scenario& scenario, const TickContext& tick, Politics& politics,
                    StatePolicy& policy, Treasury& treasury) {
  for (int s = 0; s < scenario.state_count(); ++s) {
    if (politics.next_election_tick(s) != tick.tick()) {
      continue;
    }
    const DomesticPoliticsSpec& spec = scenario.states[static_cast<std::size_t>(s)].politics;
    if (politics.approval(s) < spec.fall_below_approval) {
      change_government(scenario, s, policy, treasury);
      politics.arrival_cost_factor(s) *= spec.successor_arrival_cost;
    }
    politics.next_election_tick(s) =
        spec.election_cycle_months > 0
            ? tick.tick() + std::max(1, ticks_in_months(spec.election_cycle_months,
                                                        scenario.settings.tick_length))
            : -1;
  }
}

}  // namespace migdip
