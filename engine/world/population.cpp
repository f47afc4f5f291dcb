#include "migdip/world/population.h"

#include <algorithm>

namespace migdip {

Eigen::ArrayXXd Population::travelling_total() const {
  Eigen::ArrayXXd total =
      Eigen::ArrayXXd::Zero(travelling.front().rows(), travelling.front().cols());
  for (const auto& slot : travelling) {
    total += slot;
  }
  return total;
}

double Population::total_people() const {
  double total = residents.sum();
  for (const auto& cohort : stock) {
    total += cohort.sum();
  }
  for (const auto& slot : travelling) {
    total += slot.sum();
  }
  return total;
}

double Population::most_negative() const {
  double lowest = std::min(0.0, residents.size() > 0 ? residents.minCoeff() : 0.0);
  auto visit = [&](const Eigen::ArrayXXd& values) {
    if (values.size() > 0) {
      lowest = std::min(lowest, values.minCoeff());
    }
  };
  std::for_each(stock.begin(), stock.end(), visit);
  std::for_each(travelling.begin(), travelling.end(), visit);
  return lowest;
}

}  // namespace migdip
