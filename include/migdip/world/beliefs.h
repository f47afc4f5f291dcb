#pragma once
// What migrants believe about their routes (docs/model.md 7.6.3a). Decisions read these
// perceived values; outcomes (who dies, who is stopped, who is granted protection) read the
// truth. Beliefs follow what is observed `belief_lag_days` late, smoothed over
// `belief_memory_days`; announcements and rumours pull them towards a claimed value without
// changing the truth.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

#include <Eigen/Core>

#include "migdip/scenario/scenario.h"
#include "migdip/world/levers.h"

namespace migdip {

/// The believed quantities: three of each corridor, one of each state.
enum class Belief : std::uint8_t {
  mortality,           ///< corridor: probability of death per crossing
  exit_interception,   ///< corridor: probability of being stopped on leaving
  entry_interception,  ///< corridor: probability of being stopped on entry
  recognition_rate,    ///< state: the chance of being granted protection there
};
inline constexpr std::size_t kBeliefCount = 4;
inline constexpr std::array<Belief, kBeliefCount> kBeliefs = {
    Belief::mortality, Belief::exit_interception, Belief::entry_interception,
    Belief::recognition_rate};

/// Whether a belief is held about each corridor (else about each state).
constexpr bool of_corridors(Belief belief) {
  return belief != Belief::recognition_rate;
}

/// The belief that an announcement or a rumour about a lever moves (none: the lever is not one
/// migrants hold beliefs about).
constexpr std::optional<Belief> belief_about(Lever lever) {
  switch (lever) {
    case Lever::mortality:
      return Belief::mortality;
    case Lever::exit_enforcement:
      return Belief::exit_interception;
    case Lever::entry_enforcement:
      return Belief::entry_interception;
    case Lever::recognition_rate:
      return Belief::recognition_rate;
    case Lever::push_intensity:
    case Lever::stay_utility:
    case Lever::labour_demand:
    case Lever::pushback_rate:
    case Lever::readmission_acceptance:
    case Lever::return_rate:
    case Lever::hosting_capacity:
    case Lever::asylum_processing_rate:
    case Lever::facilitation:
    case Lever::removal_capacity:
    case Lever::removal_cost:
    case Lever::offshore_capacity:
    case Lever::offshore_cost:
    case Lever::cost:
    case Lever::capacity:
    case Lever::readmission_rate:
    case Lever::expulsion_capacity:
    case Lever::quota:
      break;
  }
  return std::nullopt;
}

/// Whether beliefs can ever differ from the truth in a run of the scenario: a lag, a memory,
/// or an announcement or rumour among its events.
bool beliefs_can_differ(const Scenario& scenario);

struct Beliefs {
  template <typename Array>
  class PerBelief {
   public:
    Array& operator()(Belief belief) { return arrays_[static_cast<std::size_t>(belief)]; }
    const Array& operator()(Belief belief) const {
      return arrays_[static_cast<std::size_t>(belief)];
    }

   private:
    std::array<Array, kBeliefCount> arrays_;
  };

  /// False when beliefs can never differ from the truth (no lag, no memory, no announcement or
  /// rumour): decisions then read the truth itself, and nothing here is updated.
  bool active = false;
  int lag_ticks = 0;       ///< L: the truth is observed this many ticks late
  double memory_days = 0;  ///< tau: e-folding time of beliefs; 0 follows what is observed
  bool started = false;    ///< whether the first update has set beliefs to the truth
  PerBelief<Eigen::ArrayXd> believed;  ///< by corridor or state: the perceived value
  /// Ring of the true values of the last lag_ticks + 1 ticks (entity x slot; slot t mod L+1).
  PerBelief<Eigen::ArrayXXd> seen;
  /// An announcement's or a rumour's claim: the lever value it claims, how far it is believed
  /// (credibility, 0 where none) and the tick at which it stops being heard.
  PerBelief<Eigen::ArrayXd> claimed;
  PerBelief<Eigen::ArrayXd> credibility;
  PerBelief<Eigen::ArrayXi> claim_end;
};

}  // namespace migdip
