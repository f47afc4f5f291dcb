#pragma once
// Where everybody is. Cohorts are counted by nationality x location for every status, plus the
// people still on a corridor, plus the residents who have not left their own country. The sum
// of all of them never changes (see total_people).

#include <array>
#include <vector>

#include <Eigen/Core>

#include "migdip/world/migrant_status.h"

namespace migdip {

struct Population {
  /// stock[status](nationality, state): people of a nationality in a status at a location.
  std::array<Eigen::ArrayXXd, kStatusCount> stock;
  /// People of each state who have not left it (only origin states lose residents).
  Eigen::ArrayXd residents;
  /// travelling[slot](nationality, corridor): people on a corridor who arrive when the tick
  /// counter reaches a tick with `tick % slots == slot` (a ring buffer over travel delays).
  std::vector<Eigen::ArrayXXd> travelling;

  Eigen::ArrayXXd& operator[](MigrantStatus status) { return stock[index_of(status)]; }
  const Eigen::ArrayXXd& operator[](MigrantStatus status) const { return stock[index_of(status)]; }

  int travel_slots() const { return static_cast<int>(travelling.size()); }
  /// People on each corridor (nationality x corridor), whatever their arrival tick.
  Eigen::ArrayXXd travelling_total() const;
  /// Residents + every stock + everyone travelling. Constant over a run.
  double total_people() const;
  /// The most negative value held anywhere (0 when nothing is negative).
  double most_negative() const;
};

}  // namespace migdip
