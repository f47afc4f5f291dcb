#pragma once
// Phase 6 of the tick: migrants move. Owns the buffers its steps need, so a tick allocates
// nothing.

#include "migdip/world/world.h"
#include "phases/migration/migration_steps.h"

namespace migdip {

class MigrationPhase {
 public:
  MigrationPhase(const Scenario& scenario, const Network& network);

  void run(const TickContext& tick, World& world);

 private:
  const Scenario& scenario_;
  const Network& network_;
  MigrationScratch scratch_;
};

}  // namespace migdip
