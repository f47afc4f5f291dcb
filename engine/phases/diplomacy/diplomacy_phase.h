#pragma once
// Phase 4 of the tick: strategic states bargain. At every table, in scenario order: standing
// deals are monitored (government changes void them, they expire, compliance is observed with a
// lag, breaches end them); then the table bargains if its inputs moved since it last did: it
// signs a deal, renegotiates one, or fails, and then threats are carried out or abandoned.
// Finally every standing deal is paid for the tick under its conditionality. After migration,
// assess_utility books what each state got.

#include <array>
#include <vector>

#include "migdip/scenario/scenario.h"
#include "phases/diplomacy/bargain.h"
#include "phases/diplomacy/diplomacy_parts.h"
#include "phases/diplomacy/learning.h"
#include "phases/diplomacy/valuation.h"
#include "phases/network.h"
#include "phases/tick_context.h"

namespace migdip {

class DiplomacyPhase {
 public:
  DiplomacyPhase(const Scenario& scenario, const Network& network);

  void run(const TickContext& tick, const DiplomacyInputs& in, const DiplomacyTargets& targets);

  /// Realised utility of every state over the tick just simulated (Diplomacy::utility), from
  /// this tick's flows and money.
  void assess_utility(const TickContext& tick, const DiplomacyInputs& in, const Treasury& treasury,
                      Diplomacy& diplomacy) const;

 private:
  /// One run of the phase: the tick, what it reads, what it changes, and the tick's valuations.
  struct Session {
    const TickContext& tick;
    const DiplomacyView& view;
    const DiplomacyTargets& targets;
    const Valuation& valuation;
  };
  /// A threat a side could carry out, with its credibility.
  struct ThreatChoice {
    int instrument = -1;
    double credibility = 0;
  };

  bool table_open(int negotiation, const Session& session) const;
  bool committed(int threat, const Session& session) const;
  bool settling(int negotiation, const Session& session) const;
  bool inputs_moved(int negotiation, const Session& session) const;
  void monitor_deal(int negotiation, const Session& session);
  double measured_compliance(int negotiation, const Deal& deal, const DiplomacyView& view) const;
  void implement_if_due(int negotiation, const Session& session);
  void pay(int negotiation, const Session& session) const;
  /// Deals in force when the run starts (deals_at_start.cpp), at tick 0.
  void open_deals_at_start(const Session& session);
  void bargain(int negotiation, const Session& session);

  // Signing a deal, and its end.
  void sign(int negotiation, const BargainOutcome& outcome, const Session& session);
  void log_agreement(int negotiation, int deal, const BargainOutcome& outcome,
                     const Session& session) const;
  void concede_threats_in_force(int negotiation, int deal, const Session& session) const;
  void end_deal(int negotiation, DealStatus status, int actor, const Session& session) const;

  // A failed bargain: threats carried out, called off or announced.
  void respond_to_failure(int negotiation, const BargainOutcome& outcome, const Session& session);
  ThreatChoice best_threat(int negotiation, bool demanders, const Session& session);
  double expected_retaliation(const Table& table, int user, bool demanders,
                              const Session& session) const;
  void call_off_threats(int negotiation, const BargainOutcome& outcome,
                        const std::array<int, 2>& carried, const Session& session) const;
  void announce_threats(int negotiation, const BargainOutcome& outcome,
                        const Session& session) const;
  void hold(int negotiation, int instrument, double delivered, const Session& session) const;
  void carry_out(int negotiation, int threat, double credibility, const Session& session) const;
  void abandon(int negotiation, int threat, const Session& session) const;

  void log(const Session& session, int negotiation, int deal, NegotiationAction action, int actor,
           int instrument, double value) const;

  const Scenario& scenario_;
  const Network& network_;
  ObservedFlows observed_;
  EffectLearner learner_;
  Bargainer bargainer_;
  std::vector<int> monitoring_lag_ticks_;
  std::vector<int> implementation_lag_ticks_;
  std::vector<int> duration_ticks_;
  std::vector<int> cooldown_ticks_;
  int threat_minimum_ticks_;  ///< [diplomacy] threat_minimum_months in ticks
  int delivery_ticks_;        ///< one month in ticks (at least one): when delivery shows
  int bite_ticks_;            ///< [diplomacy] threat_bite_months in ticks (at least one)
  double bite_share_;         ///< the share of the horizon a carried-out threat bites first
};

}  // namespace migdip
