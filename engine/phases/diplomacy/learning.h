#pragma once
// What governments learn about their flow controls, and compliance judged on outcomes. The
// valuations of valuation.cpp are linear responses of last tick's flows: they hold departures
// fixed and ignore retries and other routes. While an exit or entry control is in force, every
// state watches the arrivals into the states it was meant to shield, over all their corridors,
// compares their change since the control took effect with the change the linear response
// predicted, and moves its belief in the control's effect (Diplomacy::learned_effect, a
// multiplier on the linear response) toward the realised ratio with a memory. A table whose
// agenda holds an instrument whose belief moved bargains again. A deal judged on outcomes
// compares the demander's arrivals since the deal's asks took effect with the level they were
// expected to bring. docs/model.md, section 7.4, "Learning" and "Monitoring".

#include <optional>
#include <vector>

#include <Eigen/Core>

#include "migdip/scenario/scenario.h"
#include "phases/diplomacy/diplomacy_parts.h"
#include "phases/diplomacy/valuation.h"
#include "phases/network.h"
#include "phases/tick_context.h"

namespace migdip {

/// The belief update: the belief moves toward the realised ratio of effects by the share of the
/// tick in an exponential memory of `memory_months` (the ratio clipped to [0, kMaxLearnedEffect]).
double learned_effect_after(double belief, double realised_change, double predicted_change,
                            double tick_months, double memory_months);

/// The outcome compliance: the share of the predicted fall in arrivals that happened,
/// (counterfactual - observed) / -predicted_change, clipped to [0, 1].
double outcome_compliance_of(double counterfactual, double observed, double predicted_change);

inline constexpr double kMaxLearnedEffect = 2.0;

class EffectLearner {
 public:
  EffectLearner(const Scenario& scenario, const Network& network);

  /// Whether anything is learned or judged on outcomes (else every method is a no-op).
  bool enabled() const { return enabled_; }
  bool learning() const { return memory_months_ > 0; }

  /// Before the tables bargain: records last tick's arrivals, moves the belief in every control
  /// in force, and marks the tables whose agenda holds one whose belief moved.
  void observe(const TickContext& tick, const DiplomacyView& view, const ObservedFlows& observed,
               Diplomacy& diplomacy);

  /// After the tables bargained: notes the controls that came into force and the deals whose
  /// asks took effect, with the arrivals before them and the change predicted.
  void note_starts(const TickContext& tick, const DiplomacyView& view,
                   const ObservedFlows& observed);

  /// Whether the belief in one of the deal's asks fell below (1 - margin) times what it was
  /// when the deal was signed: the demander then reopens it (with learning only).
  bool effect_fell(int negotiation, int deal, double margin, const Diplomacy& diplomacy) const;

  /// The share of the fall in the demander's arrivals expected from the deal's exit and entry
  /// controls that happened; none before any arrival since they took effect was observed, or
  /// when the deal holds no such control (its compliance is then judged on levers).
  std::optional<double> outcome_compliance(int negotiation, int deal, int tick) const;

 private:
  /// A control in force: what it was predicted to change, against what.
  struct Tracked {
    bool active = false;
    bool measurable = false;  ///< false when nothing was observed before it took effect
    int start_tick = 0;
    double counterfactual = 0;  ///< arrivals per month into the watched states before it
    double flow = 0;          ///< arrivals per month on the corridors it controls, when it started
    double from = 0;          ///< the lever value it replaced
    double facilitation = 0;  ///< the user's facilitation when it started (exit controls)
  };
  /// A deal judged on outcomes, from the tick its asks took effect.
  struct DealTrack {
    int deal = -1;
    bool measurable = false;  ///< false when nothing was observed before it took effect
    int start_tick = 0;
    double counterfactual = 0;    ///< the demander's arrivals per month before it
    double predicted_change = 0;  ///< per month, from its asks at their committed levels
  };

  /// Whether the instrument's effect is learned (exit and entry controls).
  bool learnable(int instrument) const;
  /// Mean arrivals per month into the states over the last `ticks` observed (at most the window).
  double recent_arrivals(const std::vector<int>& states, int ticks) const;
  /// Arrivals per month last tick on the corridors the instrument controls into `states`.
  double controlled_flow(int instrument, const std::vector<int>& states,
                         const ObservedFlows& observed, double months) const;
  /// The change in arrivals per month the linear response predicts for `flow` when the lever
  /// moves from `from` to `to`.
  double predicted_change(int instrument, double flow, double from, double to,
                          double facilitation) const;

  const Scenario& scenario_;
  const Network& network_;
  bool enabled_ = false;
  double memory_months_ = 0;
  double tolerance_ = 0;
  int window_ = 1;                         ///< ticks in counterfactual_months (at least 1)
  Eigen::ArrayXXd history_;                ///< state x slot: arrivals per month, a ring over ticks
  int observed_ticks_ = 0;                 ///< ticks recorded so far
  std::vector<std::vector<int>> watched_;  ///< per instrument: the states it shields
  std::vector<std::vector<int>> demander_states_;  ///< per negotiation
  std::vector<std::vector<int>> tables_of_;        ///< per instrument: tables with it on the agenda
  std::vector<Tracked> tracked_;                   ///< per instrument
  std::vector<DealTrack> deals_;                   ///< per negotiation
  std::vector<int> signed_deal_;   ///< per negotiation: the deal whose beliefs are kept
  Eigen::ArrayXXd signed_effect_;  ///< negotiation x ask: the belief when it was signed
  Eigen::ArrayXd flagged_effect_;  ///< per instrument: the belief its tables last bargained on
};

}  // namespace migdip
