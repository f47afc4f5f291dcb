#pragma once
// Observers watch a run without changing it: recorders, progress reporters, test probes.
// They are called once per tick, never per migrant or per dyad.

#include "migdip/simulation/run_view.h"

namespace migdip {

class Observer {
 public:
  virtual ~Observer() = default;
  /// Before the first tick, with the initial world.
  virtual void on_start(const RunView& /*view*/) {}
  /// After each tick's accounting.
  virtual void on_tick(const RunView& view) = 0;
  /// After the last tick.
  virtual void on_finish(const RunView& /*view*/) {}
};

}  // namespace migdip
