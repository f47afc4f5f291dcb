#include "phases/root_causes_aid.h"

#include <cmath>

namespace migdip {

void feel_aid(const Scenario& scenario, const TickContext& tick, const Eigen::ArrayXd& leaked,
              Treasury& treasury, StatePolicy& policy) {
  const double months = tick.months();
  for (int s = 0; s < scenario.state_count(); ++s) {
    const RootCausesAid& aid = scenario.states[static_cast<std::size_t>(s)].aid;
    if (aid.push_effect <= 0) {
      continue;  // off: no relief, and nothing to feel
    }
    const double received = (treasury.received(s) - leaked(s)) / months;
    double& felt = treasury.aid_felt(s);
    felt += (received - felt) * -std::expm1(-months / aid.lag_months);
    policy.push_relief(s) = aid.push_effect * felt;
  }
}

}  // namespace migdip
