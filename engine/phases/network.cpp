#include "phases/network.h"

#include <algorithm>

#include "migdip/world/travel_delay.h"

namespace migdip {

Network::Network(const Scenario& scenario) {
  const int states = scenario.state_count();
  const int corridors = scenario.corridor_count();
  from_.resize(corridors);
  to_.resize(corridors);
  for (int c = 0; c < corridors; ++c) {
    const CorridorSpec& corridor = scenario.corridors[static_cast<std::size_t>(c)];
    from_(c) = corridor.from;
    to_(c) = corridor.to;
  }
  // Compressed adjacency lists: the corridors of state s are list[start[s], start[s + 1]).
  auto adjacency = [&](const Eigen::ArrayXi& end, std::vector<int>& start, std::vector<int>& list) {
    std::vector<int> count(static_cast<std::size_t>(states), 0);
    for (int c = 0; c < corridors; ++c) {
      ++count[static_cast<std::size_t>(end(c))];
    }
    start.assign(static_cast<std::size_t>(states) + 1, 0);
    for (int s = 0; s < states; ++s) {
      start[static_cast<std::size_t>(s) + 1] =
          start[static_cast<std::size_t>(s)] + count[static_cast<std::size_t>(s)];
    }
    list.resize(static_cast<std::size_t>(corridors));
    std::vector<int> next(start.begin(), start.end() - 1);
    for (int c = 0; c < corridors; ++c) {
      list[static_cast<std::size_t>(next[static_cast<std::size_t>(end(c))]++)] = c;
    }
  };
  adjacency(from_, outgoing_start_, outgoing_);
  adjacency(to_, incoming_start_, incoming_);
  for (int s = 0; s < states; ++s) {
    max_outgoing_ = std::max(max_outgoing_, static_cast<int>(outgoing(s).size()));
  }
  delay_ = travel_delay_ticks(scenario);

  origin_.resize(scenario.nationality_count());
  for (int n = 0; n < scenario.nationality_count(); ++n) {
    origin_(n) = scenario.nationality_states[static_cast<std::size_t>(n)];
  }
  destination_.resize(states);
  double best_destination = 0;
  double best_any = 0;
  for (int s = 0; s < states; ++s) {
    const StateSpec& state = scenario.states[static_cast<std::size_t>(s)];
    destination_(s) = state.has_role(StateRole::destination) ? 1 : 0;
    best_any = std::max(best_any, state.income_per_head);
    if (destination_(s) != 0) {
      best_destination = std::max(best_destination, state.income_per_head);
    }
  }
  reference_income_ = best_destination > 0 ? best_destination : best_any;
}

}  // namespace migdip
