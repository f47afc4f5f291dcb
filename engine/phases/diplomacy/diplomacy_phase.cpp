#include "phases/diplomacy/diplomacy_phase.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <tuple>
#include <utility>

#include "migdip/core/calendar.h"
#include "migdip/scenario/burden_sharing.h"
#include "phases/budget_lines.h"
#include "phases/diplomacy/instrument_levers.h"
#include "phases/diplomacy/table_opening.h"

namespace migdip {
namespace {

// Inputs a table's bargain depends on most, compared between evaluations to skip tables whose
// situation has not moved (see inputs_moved).
constexpr int kInputs = 4;

int government_of(const Scenario& scenario, int actor, const StatePolicy& policy) {
  if (actor < scenario.state_count()) {
    return policy.government(actor);
  }
  int sum = 0;
  for (int member :
       scenario.blocs[static_cast<std::size_t>(actor - scenario.state_count())].members) {
    sum += policy.government(member);
  }
  return sum;
}

}  // namespace

DiplomacyPhase::DiplomacyPhase(const Scenario& scenario, const Network& network)
    : scenario_(scenario),
      network_(network),
      observed_(scenario),
      learner_(scenario, network),
      bargainer_(scenario),
      threat_minimum_ticks_(
          ticks_in_months(scenario.diplomacy.threat_minimum_months, scenario.settings.tick_length)),
      delivery_ticks_(std::max(1, ticks_in_months(1.0, scenario.settings.tick_length))),
      bite_ticks_(scenario.diplomacy.threat_bite_months > 0
                      ? std::max(1, ticks_in_months(scenario.diplomacy.threat_bite_months,
                                                    scenario.settings.tick_length))
                      : 1),
      bite_share_(std::min(
          1.0, scenario.diplomacy.threat_bite_months / scenario.diplomacy.horizon_months)) {
  const TickLength length = scenario.settings.tick_length;
  for (const NegotiationSpec& negotiation : scenario.negotiations) {
    monitoring_lag_ticks_.push_back(ticks_in_months(negotiation.monitoring_lag_months, length));
    implementation_lag_ticks_.push_back(
        ticks_in_months(negotiation.implementation_lag_months, length));
    duration_ticks_.push_back(std::max(1, ticks_in_months(negotiation.duration_months, length)));
    cooldown_ticks_.push_back(ticks_in_months(negotiation.cooldown_months, length));
  }
}

// A table fixed by hand is open from its start tick; a self-opened one from the tick at which
// the demander opens it (table_opening.h).
bool DiplomacyPhase::table_open(int negotiation, const Session& session) const {
  const NegotiationSpec& spec = scenario_.negotiations[static_cast<std::size_t>(negotiation)];
  Diplomacy& diplomacy = session.targets.diplomacy;
  if (session.tick.tick() < spec.start_tick) {
    return false;
  }
  if (diplomacy.opened(negotiation) != 0) {
    return true;
  }
  if (!table_opens(scenario_, network_, observed_, session.view.politics, negotiation)) {
    return false;
  }
  diplomacy.opened(negotiation) = 1;
  const int demander = scenario_.actor_of(spec.demander);
  log(session, negotiation, -1, NegotiationAction::table_opened, demander, -1,
      actor_salience(scenario_, demander, session.view.politics));
  return true;
}

// A deal signed less than a month ago is not reopened: the flows observed over the last month
// (MonthWindow) do not show it yet. Under monthly ticks this never holds (a month is one tick).
bool DiplomacyPhase::settling(int negotiation, const Session& session) const {
  const Diplomacy& diplomacy = session.view.diplomacy;
  const int active = diplomacy.active_deal(negotiation);
  return active >= 0 &&
         session.tick.tick() <
             diplomacy.deals[static_cast<std::size_t>(active)].signed_tick + delivery_ticks_;
}

// An announced threat, or one carried out, stands for threat_minimum_months from then.
bool DiplomacyPhase::committed(int threat, const Session& session) const {
  const int since = session.view.diplomacy.threat_tick(threat);
  return since >= 0 && session.tick.tick() < since + threat_minimum_ticks_;
}

void DiplomacyPhase::log(const Session& session, int negotiation, int deal,
                         NegotiationAction action, int actor, int instrument, double value) const {
  session.targets.diplomacy.log.push_back(
      {session.tick.tick(), negotiation, deal, action, actor, instrument, value});
}

void DiplomacyPhase::run(const TickContext& tick, const DiplomacyInputs& in,
                         const DiplomacyTargets& targets) {
  Diplomacy& diplomacy = targets.diplomacy;
  diplomacy.deal_payment.setZero();
  diplomacy.leaked.setZero();
  diplomacy.audience_costs.setZero();
  if (scenario_.negotiations.empty()) {
    return;
  }
  const DiplomacyView view(in, targets);
  observed_.observe(view, network_);
  learner_.observe(tick, view, observed_, diplomacy);
  const Valuation valuation(scenario_, network_, tick, view, observed_);
  const Session session{tick, view, targets, valuation};
  if (tick.tick() == 0) {
    open_deals_at_start(session);
  }
  for (int n = 0; n < scenario_.negotiation_count(); ++n) {
    // A deal in force at the start is monitored before its table opens to bargaining.
    if (diplomacy.active_deal(n) >= 0) {
      monitor_deal(n, session);
    }
    if (!table_open(n, session)) {
      continue;
    }
    if (tick.tick() >= diplomacy.next_bargain_tick(n) && !settling(n, session) &&
        inputs_moved(n, session)) {
      bargain(n, session);
    }
  }
  learner_.note_starts(tick, view, observed_);
  // Every deal standing after the bargaining is paid once for the tick, under its terms.
  for (int n = 0; n < scenario_.negotiation_count(); ++n) {
    if (diplomacy.active_deal(n) >= 0) {
      pay(n, session);
    }
  }
}

bool DiplomacyPhase::inputs_moved(int negotiation, const Session& session) const {
  const NegotiationSpec& spec = scenario_.negotiations[static_cast<std::size_t>(negotiation)];
  Diplomacy& diplomacy = session.targets.diplomacy;
  const Politics& politics = session.view.politics;
  Eigen::Array<double, 1, kInputs> inputs;
  const int demander = scenario_.actor_of(spec.demander);
  const int partner = scenario_.actor_of(spec.partner);
  double outflow = 0;
  double pool = 0;
  for_each_state_of(scenario_, partner, [&](int state) {
    for (int c : network_.outgoing(state)) {
      outflow += observed_.arrivals(c);
    }
    pool += observed_.pool(state);
  });
  double salience = 0;
  for_each_state_of(scenario_, demander, [&](int state) { salience += politics.salience(state); });
  inputs << outflow, pool, salience, diplomacy.reputation(partner) + diplomacy.reputation(demander);
  auto last = diplomacy.last_inputs.row(negotiation);
  const double tolerance = scenario_.diplomacy.reevaluation_tolerance;
  const bool moved = diplomacy.evaluations(negotiation) == 0 ||
                     diplomacy.changed(negotiation) != 0 ||
                     ((inputs - last).abs() > tolerance * last.abs().max(1.0)).any();
  if (moved) {
    last = inputs;
    diplomacy.changed(negotiation) = 0;
  }
  return moved;
}

double DiplomacyPhase::measured_compliance(int negotiation, const Deal& deal,
                                           const DiplomacyView& view) const {
  const NegotiationSpec& spec = scenario_.negotiations[static_cast<std::size_t>(negotiation)];
  const double promised = conduct_of(scenario_, scenario_.actor_of(spec.partner)).compliance;
  double sum = 0;
  int counted = 0;
  for (std::size_t k = 0; k < spec.asks.size(); ++k) {
    if (((deal.items >> k) & 1U) == 0) {
      continue;
    }
    ++counted;
    if (!deal.implemented) {
      continue;  // nothing delivered yet
    }
    const int instrument = spec.asks[k];
    const InstrumentSpec& ask = scenario_.instruments[static_cast<std::size_t>(instrument)];
    const double baseline = view.diplomacy.baseline(instrument);
    // Enforcement is judged by what is in force, not by the target the partner announced.
    const double in_force = lever_in_effect(ask, view);
    const double span = committed_level(ask) - baseline;
    sum += std::abs(span) > 1e-12 ? std::clamp((in_force - baseline) / span, 0.0, 1.0) : promised;
  }
  return counted > 0 ? sum / counted : 1.0;
}

void DiplomacyPhase::monitor_deal(int negotiation, const Session& session) {
  Diplomacy& diplomacy = session.targets.diplomacy;
  const Table table = table_at(scenario_, negotiation);
  const NegotiationSpec& spec = table.spec;
  Deal& deal = diplomacy.deals[static_cast<std::size_t>(diplomacy.active_deal(negotiation))];
  const int tick = session.tick.tick();

  // A new government is not bound by its predecessor's word.
  if (government_of(scenario_, table.partner, session.view.policy) != deal.partner_government) {
    end_deal(negotiation, DealStatus::voided, table.partner, session);
    return;
  }
  if (government_of(scenario_, table.demander, session.view.policy) != deal.demander_government) {
    end_deal(negotiation, DealStatus::voided, table.demander, session);
    return;
  }
  if (tick >= deal.end_tick) {
    end_deal(negotiation, DealStatus::expired, -1, session);
    return;
  }
  implement_if_due(negotiation, session);

  // What is in force now was decided up to last tick: a measurement at tick t shows delivery on
  // commitments taken effect a month before t (one tick under monthly ticks; under shorter ticks
  // the levers are still phasing in before). The demander sees it monitoring_lag later.
  const int slots = static_cast<int>(diplomacy.compliance_history.cols());
  const std::optional<double> outcome =
      spec.compliance_basis == ComplianceBasis::outcome
          ? learner_.outcome_compliance(negotiation, diplomacy.active_deal(negotiation), tick)
          : std::nullopt;
  diplomacy.compliance_history(negotiation, tick % slots) =
      outcome ? *outcome : measured_compliance(negotiation, deal, session.view);
  const int lag = monitoring_lag_ticks_[static_cast<std::size_t>(negotiation)];
  const int seen_tick = tick - lag;
  const bool observable = seen_tick >= deal.implement_tick + delivery_ticks_;
  deal.compliance = observable ? diplomacy.compliance_history(negotiation, seen_tick % slots) : 1.0;
  if (observable && deal.compliance < spec.breach_threshold) {
    end_deal(negotiation, DealStatus::breached, table.demander, session);
    // Less for less: a breach under negative conditionality triggers the demander's aid cut.
    if (spec.conditionality == Conditionality::negative) {
      for (int t : spec.threats) {
        const InstrumentSpec& threat = scenario_.instruments[static_cast<std::size_t>(t)];
        if (threat.type == InstrumentType::aid_cut &&
            scenario_.actor_of(threat.user) == table.demander && diplomacy.in_force(t) == 0) {
          carry_out(negotiation, t, 1.0, session);
        }
      }
    }
    return;
  }
}

void DiplomacyPhase::implement_if_due(int negotiation, const Session& session) {
  const NegotiationSpec& spec = scenario_.negotiations[static_cast<std::size_t>(negotiation)];
  Diplomacy& diplomacy = session.targets.diplomacy;
  Deal& deal = diplomacy.deals[static_cast<std::size_t>(diplomacy.active_deal(negotiation))];
  if (deal.implemented || session.tick.tick() < deal.implement_tick) {
    return;
  }
  const double delivered = delivered_share(scenario_, spec);
  for (std::size_t k = 0; k < spec.asks.size(); ++k) {
    if ((deal.items >> k) & 1U) {
      hold(negotiation, spec.asks[k], delivered, session);
    }
  }
  deal.implemented = true;
}

void DiplomacyPhase::pay(int negotiation, const Session& session) const {
  Diplomacy& diplomacy = session.targets.diplomacy;
  const NegotiationSpec& spec = scenario_.negotiations[static_cast<std::size_t>(negotiation)];
  Deal& deal = diplomacy.deals[static_cast<std::size_t>(diplomacy.active_deal(negotiation))];
  double per_month = 0;
  switch (spec.conditionality) {
    case Conditionality::none:
    case Conditionality::reverse:
      per_month = deal.payment_per_month;
      break;
    case Conditionality::positive:
      per_month = deal.payment_per_month * deal.compliance;
      break;
    case Conditionality::negative:
      per_month = 0;
      break;
  }
  // Fixed money the demander offered (budget support, funding) is paid regardless.
  for (std::size_t k = spec.asks.size(); k < spec.asks.size() + spec.offers.size(); ++k) {
    const InstrumentSpec& offer =
        scenario_.instruments[static_cast<std::size_t>(agenda_item(spec, k))];
    if (((deal.items >> k) & 1U) && traits_of(offer.type).money == InstrumentMoney::fixed_amount) {
      per_month += session.view.stances.amount(agenda_item(spec, k));
    }
  }
  // Paid from the demander's budget line: a line that cannot meet the payment pays what is left
  // and the deal ends, breached by non-payment (the partner's call).
  const double due = per_month * session.tick.months();
  const double amount =
      draw_from_budget(session.targets.treasury, scenario_.actor_of(spec.demander), due);
  if (fell_short(amount, due)) {
    end_deal(negotiation, DealStatus::breached, scenario_.actor_of(spec.partner), session);
  }
  diplomacy.deal_payment(negotiation) = amount;
  deal.paid += amount;
  book_to_party(scenario_, spec.partner,
                amount * conduct_of(scenario_, scenario_.actor_of(spec.partner)).leakage,
                diplomacy.leaked);
}

void DiplomacyPhase::bargain(int negotiation, const Session& session) {
  Diplomacy& diplomacy = session.targets.diplomacy;
  const NegotiationSpec& spec = scenario_.negotiations[static_cast<std::size_t>(negotiation)];
  const BargainOutcome outcome =
      bargainer_.evaluate(negotiation, session.tick, session.valuation, session.view.diplomacy);
  diplomacy.evaluations(negotiation) += 1;
  diplomacy.surplus(negotiation) = outcome.surplus;
  const int active = diplomacy.active_deal(negotiation);
  if (active >= 0) {
    // Renegotiation: the partner reopens a standing deal when its leverage now buys clearly
    // more than it gets.
    const Deal& deal = diplomacy.deals[static_cast<std::size_t>(active)];
    if (outcome.agreement &&
        outcome.payment > (1.0 + spec.renegotiation_margin) * deal.payment_per_month &&
        outcome.payment > 0) {
      end_deal(negotiation, DealStatus::renegotiated, scenario_.actor_of(spec.partner), session);
      sign(negotiation, outcome, session);
    } else if (learner_.effect_fell(negotiation, active, spec.renegotiation_margin,
                                    session.view.diplomacy)) {
      // A rebound: the demander learned that what it pays for does clearly less than it
      // believed at signing, and reopens the deal on what it now believes.
      end_deal(negotiation, DealStatus::renegotiated, table_at(scenario_, negotiation).demander,
               session);
      if (outcome.agreement) {
        sign(negotiation, outcome, session);
      }
    }
    return;
  }
  if (outcome.agreement) {
    sign(negotiation, outcome, session);
  } else {
    respond_to_failure(negotiation, outcome, session);
  }
}

void DiplomacyPhase::sign(int negotiation, const BargainOutcome& outcome, const Session& session) {
  Diplomacy& diplomacy = session.targets.diplomacy;
  const Table table = table_at(scenario_, negotiation);
  const int tick = session.tick.tick();
  const int deal_index = static_cast<int>(diplomacy.deals.size());
  log_agreement(negotiation, deal_index, outcome, session);
  concede_threats_in_force(negotiation, deal_index, session);

  Deal deal;
  deal.negotiation = negotiation;
  deal.signed_tick = tick;
  deal.implement_tick = tick + implementation_lag_ticks_[static_cast<std::size_t>(negotiation)];
  deal.end_tick = tick + duration_ticks_[static_cast<std::size_t>(negotiation)];
  deal.items = outcome.items;
  deal.payment_per_month = outcome.payment;
  deal.demander_gain = outcome.payoff.demander;
  deal.partner_gain = outcome.payoff.partner;
  deal.partner_government = government_of(scenario_, table.partner, session.view.policy);
  deal.demander_government = government_of(scenario_, table.demander, session.view.policy);
  diplomacy.deals.push_back(deal);
  diplomacy.active_deal(negotiation) = deal_index;
  diplomacy.agreed_last(negotiation) = 1;
  // The demander's offers take effect at once; the partner's asks after the implementation lag
  // (monitor_deal starts them, this tick when there is no lag).
  const NegotiationSpec& spec = table.spec;
  for (std::size_t k = spec.asks.size(); k < spec.asks.size() + spec.offers.size(); ++k) {
    if ((outcome.items >> k) & 1U) {
      hold(negotiation, agenda_item(spec, k), 1.0, session);
    }
  }
  implement_if_due(negotiation, session);
}

// The log of a signature: the proposal, the threats it reflects, the acceptance, and the
// threatened sides' concessions.
void DiplomacyPhase::log_agreement(int negotiation, int deal, const BargainOutcome& outcome,
                                   const Session& session) const {
  const Table table = table_at(scenario_, negotiation);
  const int demander = table.demander;
  const int partner = table.partner;
  const bool partner_proposes = table.spec.conditionality == Conditionality::reverse;
  log(session, negotiation, deal, NegotiationAction::proposed,
      partner_proposes ? partner : demander, -1, outcome.payment);
  for (const auto& [threat, user, credibility] :
       {std::tuple{outcome.demander_threat, demander, outcome.demander_credibility},
        std::tuple{outcome.partner_threat, partner, outcome.partner_credibility}}) {
    if (threat >= 0) {
      log(session, negotiation, deal, NegotiationAction::threat_announced, user, threat,
          credibility);
    }
  }
  log(session, negotiation, deal, NegotiationAction::accepted,
      partner_proposes ? demander : partner, -1, outcome.payment);
  for (const auto& [threat, target] :
       {std::pair{outcome.demander_threat, partner}, std::pair{outcome.partner_threat, demander}}) {
    if (threat >= 0) {
      log(session, negotiation, deal, NegotiationAction::threat_conceded, target, threat, 0);
      session.targets.diplomacy.announced(threat) = 0;
    }
  }
}

// A deal ends the threats each side has carried out at the table: that is what was conceded.
void DiplomacyPhase::concede_threats_in_force(int negotiation, int deal,
                                              const Session& session) const {
  Diplomacy& diplomacy = session.targets.diplomacy;
  const Table table = table_at(scenario_, negotiation);
  for (int t : table.spec.threats) {
    if (diplomacy.in_force(t) != 0 && !diplomacy.held_elsewhere(t, negotiation)) {
      const int user = side_of(scenario_, table, t);
      end_instrument(scenario_, t, session.targets);
      log(session, negotiation, deal, NegotiationAction::threat_conceded,
          user == table.demander ? table.partner : table.demander, t, 0);
    }
    diplomacy.announced(t) = 0;
  }
}

void DiplomacyPhase::end_deal(int negotiation, DealStatus status, int actor,
                              const Session& session) const {
  Diplomacy& diplomacy = session.targets.diplomacy;
  const NegotiationSpec& spec = scenario_.negotiations[static_cast<std::size_t>(negotiation)];
  const int tick = session.tick.tick();
  const int index = diplomacy.active_deal(negotiation);
  Deal& deal = diplomacy.deals[static_cast<std::size_t>(index)];
  for (std::size_t k = 0; k < spec.asks.size() + spec.offers.size(); ++k) {
    const int instrument = agenda_item(spec, k);
    if (((deal.items >> k) & 1U) && diplomacy.in_force(instrument) != 0 &&
        !diplomacy.held_elsewhere(instrument, negotiation)) {
      end_instrument(scenario_, instrument, session.targets);
    }
  }
  deal.status = status;
  deal.closed_tick = tick;
  diplomacy.active_deal(negotiation) = -1;
  diplomacy.deal_payment(negotiation) = 0;
  diplomacy.changed(negotiation) = 1;
  diplomacy.next_bargain_tick(negotiation) =
      status == DealStatus::renegotiated
          ? tick
          : tick + std::max(1, cooldown_ticks_[static_cast<std::size_t>(negotiation)]);
  NegotiationAction action = NegotiationAction::deal_expired;
  switch (status) {
    case DealStatus::expired:
    case DealStatus::active:
      action = NegotiationAction::deal_expired;
      break;
    case DealStatus::breached:
      action = NegotiationAction::deal_breached;
      break;
    case DealStatus::voided:
      action = NegotiationAction::deal_voided;
      break;
    case DealStatus::renegotiated:
      action = NegotiationAction::deal_renegotiated;
      break;
  }
  log(session, negotiation, index, action, actor, -1, deal.payment_per_month);
}

// Puts an instrument in force for this table, which then holds it. One held by another table
// is left as it is: its state is the instrument's, not the table's.
void DiplomacyPhase::hold(int negotiation, int instrument, double delivered,
                          const Session& session) const {
  Diplomacy& diplomacy = session.targets.diplomacy;
  if (diplomacy.held_elsewhere(instrument, negotiation)) {
    return;
  }
  start_instrument(scenario_, instrument, delivered, session.targets);
  diplomacy.holder(instrument) = negotiation;
}

void DiplomacyPhase::carry_out(int negotiation, int threat, double credibility,
                               const Session& session) const {
  Diplomacy& diplomacy = session.targets.diplomacy;
  // The side that uses it bears its reputation (a bloc for a member's instrument).
  const int user = side_of(scenario_, table_at(scenario_, negotiation), threat);
  hold(negotiation, threat, 1.0, session);
  diplomacy.announced(threat) = 0;
  diplomacy.threat_tick(threat) = session.tick.tick();
  diplomacy.changed(negotiation) = 1;
  // It bites for threat_bite_months before the table bargains again (the next tick without).
  int& next_bargain = diplomacy.next_bargain_tick(negotiation);
  next_bargain = std::max(next_bargain, session.tick.tick() + bite_ticks_);
  double& reputation = diplomacy.reputation(user);
  reputation += scenario_.diplomacy.reputation_step * (1.0 - reputation);
  log(session, negotiation, -1, NegotiationAction::threat_carried_out, user, threat, credibility);
}

void DiplomacyPhase::abandon(int negotiation, int threat, const Session& session) const {
  Diplomacy& diplomacy = session.targets.diplomacy;
  // The side that uses it bears its reputation (a bloc for a member's instrument).
  const int user = side_of(scenario_, table_at(scenario_, negotiation), threat);
  if (diplomacy.in_force(threat) != 0) {
    end_instrument(scenario_, threat, session.targets);
  }
  diplomacy.announced(threat) = 0;
  diplomacy.changed(negotiation) = 1;
  double& reputation = diplomacy.reputation(user);
  reputation -= scenario_.diplomacy.reputation_step * reputation;
  const ActorConduct& conduct = conduct_of(scenario_, user);
  diplomacy.audience_costs(user) += conduct.democracy * conduct.audience_cost;
  log(session, negotiation, -1, NegotiationAction::threat_abandoned, user, threat,
      diplomacy.credibility(threat));
}

void DiplomacyPhase::respond_to_failure(int negotiation, const BargainOutcome& outcome,
                                        const Session& session) {
  Diplomacy& diplomacy = session.targets.diplomacy;
  if (diplomacy.agreed_last(negotiation) != 0 || diplomacy.evaluations(negotiation) == 1) {
    log(session, negotiation, -1, NegotiationAction::no_agreement, -1, -1, outcome.surplus);
  }
  diplomacy.agreed_last(negotiation) = 0;
  // The demander decides first; the partner then weighs its threats against what the
  // demander's carried-out threat changed.
  std::array<int, 2> carried{-1, -1};
  for (const bool demanders : {true, false}) {
    const ThreatChoice best = best_threat(negotiation, demanders, session);
    if (best.instrument >= 0) {
      carry_out(negotiation, best.instrument, best.credibility, session);
      carried[demanders ? 0 : 1] = best.instrument;
    }
  }
  call_off_threats(negotiation, outcome, carried, session);
  announce_threats(negotiation, outcome, session);
}

// The threat a side is best off carrying out now, if any pays: what it costs by itself, plus
// what the bargain it would then force is worth (any deal reverts the threat), plus the other
// side's expected answer. The forced deal is not struck at once: the threat bites (and costs its
// user) for threat_bite_months before the table bargains again, so the deal pays only for the
// rest of the horizon. Records every candidate's credibility.
DiplomacyPhase::ThreatChoice DiplomacyPhase::best_threat(int negotiation, bool demanders,
                                                         const Session& session) {
  Diplomacy& diplomacy = session.targets.diplomacy;
  const Table table = table_at(scenario_, negotiation);
  const int user = demanders ? table.demander : table.partner;
  ThreatChoice best;
  double best_value = 0;
  std::optional<double> retaliation;  // the same for every candidate: worked out once
  for (int t : table.spec.threats) {
    if (side_of(scenario_, table, t) != user || diplomacy.in_force(t) != 0) {
      continue;
    }
    const PartyValues effect = session.valuation.use(t, table.demander, table.partner);
    const BargainOutcome forced = bargainer_.evaluate(negotiation, session.tick, session.valuation,
                                                      session.view.diplomacy, t);
    const double own = demanders ? effect.demander : effect.partner;
    if (!retaliation) {
      retaliation = expected_retaliation(table, user, demanders, session);
    }
    // The forced bargain's payoff is counted from the world with the threat in force; it is
    // collected only once the threat has bitten.
    const double after =
        forced.agreement ? (demanders ? forced.payoff.demander : forced.payoff.partner) : 0.0;
    const double value = own + (1.0 - bite_share_) * after + *retaliation;
    diplomacy.credibility(t) =
        bargainer_.credibility(t, effect, user, demanders, session.view.diplomacy);
    if (value > best_value) {
      best = {t, diplomacy.credibility(t)};
      best_value = value;
    }
  }
  return best;
}

// What the other side's most damaging credible counter-threat is expected to cost the user's
// side (0 or less).
double DiplomacyPhase::expected_retaliation(const Table& table, int user, bool demanders,
                                            const Session& session) const {
  const Diplomacy& diplomacy = session.view.diplomacy;
  double retaliation = 0;
  for (int j : table.spec.threats) {
    const int counter_user = side_of(scenario_, table, j);
    if (counter_user == user || diplomacy.in_force(j) != 0) {
      continue;
    }
    const PartyValues hit = session.valuation.use(j, table.demander, table.partner);
    const double expected = bargainer_.credibility(j, hit, counter_user, !demanders, diplomacy) *
                            (demanders ? hit.demander : hit.partner);
    retaliation = std::min(retaliation, expected);
  }
  return retaliation;
}

// Threats in force that cost their user and force no deal are called off; announced threats
// the failed bargain no longer rests on are withdrawn. Both cost reputation. Neither happens
// within a threat's minimum term (committed).
void DiplomacyPhase::call_off_threats(int negotiation, const BargainOutcome& outcome,
                                      const std::array<int, 2>& carried,
                                      const Session& session) const {
  const Diplomacy& diplomacy = session.view.diplomacy;
  const Table table = table_at(scenario_, negotiation);
  for (int t : table.spec.threats) {
    const int user = side_of(scenario_, table, t);
    if (diplomacy.held_elsewhere(t, negotiation) || committed(t, session)) {
      continue;  // another table's to end, or it stands for its minimum term
    }
    if (diplomacy.in_force(t) != 0) {
      const PartyValues effect = session.valuation.use(t, table.demander, table.partner);
      const double own = user == table.demander ? effect.demander : effect.partner;
      if (own < 0 && t != carried[0] && t != carried[1]) {
        abandon(negotiation, t, session);
      }
    } else if (diplomacy.announced(t) != 0 && t != outcome.demander_threat &&
               t != outcome.partner_threat) {
      abandon(negotiation, t, session);
    }
  }
}

// The threats the failed bargain rested on are now on the table.
void DiplomacyPhase::announce_threats(int negotiation, const BargainOutcome& outcome,
                                      const Session& session) const {
  Diplomacy& diplomacy = session.targets.diplomacy;
  const Table table = table_at(scenario_, negotiation);
  for (const auto& [threat, user, credibility] :
       {std::tuple{outcome.demander_threat, table.demander, outcome.demander_credibility},
        std::tuple{outcome.partner_threat, table.partner, outcome.partner_credibility}}) {
    if (threat >= 0 && diplomacy.in_force(threat) == 0 && diplomacy.announced(threat) == 0) {
      diplomacy.announced(threat) = 1;
      diplomacy.threat_tick(threat) = session.tick.tick();
      diplomacy.credibility(threat) = credibility;
      log(session, negotiation, -1, NegotiationAction::threat_announced, user, threat, credibility);
      log(session, negotiation, -1, NegotiationAction::threat_resisted,
          user == table.demander ? table.partner : table.demander, threat, credibility);
    }
  }
}

}  // namespace migdip
