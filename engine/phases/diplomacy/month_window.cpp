#include "phases/diplomacy/month_window.h"

#include <algorithm>

namespace migdip {

MonthWindow::MonthWindow(Eigen::Index size, TickLength length)
    : slots_(Eigen::ArrayXXd::Zero(size, std::max(1, ticks_in_months(1.0, length)))),
      mean_(Eigen::ArrayXd::Zero(size)) {}

void MonthWindow::record(const Eigen::Ref<const Eigen::ArrayXd>& latest) {
  slots_.col(next_) = latest;
  next_ = (next_ + 1) % ticks();
  filled_ = std::min(filled_ + 1, ticks());
  if (ticks() == 1) {
    mean_ = latest;  // monthly ticks: last tick's values, bit for bit
    return;
  }
  // Until the window is full, the filled slots are the first ones.
  mean_ = slots_.leftCols(filled_).rowwise().sum() / static_cast<double>(filled_);
}

}  // namespace migdip
