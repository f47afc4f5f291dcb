#include <algorithm>
#include <cmath>

#include "migdip/core/error.h"
#include "phases/migration/migration_steps.h"

namespace migdip {
namespace {

// The true value of the believed quantity this tick, by corridor or state.
const Eigen::ArrayXd& truth(const MigrationInputs& in, const CorridorConditions& corridors,
                            Belief belief) {
  switch (belief) {
    case Belief::mortality:
      return corridors.mortality;
    case Belief::exit_interception:
      return corridors.exit_interception;
    case Belief::entry_interception:
      return corridors.entry_interception;
    case Belief::recognition_rate:
      return in.policy.lever(Lever::recognition_rate);
  }
  throw InternalError("unknown belief");
}

// What a claimed lever value would make of the quantity, everything else as it is this tick
// (7.6.3): facilitation still cuts exit interception, enforcement still displaces crossings
// onto riskier paths.
double claimed_quantity(const MigrationInputs& in, const CorridorConditions& corridors,
                        Belief belief, int entity, double lever_value) {
  switch (belief) {
    case Belief::mortality:
      return std::min(1.0, lever_value * (1.0 + in.scenario.model.enforcement_risk_elasticity *
                                                    (corridors.exit_interception(entity) +
                                                     corridors.entry_interception(entity))));
    case Belief::exit_interception: {
      const double state = in.policy.lever(Lever::facilitation)(in.network.corridor_from(entity));
      return lever_value * (1.0 - corridors.border.in_force(Lever::facilitation, entity, state));
    }
    case Belief::entry_interception:
    case Belief::recognition_rate:
      return lever_value;
  }
  throw InternalError("unknown belief");
}

}  // namespace

void update_beliefs(const MigrationInputs& in, const CorridorConditions& corridors,
                    Beliefs& beliefs) {
  if (!beliefs.active) {
    return;
  }
  const int t = in.tick.tick();
  const int slots = beliefs.lag_ticks + 1;
  const Eigen::Index now = t % slots;
  const Eigen::Index observed = (t + 1) % slots;  // (t - lag) mod (lag + 1)
  // Share of the old belief kept over this tick; exactly 0 without memory, so that beliefs are
  // then exactly what is observed.
  const double kept =
      beliefs.memory_days > 0 ? std::exp(-in.tick.days() / beliefs.memory_days) : 0.0;
  for (const Belief belief : kBeliefs) {
    const Eigen::ArrayXd& x = truth(in, corridors, belief);
    Eigen::ArrayXXd& seen = beliefs.seen(belief);
    if (beliefs.started) {
      seen.col(now) = x;
    } else {
      seen.colwise() = x;  // before the run, things were as they are at its start
    }
    Eigen::ArrayXd& believed = beliefs.believed(belief);
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      double signal = seen(i, observed);
      if (t < beliefs.claim_end(belief)(i)) {
        const double claim = claimed_quantity(in, corridors, belief, static_cast<int>(i),
                                              beliefs.claimed(belief)(i));
        signal += beliefs.credibility(belief)(i) * (claim - signal);
      }
      believed(i) = beliefs.started ? kept * believed(i) + (1.0 - kept) * signal : signal;
    }
  }
  beliefs.started = true;
}

}  // namespace migdip
