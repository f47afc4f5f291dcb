#pragma once
// Phase 6 of the tick: migrants move. Owns the buffers its steps need, so a tick allocates
// nothing.

#include "migdip/world/world.h"
#include "phases/migration/migration_steps.h"
#include "phases/worker_pool.h"

namespace migdip {

class MigrationPhase {
 public:
  /// `threads`: how many threads solve the route values, nationalities shared out among them.
  MigrationPhase(const Scenario& scenario, const Network& network, int threads = 1);

  void run(const TickContext& tick, World& world);

 private:
  const Scenario& scenario_;
  const Network& network_;
  MigrationScratch scratch_;
  WorkerPool pool_;
};

}  // namespace migdip
