#pragma once

#include <Eigen/Core>

#include "migdip/scenario/scenario.h"

namespace migdip {

/// Whole ticks each corridor's crossing takes: travel_days divided by the nominal tick length,
/// rounded down. A delay of 0 means people arrive within the tick they leave.
Eigen::ArrayXi travel_delay_ticks(const Scenario& scenario);

}  // namespace migdip
