#include "phases/diplomacy/diplomacy_phase.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <tuple>
#include <utility>

#include "migdip/core/calendar.h"
#include "phases/diplomacy/instrument_levers.h"

namespace migdip {
namespace {

// Inputs a table's bargain depends on most, compared between evaluations to skip tables whose
// situation has not moved (see inputs_moved).
constexpr int kInputs = 4;

const ActorConduct& conduct_of(const Scenario& scenario, int actor) {
  return actor < scenario.state_count()
             ? scenario.states[static_cast<std::size_t>(actor)].conduct
             : scenario.blocs[static_cast<std::size_t>(actor - scenario.state_count())].conduct;
}

int government_of(const Scenario& scenario, int actor, const World& world) {
  if (actor < scenario.state_count()) {
    return world.policy.government(actor);
  }
  int sum = 0;
  for (int member :
       scenario.blocs[static_cast<std::size_t>(actor - scenario.state_count())].members) {
    sum += world.policy.government(member);
  }
  return sum;
}

// The share of its commitments the partner delivers: its compliance, less what leaks from the
// money that pays for them (when the table can pay).
double delivered_share(const Scenario& scenario, const NegotiationSpec& spec) {
  const ActorConduct& partner = scenario.states[static_cast<std::size_t>(spec.partner)].conduct;
  const bool paid = spec.payment >= 0 && spec.conditionality != Conditionality::negative;
  return partner.compliance * (1.0 - (paid ? partner.leakage : 0.0));
}

int agenda_item(const NegotiationSpec& spec, std::size_t k) {
  return k < spec.asks.size() ? spec.asks[k] : spec.offers[k - spec.asks.size()];
}

}  // namespace

DiplomacyPhase::DiplomacyPhase(const Scenario& scenario, const Network& network)
    : scenario_(scenario), network_(network), observed_(scenario), bargainer_(scenario) {
  const TickLength length = scenario.settings.tick_length;
  for (const NegotiationSpec& negotiation : scenario.negotiations) {
    monitoring_lag_ticks_.push_back(ticks_in_months(negotiation.monitoring_lag_months, length));
    implementation_lag_ticks_.push_back(
        ticks_in_months(negotiation.implementation_lag_months, length));
    duration_ticks_.push_back(std::max(1, ticks_in_months(negotiation.duration_months, length)));
    cooldown_ticks_.push_back(ticks_in_months(negotiation.cooldown_months, length));
  }
}

void DiplomacyPhase::log(World& world, const TickContext& tick, int negotiation, int deal,
                         NegotiationAction action, int actor, int instrument, double value) const {
  world.diplomacy.log.push_back({tick.tick(), negotiation, deal, action, actor, instrument, value});
}

void DiplomacyPhase::run(const TickContext& tick, World& world) {
  Diplomacy& diplomacy = world.diplomacy;
  diplomacy.deal_payment.setZero();
  diplomacy.leaked.setZero();
  diplomacy.audience_costs.setZero();
  if (scenario_.negotiations.empty()) {
    return;
  }
  observed_.observe(world, network_);
  const Valuation valuation(scenario_, network_, tick, world, observed_);
  for (int n = 0; n < scenario_.negotiation_count(); ++n) {
    if (tick.tick() < scenario_.negotiations[static_cast<std::size_t>(n)].start_tick) {
      continue;
    }
    if (diplomacy.active_deal(n) >= 0) {
      monitor_deal(n, tick, world);
    }
    if (tick.tick() >= diplomacy.next_bargain_tick(n) && inputs_moved(n, world)) {
      bargain(n, tick, valuation, world);
    }
  }
  // Every deal standing after the bargaining is paid once for the tick, under its terms.
  for (int n = 0; n < scenario_.negotiation_count(); ++n) {
    if (diplomacy.active_deal(n) >= 0) {
      pay(n, tick, world);
    }
  }
}

bool DiplomacyPhase::inputs_moved(int negotiation, World& world) const {
  const NegotiationSpec& spec = scenario_.negotiations[static_cast<std::size_t>(negotiation)];
  Diplomacy& diplomacy = world.diplomacy;
  Eigen::Array<double, 1, kInputs> inputs;
  double outflow = 0;
  for (int c : network_.outgoing(spec.partner)) {
    outflow += observed_.arrivals(c);
  }
  double salience = 0;
  const int demander = scenario_.actor_of(spec.demander);
  if (demander < scenario_.state_count()) {
    salience = world.politics.salience(demander);
  } else {
    for (int member : scenario_.blocs[static_cast<std::size_t>(spec.demander.index)].members) {
      salience += world.politics.salience(member);
    }
  }
  inputs << outflow, observed_.pool(spec.partner), salience,
      diplomacy.reputation(spec.partner) + diplomacy.reputation(demander);
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
                                           const World& world) const {
  const NegotiationSpec& spec = scenario_.negotiations[static_cast<std::size_t>(negotiation)];
  const double promised =
      scenario_.states[static_cast<std::size_t>(spec.partner)].conduct.compliance;
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
    const double baseline = world.diplomacy.baseline(instrument);
    double in_force = lever_value(ask, world);
    // Enforcement is judged by what is in force, not by the target the partner announced.
    if (ask.type == InstrumentType::exit_enforcement || ask.type == InstrumentType::departure_ban) {
      in_force = world.policy.lever(Lever::exit_enforcement)(ask.user.index);
    } else if (ask.type == InstrumentType::entry_enforcement) {
      in_force = world.policy.lever(Lever::entry_enforcement)(ask.user.index);
    }
    const double committed =
        ask.type == InstrumentType::deployment_ban || ask.type == InstrumentType::refuse_readmission
            ? 0.0
            : ask.level;
    const double span = committed - baseline;
    sum += std::abs(span) > 1e-12 ? std::clamp((in_force - baseline) / span, 0.0, 1.0) : promised;
  }
  return counted > 0 ? sum / counted : 1.0;
}

void DiplomacyPhase::monitor_deal(int negotiation, const TickContext& tick, World& world) {
  Diplomacy& diplomacy = world.diplomacy;
  const NegotiationSpec& spec = scenario_.negotiations[static_cast<std::size_t>(negotiation)];
  Deal& deal = diplomacy.deals[static_cast<std::size_t>(diplomacy.active_deal(negotiation))];
  const int demander = scenario_.actor_of(spec.demander);

  // A new government is not bound by its predecessor's word.
  if (government_of(scenario_, spec.partner, world) != deal.partner_government) {
    end_deal(negotiation, DealStatus::voided, spec.partner, tick, world);
    return;
  }
  if (government_of(scenario_, demander, world) != deal.demander_government) {
    end_deal(negotiation, DealStatus::voided, demander, tick, world);
    return;
  }
  if (tick.tick() >= deal.end_tick) {
    end_deal(negotiation, DealStatus::expired, -1, tick, world);
    return;
  }
  implement_if_due(negotiation, tick, world);

  // What is in force now was decided up to last tick: a measurement at tick t shows delivery on
  // commitments taken effect before t. The demander sees it monitoring_lag later.
  const int slots = static_cast<int>(diplomacy.compliance_history.cols());
  diplomacy.compliance_history(negotiation, tick.tick() % slots) =
      measured_compliance(negotiation, deal, world);
  const int lag = monitoring_lag_ticks_[static_cast<std::size_t>(negotiation)];
  const int seen_tick = tick.tick() - lag;
  const bool observable = seen_tick > deal.implement_tick;
  deal.compliance = observable ? diplomacy.compliance_history(negotiation, seen_tick % slots) : 1.0;
  if (observable && deal.compliance < spec.breach_threshold) {
    end_deal(negotiation, DealStatus::breached, demander, tick, world);
    // Less for less: a breach under negative conditionality triggers the demander's aid cut.
    if (spec.conditionality == Conditionality::negative) {
      for (int t : spec.threats) {
        const InstrumentSpec& threat = scenario_.instruments[static_cast<std::size_t>(t)];
        if (threat.type == InstrumentType::aid_cut && scenario_.actor_of(threat.user) == demander &&
            diplomacy.in_force(t) == 0) {
          carry_out(negotiation, t, 1.0, tick, world);
        }
      }
    }
    return;
  }
}

void DiplomacyPhase::implement_if_due(int negotiation, const TickContext& tick, World& world) {
  const NegotiationSpec& spec = scenario_.negotiations[static_cast<std::size_t>(negotiation)];
  Deal& deal =
      world.diplomacy.deals[static_cast<std::size_t>(world.diplomacy.active_deal(negotiation))];
  if (deal.implemented || tick.tick() < deal.implement_tick) {
    return;
  }
  const double delivered = delivered_share(scenario_, spec);
  for (std::size_t k = 0; k < spec.asks.size(); ++k) {
    if ((deal.items >> k) & 1U) {
      start_instrument(scenario_, spec.asks[k], delivered, world);
    }
  }
  deal.implemented = true;
}

void DiplomacyPhase::pay(int negotiation, const TickContext& tick, World& world) {
  Diplomacy& diplomacy = world.diplomacy;
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
    if (((deal.items >> k) & 1U) && (offer.type == InstrumentType::budget_support ||
                                     offer.type == InstrumentType::migration_funding)) {
      per_month += offer.amount;
    }
  }
  const double amount = per_month * tick.months();
  diplomacy.deal_payment(negotiation) = amount;
  deal.paid += amount;
  diplomacy.leaked(spec.partner) +=
      amount * scenario_.states[static_cast<std::size_t>(spec.partner)].conduct.leakage;
}

void DiplomacyPhase::bargain(int negotiation, const TickContext& tick, const Valuation& valuation,
                             World& world) {
  Diplomacy& diplomacy = world.diplomacy;
  const NegotiationSpec& spec = scenario_.negotiations[static_cast<std::size_t>(negotiation)];
  const BargainOutcome outcome = bargainer_.evaluate(negotiation, tick, valuation, world);
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
      end_deal(negotiation, DealStatus::renegotiated, spec.partner, tick, world);
      sign(negotiation, outcome, tick, world);
    }
    return;
  }
  if (outcome.agreement) {
    sign(negotiation, outcome, tick, world);
  } else {
    respond_to_failure(negotiation, outcome, tick, valuation, world);
  }
}

void DiplomacyPhase::sign(int negotiation, const BargainOutcome& outcome, const TickContext& tick,
                          World& world) {
  Diplomacy& diplomacy = world.diplomacy;
  const NegotiationSpec& spec = scenario_.negotiations[static_cast<std::size_t>(negotiation)];
  const int demander = scenario_.actor_of(spec.demander);
  const int partner = spec.partner;
  const bool partner_proposes = spec.conditionality == Conditionality::reverse;
  const int deal_index = static_cast<int>(diplomacy.deals.size());

  log(world, tick, negotiation, deal_index, NegotiationAction::proposed,
      partner_proposes ? partner : demander, -1, outcome.payment);
  for (const auto& [threat, user, credibility] :
       {std::tuple{outcome.demander_threat, demander, outcome.demander_credibility},
        std::tuple{outcome.partner_threat, partner, outcome.partner_credibility}}) {
    if (threat >= 0) {
      log(world, tick, negotiation, deal_index, NegotiationAction::threat_announced, user, threat,
          credibility);
    }
  }
  log(world, tick, negotiation, deal_index, NegotiationAction::accepted,
      partner_proposes ? demander : partner, -1, outcome.payment);
  for (const auto& [threat, target] :
       {std::pair{outcome.demander_threat, partner}, std::pair{outcome.partner_threat, demander}}) {
    if (threat >= 0) {
      log(world, tick, negotiation, deal_index, NegotiationAction::threat_conceded, target, threat,
          0);
      diplomacy.announced(threat) = 0;
    }
  }
  // A deal ends the threats each side has carried out at this table: that is what was conceded.
  for (int t : spec.threats) {
    if (diplomacy.in_force(t) != 0) {
      const InstrumentSpec& threat = scenario_.instruments[static_cast<std::size_t>(t)];
      const int user = scenario_.actor_of(threat.user);
      end_instrument(scenario_, t, world);
      log(world, tick, negotiation, deal_index, NegotiationAction::threat_conceded,
          user == demander ? partner : demander, t, 0);
    }
    diplomacy.announced(t) = 0;
  }

  Deal deal;
  deal.negotiation = negotiation;
  deal.signed_tick = tick.tick();
  deal.implement_tick =
      tick.tick() + implementation_lag_ticks_[static_cast<std::size_t>(negotiation)];
  deal.end_tick = tick.tick() + duration_ticks_[static_cast<std::size_t>(negotiation)];
  deal.items = outcome.items;
  deal.payment_per_month = outcome.payment;
  deal.demander_gain = outcome.payoff.demander;
  deal.partner_gain = outcome.payoff.partner;
  deal.partner_government = government_of(scenario_, partner, world);
  deal.demander_government = government_of(scenario_, demander, world);
  diplomacy.deals.push_back(deal);
  diplomacy.active_deal(negotiation) = deal_index;
  diplomacy.agreed_last(negotiation) = 1;
  // The demander's offers take effect at once; the partner's asks after the implementation lag
  // (monitor_deal starts them, this tick when there is no lag).
  for (std::size_t k = spec.asks.size(); k < spec.asks.size() + spec.offers.size(); ++k) {
    if ((outcome.items >> k) & 1U) {
      start_instrument(scenario_, agenda_item(spec, k), 1.0, world);
    }
  }
  implement_if_due(negotiation, tick, world);
}

void DiplomacyPhase::end_deal(int negotiation, DealStatus status, int actor,
                              const TickContext& tick, World& world) {
  Diplomacy& diplomacy = world.diplomacy;
  const NegotiationSpec& spec = scenario_.negotiations[static_cast<std::size_t>(negotiation)];
  const int index = diplomacy.active_deal(negotiation);
  Deal& deal = diplomacy.deals[static_cast<std::size_t>(index)];
  for (std::size_t k = 0; k < spec.asks.size() + spec.offers.size(); ++k) {
    const int instrument = agenda_item(spec, k);
    if (((deal.items >> k) & 1U) && diplomacy.in_force(instrument) != 0) {
      end_instrument(scenario_, instrument, world);
    }
  }
  deal.status = status;
  deal.closed_tick = tick.tick();
  diplomacy.active_deal(negotiation) = -1;
  diplomacy.deal_payment(negotiation) = 0;
  diplomacy.changed(negotiation) = 1;
  diplomacy.next_bargain_tick(negotiation) =
      status == DealStatus::renegotiated
          ? tick.tick()
          : tick.tick() + std::max(1, cooldown_ticks_[static_cast<std::size_t>(negotiation)]);
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
  log(world, tick, negotiation, index, action, actor, -1, deal.payment_per_month);
}

void DiplomacyPhase::carry_out(int negotiation, int threat, double credibility,
                               const TickContext& tick, World& world) {
  Diplomacy& diplomacy = world.diplomacy;
  const int user = scenario_.actor_of(scenario_.instruments[static_cast<std::size_t>(threat)].user);
  start_instrument(scenario_, threat, 1.0, world);
  diplomacy.announced(threat) = 0;
  diplomacy.changed(negotiation) = 1;
  double& reputation = diplomacy.reputation(user);
  reputation += scenario_.diplomacy.reputation_step * (1.0 - reputation);
  log(world, tick, negotiation, -1, NegotiationAction::threat_carried_out, user, threat,
      credibility);
}

void DiplomacyPhase::abandon(int negotiation, int threat, const TickContext& tick, World& world) {
  Diplomacy& diplomacy = world.diplomacy;
  const int user = scenario_.actor_of(scenario_.instruments[static_cast<std::size_t>(threat)].user);
  if (diplomacy.in_force(threat) != 0) {
    end_instrument(scenario_, threat, world);
  }
  diplomacy.announced(threat) = 0;
  diplomacy.changed(negotiation) = 1;
  double& reputation = diplomacy.reputation(user);
  reputation -= scenario_.diplomacy.reputation_step * reputation;
  const ActorConduct& conduct = conduct_of(scenario_, user);
  diplomacy.audience_costs(user) += conduct.democracy * conduct.audience_cost;
  log(world, tick, negotiation, -1, NegotiationAction::threat_abandoned, user, threat,
      diplomacy.credibility(threat));
}

void DiplomacyPhase::respond_to_failure(int negotiation, const BargainOutcome& outcome,
                                        const TickContext& tick, const Valuation& valuation,
                                        World& world) {
  Diplomacy& diplomacy = world.diplomacy;
  const NegotiationSpec& spec = scenario_.negotiations[static_cast<std::size_t>(negotiation)];
  const int demander = scenario_.actor_of(spec.demander);
  const int partner = spec.partner;
  if (diplomacy.agreed_last(negotiation) != 0 || diplomacy.evaluations(negotiation) == 1) {
    log(world, tick, negotiation, -1, NegotiationAction::no_agreement, -1, -1, outcome.surplus);
  }
  diplomacy.agreed_last(negotiation) = 0;

  // Each side weighs carrying out each of its threats: what it costs by itself, plus what the
  // bargain it would then force is worth (any deal reverts the threat).
  std::array<int, 2> carried{-1, -1};
  for (const bool demanders : {true, false}) {
    const int user = demanders ? demander : partner;
    int best = -1;
    double best_value = 0;
    double best_credibility = 0;
    for (int t : spec.threats) {
      const InstrumentSpec& threat = scenario_.instruments[static_cast<std::size_t>(t)];
      if (scenario_.actor_of(threat.user) != user || diplomacy.in_force(t) != 0) {
        continue;
      }
      const PartyValues effect = valuation.use(t, demander, partner);
      const BargainOutcome forced = bargainer_.evaluate(negotiation, tick, valuation, world, t);
      const double own = demanders ? effect.demander : effect.partner;
      const double after =
          forced.agreement ? (demanders ? forced.payoff.demander : forced.payoff.partner) : 0.0;
      // The other side may answer in kind: count its most damaging credible counter-threat.
      double retaliation = 0;
      for (int j : spec.threats) {
        const InstrumentSpec& counter = scenario_.instruments[static_cast<std::size_t>(j)];
        const int counter_user = scenario_.actor_of(counter.user);
        if (counter_user == user || diplomacy.in_force(j) != 0) {
          continue;
        }
        const PartyValues hit = valuation.use(j, demander, partner);
        const double expected = bargainer_.credibility(j, hit, counter_user, !demanders, world) *
                                (demanders ? hit.demander : hit.partner);
        retaliation = std::min(retaliation, expected);
      }
      const double value = own + after + retaliation;
      diplomacy.credibility(t) = bargainer_.credibility(t, effect, user, demanders, world);
      if (value > best_value) {
        best = t;
        best_value = value;
        best_credibility = diplomacy.credibility(t);
      }
    }
    if (best >= 0) {
      carry_out(negotiation, best, best_credibility, tick, world);
      carried[demanders ? 0 : 1] = best;
    }
  }

  // Threats in force that cost their user and force no deal are called off; announced threats
  // the failed bargain no longer rests on are withdrawn. Both cost reputation.
  for (int t : spec.threats) {
    const InstrumentSpec& threat = scenario_.instruments[static_cast<std::size_t>(t)];
    const int user = scenario_.actor_of(threat.user);
    if (diplomacy.in_force(t) != 0) {
      const PartyValues effect = valuation.use(t, demander, partner);
      const double own = user == demander ? effect.demander : effect.partner;
      if (own < 0 && t != carried[0] && t != carried[1]) {
        abandon(negotiation, t, tick, world);
      }
    } else if (diplomacy.announced(t) != 0 && t != outcome.demander_threat &&
               t != outcome.partner_threat) {
      abandon(negotiation, t, tick, world);
    }
  }
  // The threats this failed bargain rested on are now on the table.
  for (const auto& [threat, user, credibility] :
       {std::tuple{outcome.demander_threat, demander, outcome.demander_credibility},
        std::tuple{outcome.partner_threat, partner, outcome.partner_credibility}}) {
    if (threat >= 0 && diplomacy.in_force(threat) == 0 && diplomacy.announced(threat) == 0) {
      diplomacy.announced(threat) = 1;
      diplomacy.credibility(threat) = credibility;
      log(world, tick, negotiation, -1, NegotiationAction::threat_announced, user, threat,
          credibility);
      log(world, tick, negotiation, -1, NegotiationAction::threat_resisted,
          user == demander ? partner : demander, threat, credibility);
    }
  }
}

}  // namespace migdip
