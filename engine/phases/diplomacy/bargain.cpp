#include "phases/diplomacy/bargain.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <span>

#include "migdip/diplomacy/rubinstein.h"

namespace migdip {
namespace {

// Per-round discount factor: patience, times the fear of losing office before an election.
double round_discount(const Scenario& scenario, const ActorConduct& conduct,
                      const TickContext& tick) {
  const double round = scenario.diplomacy.round_months;
  double factor = discount_factor(conduct.patience, round);
  if (conduct.election_tick && *conduct.election_tick > tick.tick()) {
    const double months = (*conduct.election_tick - tick.tick()) *
                          nominal_tick_days(scenario.settings.tick_length) / kDaysPerMonth;
    factor *= election_discount(months, round);
  }
  return factor;
}

}  // namespace

Bargainer::Bargainer(const Scenario& scenario) : scenario_(scenario) {
  std::size_t items = 0;
  std::size_t threats = 0;
  for (const NegotiationSpec& negotiation : scenario.negotiations) {
    items = std::max(items, negotiation.asks.size() + negotiation.offers.size());
    threats = std::max(threats, negotiation.threats.size());
    int demander_threats = 0;
    int partner_threats = 0;
    for (int t : negotiation.threats) {
      const bool demanders =
          scenario.actor_of(scenario.instruments[static_cast<std::size_t>(t)].user) ==
          scenario.actor_of(negotiation.demander);
      (demanders ? demander_threats : partner_threats) += 1;
    }
    for (auto* matrices :
         {&demander_payoffs_, &partner_payoffs_, &game_demander_, &game_partner_}) {
      matrices->emplace_back(demander_threats + 1, partner_threats + 1);
    }
  }
  item_values_.resize(items);
  threat_options_.resize(threats);
  const std::size_t bundles = (std::size_t{1} << items);
  candidates_.resize(bundles);
  bundle_gains_.resize(bundles);
  candidate_items_.resize(bundles);
  candidate_payments_.resize(bundles);
}

double Bargainer::credibility(int instrument, const PartyValues& effect, int user_actor,
                              bool user_is_demander, const Diplomacy& diplomacy) const {
  const double own = user_is_demander ? effect.demander : effect.partner;
  if (own >= 0) {
    return 1.0;  // carrying it out pays by itself
  }
  const ActorConduct& conduct = conduct_of(scenario_, user_actor);
  const double carrying_out = -own * scenario_.diplomacy.horizon_months;
  const double backing_down = conduct.democracy * conduct.audience_cost + conduct.reputation_stake;
  (void)instrument;
  return diplomacy.reputation(user_actor) * std::min(1.0, backing_down / carrying_out);
}

double Bargainer::demander_power(int negotiation, const TickContext& tick) const {
  const NegotiationSpec& spec = scenario_.negotiations[static_cast<std::size_t>(negotiation)];
  const ActorConduct& demander = conduct_of(scenario_, scenario_.actor_of(spec.demander));
  const ActorConduct& partner = scenario_.states[static_cast<std::size_t>(spec.partner)].conduct;
  if (scenario_.diplomacy.protocol == BargainingProtocol::rubinstein) {
    const double demander_discount = round_discount(scenario_, demander, tick);
    const double partner_discount = round_discount(scenario_, partner, tick);
    // The party that sets the terms proposes first: the partner under reverse conditionality.
    if (spec.conditionality == Conditionality::reverse) {
      return 1.0 - rubinstein_proposer_share(partner_discount, demander_discount);
    }
    return rubinstein_proposer_share(demander_discount, partner_discount);
  }
  const double total = demander.bargaining_power + partner.bargaining_power;
  return total > 0 ? demander.bargaining_power / total : 0.5;
}

BargainOutcome Bargainer::evaluate(int negotiation, const TickContext& tick,
                                   const Valuation& valuation, const Diplomacy& diplomacy,
                                   int assumed) {
  const NegotiationSpec& spec = scenario_.negotiations[static_cast<std::size_t>(negotiation)];
  const Table table{spec, scenario_.actor_of(spec.demander), spec.partner};
  const std::size_t items = value_agenda(table, valuation, diplomacy);
  BargainOutcome outcome;
  outcome.power = demander_power(negotiation, tick);
  const ThreatOptions threats = list_threats(table, valuation, diplomacy, assumed);
  expect_retaliation(table, threats.options, diplomacy);
  const std::size_t bundles = value_bundles(items, threats.reverted);
  outcome.surplus = best_surplus(bundles);

  // Nash's variable threats, with the frontier the table really has (payments bounded by the
  // payment instrument, or no money at all): each pair of threats fixes a disagreement point,
  // the bargain at that point gives each party its payoff, and each party picks its threat as a
  // best reply to the other's.
  const double ceiling =
      paid(spec) ? scenario_.instruments[static_cast<std::size_t>(spec.payment)].amount : 0.0;
  set_threat_payoffs(negotiation, threats.options);
  const auto [row, column] = play_threat_game(negotiation, outcome.power, ceiling, bundles);
  const Eigen::MatrixXd& to_demander = demander_payoffs_[static_cast<std::size_t>(negotiation)];
  const Eigen::MatrixXd& to_partner = partner_payoffs_[static_cast<std::size_t>(negotiation)];
  outcome.disagreement = {to_demander(row, column), to_partner(row, column)};
  name_chosen_threats(threats.options, row, column, outcome);

  const Settlement settlement = settle(outcome.disagreement.demander, outcome.disagreement.partner,
                                       outcome.power, ceiling, bundles);
  if (settlement.agreement) {
    outcome.agreement = true;
    outcome.items = candidate_items_[settlement.index];
    outcome.payment = settlement.payment;
    outcome.payoff = settlement.payoff;
    outcome.gains = bundle_gains_[settlement.index];
  }
  return outcome;
}

std::size_t Bargainer::value_agenda(const Table& table, const Valuation& valuation,
                                    const Diplomacy& diplomacy) {
  // The partner delivers its asks only in part (delivered_share).
  const double delivered = delivered_share(scenario_, table.spec);
  const std::size_t asks = table.spec.asks.size();
  const std::size_t items = asks + table.spec.offers.size();
  for (std::size_t k = 0; k < items; ++k) {
    const int instrument = agenda_item(table.spec, k);
    const PartyValues value = valuation.use(instrument, table.demander, table.partner);
    // An ask in force is valued by the lever as delivered already: scale only promises.
    const bool promised = k < asks && diplomacy.in_force(instrument) == 0;
    item_values_[k] = promised ? value.scaled(delivered) : value;
  }
  return items;
}

Bargainer::ThreatOptions Bargainer::list_threats(const Table& table, const Valuation& valuation,
                                                 const Diplomacy& diplomacy, int assumed) {
  // Threats in force (or assumed carried out) are part of the status quo, which any deal
  // reverts; the others are options in the threat game.
  ThreatOptions threats;
  std::size_t options = 0;
  for (int t : table.spec.threats) {
    const InstrumentSpec& threat = scenario_.instruments[static_cast<std::size_t>(t)];
    const int user = scenario_.actor_of(threat.user);
    const PartyValues effect = valuation.use(t, table.demander, table.partner);
    if (diplomacy.in_force(t) != 0 || t == assumed) {
      threats.reverted += -effect;
      continue;
    }
    ThreatOption& option = threat_options_[options++];
    option.instrument = t;
    option.demanders = user == table.demander;
    option.effect = effect;
    option.credibility = credibility(t, effect, user, option.demanders, diplomacy);
  }
  threats.options = std::span<ThreatOption>(threat_options_.data(), options);
  return threats;
}

void Bargainer::expect_retaliation(const Table& table, std::span<ThreatOption> options,
                                   const Diplomacy& diplomacy) const {
  // Carrying out a threat invites the other side's most damaging credible counter-threat: a
  // stick loses its force against a partner that can hit back.
  for (ThreatOption& option : options) {
    PartyValues worst;
    for (const ThreatOption& counter : options) {
      if (counter.demanders == option.demanders) {
        continue;
      }
      const PartyValues expected = counter.effect.scaled(counter.credibility);
      if ((option.demanders ? expected.demander : expected.partner) <
          (option.demanders ? worst.demander : worst.partner)) {
        worst = expected;
      }
    }
    PartyValues with_retaliation = option.effect;
    with_retaliation += worst;
    const int user = option.demanders ? table.demander : table.partner;
    option.credibility = std::min(
        option.credibility,
        credibility(option.instrument, with_retaliation, user, option.demanders, diplomacy));
  }
}

std::size_t Bargainer::value_bundles(std::size_t items, const PartyValues& reverted) {
  // Bundle b - 1 holds agenda item k when bit k of b is set; every deal reverts the threats in
  // force.
  const std::size_t bundles = (std::size_t{1} << items) - 1;
  for (std::size_t b = 1; b <= bundles; ++b) {
    PartyValues gains = reverted;
    for (std::size_t k = 0; k < items; ++k) {
      if ((b >> k) & 1U) {
        gains += item_values_[k];
      }
    }
    bundle_gains_[b - 1] = gains;
    candidate_items_[b - 1] = static_cast<std::uint32_t>(b);
  }
  return bundles;
}

double Bargainer::best_surplus(std::size_t bundles) const {
  // The frontier of the threat game: the largest joint gain of any bundle.
  double best = -std::numeric_limits<double>::infinity();
  for (std::size_t b = 0; b < bundles; ++b) {
    best = std::max(best, bundle_gains_[b].sum());
  }
  return best;
}

void Bargainer::set_threat_payoffs(int negotiation, std::span<const ThreatOption> options) {
  // Rows are the demander's options (none first), columns the partner's. A table's matrices
  // have a row (column) per threat it declares; the rows of threats in force stay zero, the same
  // as "no threat", and map back to no instrument (name_chosen_threats).
  Eigen::MatrixXd& to_demander = demander_payoffs_[static_cast<std::size_t>(negotiation)];
  Eigen::MatrixXd& to_partner = partner_payoffs_[static_cast<std::size_t>(negotiation)];
  to_demander.setZero();
  to_partner.setZero();
  std::array<int, 2> next{1, 1};
  for (const ThreatOption& option : options) {
    const PartyValues expected = option.effect.scaled(option.credibility);
    if (option.demanders) {
      const int r = next[0]++;
      to_demander.row(r).array() += expected.demander;
      to_partner.row(r).array() += expected.partner;
    } else {
      const int c = next[1]++;
      to_demander.col(c).array() += expected.demander;
      to_partner.col(c).array() += expected.partner;
    }
  }
}

std::pair<Eigen::Index, Eigen::Index> Bargainer::play_threat_game(int negotiation, double power,
                                                                  double ceiling,
                                                                  std::size_t bundles) {
  const Eigen::MatrixXd& to_demander = demander_payoffs_[static_cast<std::size_t>(negotiation)];
  const Eigen::MatrixXd& to_partner = partner_payoffs_[static_cast<std::size_t>(negotiation)];
  Eigen::MatrixXd& game_demander = game_demander_[static_cast<std::size_t>(negotiation)];
  Eigen::MatrixXd& game_partner = game_partner_[static_cast<std::size_t>(negotiation)];
  for (Eigen::Index i = 0; i < to_demander.rows(); ++i) {
    for (Eigen::Index j = 0; j < to_demander.cols(); ++j) {
      const Settlement at = settle(to_demander(i, j), to_partner(i, j), power, ceiling, bundles);
      game_demander(i, j) = at.payoff.demander;
      game_partner(i, j) = at.payoff.partner;
    }
  }
  // The first pure equilibrium in row-major order is played; with none, neither threatens.
  for (Eigen::Index i = 0; i < game_demander.rows(); ++i) {
    for (Eigen::Index j = 0; j < game_demander.cols(); ++j) {
      if (game_demander(i, j) >= game_demander.col(j).maxCoeff() &&
          game_partner(i, j) >= game_partner.row(i).maxCoeff()) {
        return {i, j};
      }
    }
  }
  return {0, 0};
}

void Bargainer::name_chosen_threats(std::span<const ThreatOption> options, Eigen::Index row,
                                    Eigen::Index column, BargainOutcome& outcome) {
  // Options take the rows (columns) after "none" in their order (set_threat_payoffs).
  std::array<Eigen::Index, 2> seen{0, 0};
  for (const ThreatOption& option : options) {
    const Eigen::Index position = ++seen[option.demanders ? 0 : 1];
    if (option.demanders && position == row) {
      outcome.demander_threat = option.instrument;
      outcome.demander_credibility = option.credibility;
    } else if (!option.demanders && position == column) {
      outcome.partner_threat = option.instrument;
      outcome.partner_credibility = option.credibility;
    }
  }
}

Bargainer::Settlement Bargainer::settle(double d_demander, double d_partner, double power,
                                        double ceiling, std::size_t bundles) {
  // Price each bundle by the Nash split of its own surplus, within what the payment instrument
  // allows, then let the Nash product choose among the bundles.
  for (std::size_t b = 0; b < bundles; ++b) {
    const PartyValues& gains = bundle_gains_[b];
    const double partner_target =
        d_partner + (1.0 - power) * (gains.sum() - d_demander - d_partner);
    const double payment = std::clamp(partner_target - gains.partner, 0.0, ceiling);
    candidate_payments_[b] = payment;
    candidates_[b] = {gains.demander - payment, gains.partner + payment};
  }
  const NashChoice choice = nash_choice(std::span<const PayoffPair>(candidates_.data(), bundles),
                                        d_demander, d_partner, power);
  Settlement settlement;
  settlement.agreement = choice.agreement;
  settlement.index = choice.index;
  settlement.payment = choice.agreement ? candidate_payments_[choice.index] : 0.0;
  settlement.payoff = {choice.outcome.payoff1, choice.outcome.payoff2};
  return settlement;
}

}  // namespace migdip
