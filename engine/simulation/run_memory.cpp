#include "migdip/simulation/run_memory.h"

#include "migdip/core/saturating.h"
#include "migdip/recording/series_recorder.h"
#include "migdip/world/migrant_status.h"
#include "migdip/world/travel_delay.h"

namespace migdip {
namespace {

// Arrays of nationality x state doubles a run holds at once: the stocks by status
// (Population::stock), thirteen flows (Flows), the route values (World) and the migration
// phase's two work arrays, plus one for temporaries.
constexpr double kNationalityStateArrays = static_cast<double>(kStatusCount) + 13 + 1 + 2 + 1;
// Arrays of nationality x corridor doubles: nine flows, the migration phase's three work
// arrays and a temporary, besides one per travel slot (Population::travelling).
constexpr double kNationalityCorridorArrays = 9 + 3 + 1;
// The time axes every group of the record carries (time, tick, tick_days, in eight groups):
// up to four times over while the record is assembled, counting copies and vector growth.
constexpr double kAxisValuesPerTick = 4 * 3 * 8;
// The record's labels and tables, and whatever else a small run holds.
constexpr double kFixedBytes = 16.0 * 1024 * 1024;

std::uint64_t to_bytes(double values, double extra = 0) {
  const double bytes = sizeof(double) * values + extra;
  return bytes >= static_cast<double>(kSaturated) ? kSaturated : static_cast<std::uint64_t>(bytes);
}

}  // namespace

std::uint64_t RunMemory::total() const {
  return saturating_sum(simulation, record);
}

RunMemory estimate_run_memory(const Scenario& scenario) {
  // In double, so that no product of counts can wrap.
  const auto nationalities = static_cast<double>(scenario.nationality_count());
  const auto states = static_cast<double>(scenario.state_count());
  const auto corridors = static_cast<double>(scenario.corridor_count());
  const Eigen::ArrayXi delays = travel_delay_ticks(scenario);
  const double travel_slots = 1 + (delays.size() > 0 ? delays.maxCoeff() : 0);
  const double world_values =
      nationalities *
      (kNationalityStateArrays * states + (kNationalityCorridorArrays + travel_slots) * corridors);
  const double recorded_values =
      static_cast<double>(scenario.settings.ticks) *
      (static_cast<double>(recorded_values_per_tick(scenario)) + kAxisValuesPerTick);
  return {to_bytes(world_values, kFixedBytes), to_bytes(recorded_values),
          to_bytes(static_cast<double>(scenario.settings.ticks) * kAxisValuesPerTick)};
}

}  // namespace migdip
