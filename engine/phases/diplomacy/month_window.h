#pragma once
// What governments observed over the last month, whatever the tick length: the mean per tick of
// the values recorded over the ticks of one nominal month. Under monthly ticks the window is one
// tick, so the mean is last tick's value exactly; under daily or weekly ticks it spans a month,
// so decisions rest on a month of flows as under monthly ticks, not on one day's.

#include <Eigen/Core>

#include "migdip/core/calendar.h"

namespace migdip {

class MonthWindow {
 public:
  /// A window over `size` values, spanning the ticks of one nominal month (at least one).
  MonthWindow(Eigen::Index size, TickLength length);

  /// Records this tick's values; mean() then covers the latest ticks of the window.
  void record(const Eigen::Ref<const Eigen::ArrayXd>& latest);
  /// The mean per tick over the ticks recorded in the window (all of them once it is full).
  const Eigen::ArrayXd& mean() const { return mean_; }
  /// Ticks in a full window.
  int ticks() const { return static_cast<int>(slots_.cols()); }

 private:
  Eigen::ArrayXXd slots_;  ///< value x tick slot, a ring over the window's ticks
  Eigen::ArrayXd mean_;
  int next_ = 0;
  int filled_ = 0;
};

}  // namespace migdip
