#pragma once
// How much memory one run of a scenario needs, known before any of it is allocated: memory grows
// with nationalities x states, nationalities x corridors and ticks, so a scenario that loads in
// kilobytes can need terabytes to run. The command line compares the estimate with what the
// machine has and refuses the run up front instead of failing with std::bad_alloc.

#include <cstdint>

#include "migdip/scenario/scenario.h"

namespace migdip {

/// Estimates meant to be within a factor of two; they saturate at UINT64_MAX instead of wrapping.
struct RunMemory {
  /// The world's arrays and the phases' work arrays, with some room for the rest of a run.
  std::uint64_t simulation = 0;
  /// The standard recorder's series (SeriesRecorder), every tick of the run.
  std::uint64_t record = 0;
  /// Of the record: its time axes alone (time, tick, tick_days in every group, with the copies
  /// made while they are built), which any recorder holds, even one that streams its series.
  std::uint64_t time_axes = 0;

  std::uint64_t total() const;
};

/// Bytes a simulation of the scenario with the standard recorder holds at its peak.
RunMemory estimate_run_memory(const Scenario& scenario);

}  // namespace migdip
