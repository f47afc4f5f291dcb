#pragma once
// A read-only view of a run, handed to observers after every tick.

#include "migdip/core/calendar.h"
#include "migdip/scenario/scenario.h"
#include "migdip/world/world.h"

namespace migdip {

struct RunView {
  const Scenario& scenario;
  const Calendar& calendar;
  const World& world;
  int tick;  ///< the tick just completed
};

}  // namespace migdip
