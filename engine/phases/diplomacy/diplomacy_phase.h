#pragma once
// Phase 4 of the tick: strategic states bargain. At every table, in scenario order: standing
// deals are monitored (government changes void them, they expire, compliance is observed with a
// lag, breaches end them); then the table bargains if its inputs moved since it last did: it
// signs a deal, renegotiates one, or fails, and then threats are carried out or abandoned.
// Finally every standing deal is paid for the tick under its conditionality. After migration,
// assess_utility books what each state got.

#include <vector>

#include "migdip/scenario/scenario.h"
#include "migdip/world/world.h"
#include "phases/diplomacy/bargain.h"
#include "phases/diplomacy/valuation.h"
#include "phases/network.h"
#include "phases/tick_context.h"

namespace migdip {

class DiplomacyPhase {
 public:
  DiplomacyPhase(const Scenario& scenario, const Network& network);

  void run(const TickContext& tick, World& world);

  /// Realised utility of every state over the tick just simulated (Diplomacy::utility).
  void assess_utility(const TickContext& tick, World& world) const;

 private:
  void monitor_deal(int negotiation, const TickContext& tick, World& world);
  void implement_if_due(int negotiation, const TickContext& tick, World& world);
  void pay(int negotiation, const TickContext& tick, World& world);
  void bargain(int negotiation, const TickContext& tick, const Valuation& valuation, World& world);
  void respond_to_failure(int negotiation, const BargainOutcome& outcome, const TickContext& tick,
                          const Valuation& valuation, World& world);
  void sign(int negotiation, const BargainOutcome& outcome, const TickContext& tick, World& world);
  void end_deal(int negotiation, DealStatus status, int actor, const TickContext& tick,
                World& world);
  void carry_out(int negotiation, int threat, double credibility, const TickContext& tick,
                 World& world);
  void abandon(int negotiation, int threat, const TickContext& tick, World& world);
  bool inputs_moved(int negotiation, World& world) const;
  double measured_compliance(int negotiation, const Deal& deal, const World& world) const;
  void log(World& world, const TickContext& tick, int negotiation, int deal,
           NegotiationAction action, int actor, int instrument, double value) const;

  const Scenario& scenario_;
  const Network& network_;
  ObservedFlows observed_;
  Bargainer bargainer_;
  std::vector<int> monitoring_lag_ticks_;
  std::vector<int> implementation_lag_ticks_;
  std::vector<int> duration_ticks_;
  std::vector<int> cooldown_ticks_;
};

}  // namespace migdip
