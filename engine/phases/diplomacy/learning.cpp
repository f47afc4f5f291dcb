#include "phases/diplomacy/learning.h"

#include <algorithm>
#include <cmath>
#include <span>

#include "migdip/core/calendar.h"
#include "phases/diplomacy/instrument_levers.h"

namespace migdip {
namespace {

// Below this many people a month, a predicted change says nothing to learn from.
constexpr double kNegligibleChange = 1e-9;

bool contains(const std::vector<int>& states, int state) {
  return std::find(states.begin(), states.end(), state) != states.end();
}

// The corridors an exit control acts on: those it is aimed at, or every corridor out of its user.
std::span<const int> exit_corridors(const InstrumentSpec& spec, const Network& network) {
  return spec.corridors.empty() ? network.outgoing(spec.user.index)
                                : std::span<const int>(spec.corridors);
}

}  // namespace

double learned_effect_after(double belief, double realised_change, double predicted_change,
                            double tick_months, double memory_months) {
  if (memory_months <= 0 || std::abs(predicted_change) < kNegligibleChange) {
    return belief;
  }
  const double ratio = std::clamp(realised_change / predicted_change, 0.0, kMaxLearnedEffect);
  const double weight = 1.0 - std::exp(-tick_months / memory_months);
  return belief + weight * (ratio - belief);
}

double outcome_compliance_of(double counterfactual, double observed, double predicted_change) {
  if (predicted_change > -kNegligibleChange) {
    return 1.0;  // nothing was expected to fall
  }
  return std::clamp((counterfactual - observed) / -predicted_change, 0.0, 1.0);
}

EffectLearner::EffectLearner(const Scenario& scenario, const Network& network)
    : scenario_(scenario),
      network_(network),
      memory_months_(scenario.diplomacy.learning_memory_months),
      tolerance_(scenario.diplomacy.reevaluation_tolerance) {
  for (const NegotiationSpec& negotiation : scenario.negotiations) {
    enabled_ = enabled_ || negotiation.compliance_basis == ComplianceBasis::outcome;
  }
  enabled_ = enabled_ || learning();
  if (!enabled_) {
    return;
  }
  window_ = std::max(
      1, ticks_in_months(scenario.diplomacy.counterfactual_months, scenario.settings.tick_length));
  history_.setZero(scenario.state_count(), window_);
  const auto instruments = static_cast<std::size_t>(scenario.instrument_count());
  watched_.resize(instruments);
  tables_of_.resize(instruments);
  tracked_.resize(instruments);
  flagged_effect_.setOnes(scenario.instrument_count());
  for (std::size_t i = 0; i < instruments; ++i) {
    if (!learnable(static_cast<int>(i))) {
      continue;
    }
    const InstrumentSpec& spec = scenario.instruments[i];
    const int user = spec.user.index;  // exit and entry controls are used by states
    if (*traits_of(spec.type).lever == Lever::exit_enforcement) {
      for (int c : exit_corridors(spec, network)) {
        if (!contains(watched_[i], network.corridor_to(c))) {
          watched_[i].push_back(network.corridor_to(c));
        }
      }
    } else {
      watched_[i].push_back(user);
    }
  }
  for (int n = 0; n < scenario.negotiation_count(); ++n) {
    const NegotiationSpec& negotiation = scenario.negotiations[static_cast<std::size_t>(n)];
    std::vector<int> states;
    const int demander = scenario.actor_of(negotiation.demander);
    if (demander < scenario.state_count()) {
      states.push_back(demander);
    } else {
      states = scenario.blocs[static_cast<std::size_t>(negotiation.demander.index)].members;
    }
    demander_states_.push_back(states);
    for (const auto* agenda : {&negotiation.asks, &negotiation.offers, &negotiation.threats}) {
      for (int i : *agenda) {
        tables_of_[static_cast<std::size_t>(i)].push_back(n);
      }
    }
  }
  deals_.resize(scenario.negotiations.size());
  signed_deal_.assign(scenario.negotiations.size(), -1);
  std::size_t most_asks = 0;
  for (const NegotiationSpec& negotiation : scenario.negotiations) {
    most_asks = std::max(most_asks, negotiation.asks.size());
  }
  signed_effect_.setOnes(scenario.negotiation_count(), static_cast<Eigen::Index>(most_asks));
}

bool EffectLearner::learnable(int instrument) const {
  const std::optional<Lever> lever =
      traits_of(scenario_.instruments[static_cast<std::size_t>(instrument)].type).lever;
  return lever && (*lever == Lever::exit_enforcement || *lever == Lever::entry_enforcement);
}

double EffectLearner::recent_arrivals(const std::vector<int>& states, int ticks) const {
  ticks = std::min({ticks, window_, observed_ticks_});
  if (ticks < 1) {
    return 0;
  }
  double sum = 0;
  for (int k = 1; k <= ticks; ++k) {
    const int slot = (observed_ticks_ - k) % window_;
    for (int s : states) {
      sum += history_(s, slot);
    }
  }
  return sum / ticks;
}

double EffectLearner::controlled_flow(int instrument, const std::vector<int>& states,
                                      const ObservedFlows& observed, double months) const {
  const InstrumentSpec& spec = scenario_.instruments[static_cast<std::size_t>(instrument)];
  const int user = spec.user.index;
  double flow = 0;
  if (*traits_of(spec.type).lever == Lever::exit_enforcement) {
    for (int c : exit_corridors(spec, network_)) {
      flow += contains(states, network_.corridor_to(c)) ? observed.arrivals(c) : 0.0;
    }
  } else if (contains(states, user)) {
    for (int c : network_.incoming(user)) {
      flow += observed.arrivals(c);
    }
  }
  return flow / months;
}

double EffectLearner::predicted_change(int instrument, double flow, double from, double to,
                                       double facilitation) const {
  const InstrumentSpec& spec = scenario_.instruments[static_cast<std::size_t>(instrument)];
  if (*traits_of(spec.type).lever == Lever::exit_enforcement) {
    return flow * (pass_through_ratio(from, to, facilitation) - 1.0);
  }
  // Entry control: attempts inferred through the control in force, (to - from) more stopped.
  return from < 1 ? -flow / (1.0 - from) * (to - from) : 0.0;
}

void EffectLearner::observe(const TickContext& tick, const DiplomacyView& view,
                            const ObservedFlows& observed, Diplomacy& diplomacy) {
  // At the first tick there is no last tick to have observed.
  if (!enabled_ || tick.tick() == 0) {
    return;
  }
  const double months = tick.months();
  const int slot = observed_ticks_ % window_;
  for (int s = 0; s < scenario_.state_count(); ++s) {
    double in = 0;
    for (int c : network_.incoming(s)) {
      in += observed.arrivals(c);
    }
    history_(s, slot) = in / months;
  }
  ++observed_ticks_;
  if (!learning()) {
    return;
  }
  for (std::size_t i = 0; i < tracked_.size(); ++i) {
    const Tracked& control = tracked_[i];
    const auto index = static_cast<Eigen::Index>(i);
    if (!control.active || !control.measurable || diplomacy.in_force(index) == 0) {
      continue;
    }
    // Arrivals since the control took effect (flows of its start tick onward).
    const double realised =
        recent_arrivals(watched_[i], tick.tick() - control.start_tick) - control.counterfactual;
    // The change predicted for the lever as it stands (phased levers move gradually).
    const double predicted =
        predicted_change(static_cast<int>(i), control.flow, control.from,
                         lever_in_effect(scenario_.instruments[i], view), control.facilitation);
    double& belief = diplomacy.learned_effect(index);
    belief = learned_effect_after(belief, realised, predicted, months, memory_months_);
    if (std::abs(belief - flagged_effect_(index)) > tolerance_) {
      flagged_effect_(index) = belief;
      for (int n : tables_of_[i]) {
        diplomacy.changed(n) = 1;
      }
    }
  }
}

void EffectLearner::note_starts(const TickContext& tick, const DiplomacyView& view,
                                const ObservedFlows& observed) {
  if (!enabled_) {
    return;
  }
  const Diplomacy& diplomacy = view.diplomacy;
  const double months = tick.months();
  for (std::size_t i = 0; i < tracked_.size(); ++i) {
    Tracked& control = tracked_[i];
    const auto index = static_cast<Eigen::Index>(i);
    if (diplomacy.in_force(index) == 0 || !learnable(static_cast<int>(i))) {
      control.active = false;
      continue;
    }
    if (control.active) {
      continue;
    }
    const InstrumentSpec& spec = scenario_.instruments[i];
    control.active = true;
    // Nothing observed before it (the first tick): no counterfactual to learn against.
    control.measurable = observed_ticks_ > 0;
    control.start_tick = tick.tick();
    control.counterfactual = recent_arrivals(watched_[i], window_);
    control.flow = controlled_flow(static_cast<int>(i), watched_[i], observed, months);
    control.from = diplomacy.baseline(index);
    control.facilitation = view.policy.lever(Lever::facilitation)(spec.user.index);
  }
  for (int n = 0; n < scenario_.negotiation_count(); ++n) {
    const NegotiationSpec& spec = scenario_.negotiations[static_cast<std::size_t>(n)];
    const int signed_deal = diplomacy.active_deal(n);
    if (signed_deal >= 0 && signed_deal != signed_deal_[static_cast<std::size_t>(n)]) {
      signed_deal_[static_cast<std::size_t>(n)] = signed_deal;
      for (std::size_t k = 0; k < spec.asks.size(); ++k) {
        signed_effect_(n, static_cast<Eigen::Index>(k)) = diplomacy.learned_effect(spec.asks[k]);
      }
    }
    DealTrack& track = deals_[static_cast<std::size_t>(n)];
    const int active = diplomacy.active_deal(n);
    if (spec.compliance_basis != ComplianceBasis::outcome || active < 0 || track.deal == active ||
        !diplomacy.deals[static_cast<std::size_t>(active)].implemented) {
      continue;
    }
    const Deal& deal = diplomacy.deals[static_cast<std::size_t>(active)];
    const std::vector<int>& states = demander_states_[static_cast<std::size_t>(n)];
    track = {active, observed_ticks_ > 0, tick.tick(), recent_arrivals(states, window_), 0.0};
    for (std::size_t k = 0; k < spec.asks.size(); ++k) {
      const int ask = spec.asks[k];
      if (((deal.items >> k) & 1U) == 0 || !learnable(ask)) {
        continue;
      }
      const InstrumentSpec& instrument = scenario_.instruments[static_cast<std::size_t>(ask)];
      const double facilitation = view.policy.lever(Lever::facilitation)(instrument.user.index);
      // What the ask was agreed to do: its committed level, at what the demander believes.
      track.predicted_change +=
          diplomacy.learned_effect(ask) *
          predicted_change(ask, controlled_flow(ask, states, observed, months),
                           diplomacy.baseline(ask), committed_level(instrument), facilitation);
    }
  }
}

bool EffectLearner::effect_fell(int negotiation, int deal, double margin,
                                const Diplomacy& diplomacy) const {
  if (!learning() || signed_deal_[static_cast<std::size_t>(negotiation)] != deal) {
    return false;
  }
  const NegotiationSpec& spec = scenario_.negotiations[static_cast<std::size_t>(negotiation)];
  const Deal& terms = diplomacy.deals[static_cast<std::size_t>(deal)];
  for (std::size_t k = 0; k < spec.asks.size(); ++k) {
    if (((terms.items >> k) & 1U) != 0 &&
        diplomacy.learned_effect(spec.asks[k]) <
            (1.0 - margin) * signed_effect_(negotiation, static_cast<Eigen::Index>(k))) {
      return true;
    }
  }
  return false;
}

std::optional<double> EffectLearner::outcome_compliance(int negotiation, int deal, int tick) const {
  if (!enabled_) {
    return std::nullopt;
  }
  const DealTrack& track = deals_[static_cast<std::size_t>(negotiation)];
  const int ticks = tick - track.start_tick;
  if (track.deal != deal || !track.measurable || ticks < 1 ||
      track.predicted_change > -kNegligibleChange) {
    return std::nullopt;
  }
  const double observed =
      recent_arrivals(demander_states_[static_cast<std::size_t>(negotiation)], ticks);
  return outcome_compliance_of(track.counterfactual, observed, track.predicted_change);
}

}  // namespace migdip
