#pragma once
// The fixed shape of a scenario, derived once per run so that the tick never searches: which
// corridors leave each state, how long each takes, where each nationality comes from.

#include <span>
#include <vector>

#include <Eigen/Core>

#include "migdip/scenario/scenario.h"

namespace migdip {

class Network {
 public:
  explicit Network(const Scenario& scenario);

  /// Corridors leaving a state, in scenario order.
  std::span<const int> outgoing(int state) const {
    return {outgoing_.data() + outgoing_start_[static_cast<std::size_t>(state)],
            outgoing_.data() + outgoing_start_[static_cast<std::size_t>(state) + 1]};
  }
  /// Corridors arriving in a state, in scenario order.
  std::span<const int> incoming(int state) const {
    return {incoming_.data() + incoming_start_[static_cast<std::size_t>(state)],
            incoming_.data() + incoming_start_[static_cast<std::size_t>(state) + 1]};
  }
  int max_outgoing() const { return max_outgoing_; }
  int corridor_from(int corridor) const { return from_(corridor); }
  int corridor_to(int corridor) const { return to_(corridor); }
  int delay_ticks(int corridor) const { return delay_(corridor); }
  /// State index of a nationality's own country.
  int origin_of(int nationality) const { return origin_(nationality); }
  bool is_destination(int state) const { return destination_(state) != 0; }
  /// Highest income per head among destination states (all states if none): the reference
  /// income of the emigration equation.
  double reference_income() const { return reference_income_; }

 private:
  std::vector<int> outgoing_start_;
  std::vector<int> outgoing_;
  std::vector<int> incoming_start_;
  std::vector<int> incoming_;
  int max_outgoing_ = 0;
  Eigen::ArrayXi from_;
  Eigen::ArrayXi to_;
  Eigen::ArrayXi delay_;
  Eigen::ArrayXi origin_;
  Eigen::ArrayXi destination_;
  double reference_income_ = 0;
};

}  // namespace migdip
