#pragma once
// Runs one scenario. The tick is a fixed, ordered list of phases (see step() in
// engine/simulation/simulation.cpp and docs/model.md, "Process overview and scheduling").

#include <memory>
#include <span>

#include "migdip/core/calendar.h"
#include "migdip/scenario/scenario.h"
#include "migdip/simulation/observer.h"
#include "migdip/world/world.h"

namespace migdip {

/// How a run is carried out, never what it computes.
struct SimulationOptions {
  /// Threads that solve the route values (docs/model.md 7.6.4), nationalities shared out among
  /// them (no more are used than there are nationalities). Results are bit-identical for any
  /// number. Started with the simulation; a tick starts none.
  int threads = 1;
};

class Simulation {
 public:
  /// Checks the scenario (check_scenario) and builds the initial world.
  explicit Simulation(std::shared_ptr<const Scenario> scenario,
                      const SimulationOptions& options = {});
  /// Builds the initial world of a scenario checked already.
  explicit Simulation(CheckedScenario scenario, const SimulationOptions& options = {});
  ~Simulation();
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  /// Simulates one tick. Throws InternalError if people are created, lost or made negative.
  void step();
  /// Steps until the scenario's last tick, calling the observers before, at every tick, after.
  void run(std::span<Observer* const> observers = {});

  bool finished() const { return world_.tick >= calendar_.ticks(); }
  const Scenario& scenario() const { return *scenario_; }
  const Calendar& calendar() const { return calendar_; }
  const World& world() const { return world_; }

  /// Checks conservation and non-negativity now; throws InternalError when either fails.
  void check_accounts() const;

 private:
  std::shared_ptr<const Scenario> scenario_;
  Calendar calendar_;
  World world_;
  struct Phases;  // the phase modules, private to the engine
  std::unique_ptr<Phases> phases_;
};

}  // namespace migdip
