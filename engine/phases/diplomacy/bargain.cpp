#include "phases/diplomacy/bargain.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <span>
#include <utility>
#include <vector>

#include "migdip/diplomacy/rubinstein.h"
#include "phases/budget_lines.h"

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

// The steps of Bargainer::evaluate, in order, working in the bargainer's scratch space. They
// have internal linkage so that the compiler can inline each into its one caller.

/// The agenda items another table holds in force (bit k for item k): they are the instrument's
/// state, not this table's to trade, so no bundle here holds them.
std::uint32_t held_elsewhere(int negotiation, const Table& table, const Diplomacy& diplomacy) {
  std::uint32_t held = 0;
  const std::size_t items = table.spec.asks.size() + table.spec.offers.size();
  for (std::size_t k = 0; k < items; ++k) {
    if (diplomacy.held_elsewhere(agenda_item(table.spec, k), negotiation)) {
      held |= std::uint32_t{1} << k;
    }
  }
  return held;
}

/// Values every agenda item for both sides (in item_values); returns how many there are.
std::size_t value_agenda(const Scenario& scenario, const Table& table, const Valuation& valuation,
                         const Diplomacy& diplomacy, std::vector<PartyValues>& item_values) {
  // The partner delivers its asks only in part (delivered_share).
  const double delivered = delivered_share(scenario, table.spec);
  const std::size_t asks = table.spec.asks.size();
  const std::size_t items = asks + table.spec.offers.size();
  for (std::size_t k = 0; k < items; ++k) {
    const int instrument = agenda_item(table.spec, k);
    const PartyValues value = valuation.use(instrument, table.demander, table.partner);
    // An ask in force is valued by the lever as delivered already: scale only promises.
    const bool promised = k < asks && diplomacy.in_force(instrument) == 0;
    item_values[k] = promised ? value.scaled(delivered) : value;
  }
  return items;
}

/// The threats that are options in the threat game, and the value every deal reverts.
struct ThreatOptions {
  PartyValues reverted;  ///< of the threats in force (or assumed carried out), negated
  std::span<ThreatOption> options;
};

ThreatOptions list_threats(const Bargainer& bargainer, const Scenario& scenario, int negotiation,
                           const Table& table, const Valuation& valuation,
                           const Diplomacy& diplomacy, int assumed,
                           std::vector<ThreatOption>& scratch) {
  // Threats in force (or assumed carried out) are part of the status quo, which any deal
  // reverts; the others are options in the threat game.
  ThreatOptions threats;
  std::size_t options = 0;
  for (int t : table.spec.threats) {
    if (diplomacy.held_elsewhere(t, negotiation)) {
      continue;  // in force for another table: the world as it stands, which no deal here reverts
    }
    const int user = side_of(scenario, table, t);
    const PartyValues effect = valuation.use(t, table.demander, table.partner);
    if (diplomacy.in_force(t) != 0 || t == assumed) {
      threats.reverted += -effect;
      continue;
    }
    ThreatOption& option = scratch[options++];
    option.instrument = t;
    option.demanders = user == table.demander;
    option.effect = effect;
    option.credibility = bargainer.credibility(t, effect, user, option.demanders, diplomacy);
  }
  threats.options = std::span<ThreatOption>(scratch.data(), options);
  return threats;
}

/// Lowers each option's credibility for the counter-threat it would invite: a stick loses its
/// force against a partner that can hit back with its most damaging credible counter-threat.
void expect_retaliation(const Bargainer& bargainer, const Table& table,
                        std::span<ThreatOption> options, const Diplomacy& diplomacy) {
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
    option.credibility =
        std::min(option.credibility, bargainer.credibility(option.instrument, with_retaliation,
                                                           user, option.demanders, diplomacy));
  }
}

/// The gains of every non-empty bundle of `items` agenda items that holds none of `excluded`,
/// before any payment, in order of b, the bundle holding item k when bit k of b is set (with
/// nothing excluded, bundle b is at b - 1). Every deal reverts the threats in force. Returns how
/// many bundles there are.
std::size_t value_bundles(std::size_t items, std::uint32_t excluded, const PartyValues& reverted,
                          const std::vector<PartyValues>& item_values,
                          std::vector<PartyValues>& bundle_gains,
                          std::vector<std::uint32_t>& bundle_items) {
  const std::size_t last = (std::size_t{1} << items) - 1;
  std::size_t bundles = 0;
  for (std::size_t b = 1; b <= last; ++b) {
    if ((b & excluded) != 0) {
      continue;
    }
    PartyValues gains = reverted;
    for (std::size_t k = 0; k < items; ++k) {
      if ((b >> k) & 1U) {
        gains += item_values[k];
      }
    }
    bundle_gains[bundles] = gains;
    bundle_items[bundles] = static_cast<std::uint32_t>(b);
    ++bundles;
  }
  return bundles;
}

/// The frontier of the threat game: the largest joint gain of any bundle.
double best_surplus(std::span<const PartyValues> bundle_gains) {
  double best = -std::numeric_limits<double>::infinity();
  for (const PartyValues& gains : bundle_gains) {
    best = std::max(best, gains.sum());
  }
  return best;
}

/// The threat game's expected payoffs. Rows are the demander's options (none first), columns
/// the partner's. A table's matrices have a row (column) per threat it declares; the rows of
/// threats in force stay zero, the same as "no threat", and map back to no instrument
/// (name_chosen_threats).
void set_threat_payoffs(std::span<const ThreatOption> options, Eigen::MatrixXd& to_demander,
                        Eigen::MatrixXd& to_partner) {
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

/// The row (the demander's threat) and column (the partner's) the threat game settles on: each
/// cell's disagreement point is bargained from (`settle_at` gives the payoffs), and the first
/// pure equilibrium in row-major order is played; with none, neither threatens.
template <typename SettleAt>
std::pair<Eigen::Index, Eigen::Index> play_threat_game(const Eigen::MatrixXd& to_demander,
                                                       const Eigen::MatrixXd& to_partner,
                                                       Eigen::MatrixXd& game_demander,
                                                       Eigen::MatrixXd& game_partner,
                                                       SettleAt settle_at) {
  for (Eigen::Index i = 0; i < to_demander.rows(); ++i) {
    for (Eigen::Index j = 0; j < to_demander.cols(); ++j) {
      const PartyValues payoff = settle_at(to_demander(i, j), to_partner(i, j));
      game_demander(i, j) = payoff.demander;
      game_partner(i, j) = payoff.partner;
    }
  }
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

/// Maps the chosen row and column back to instruments: options take the rows (columns) after
/// "none" in their order (set_threat_payoffs).
void name_chosen_threats(std::span<const ThreatOption> options, Eigen::Index row,
                         Eigen::Index column, BargainOutcome& outcome) {
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
      const bool demanders = on_side(scenario, scenario.actor_of(negotiation.demander), t);
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
  const ActorConduct& partner = conduct_of(scenario_, scenario_.actor_of(spec.partner));
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
  const auto table_index = static_cast<std::size_t>(negotiation);
  const Table table = table_at(scenario_, negotiation);
  const std::size_t items = value_agenda(scenario_, table, valuation, diplomacy, item_values_);
  BargainOutcome outcome;
  outcome.power = demander_power(negotiation, tick);
  const ThreatOptions threats = list_threats(*this, scenario_, negotiation, table, valuation,
                                             diplomacy, assumed, threat_options_);
  expect_retaliation(*this, table, threats.options, diplomacy);
  const std::size_t bundles =
      value_bundles(items, held_elsewhere(negotiation, table, diplomacy), threats.reverted,
                    item_values_, bundle_gains_, candidate_items_);
  // With every item held at other tables there is nothing to trade here.
  outcome.surplus = bundles > 0 ? best_surplus(std::span(bundle_gains_.data(), bundles)) : 0.0;

  // Nash's variable threats, with the frontier the table really has (payments bounded by the
  // payment instrument, or no money at all): each pair of threats fixes a disagreement point,
  // the bargain at that point gives each party its payoff, and each party picks its threat as a
  // best reply to the other's.
  // The demander offers no more than its budget line can sustain over the deal's term.
  const double ceiling =
      paid(table.spec)
          ? std::min(valuation.amount(table.spec.payment),
                     affordable_per_month(scenario_, valuation.treasury(), table.demander,
                                          table.spec.duration_months, tick.months()))
          : 0.0;
  const Eigen::MatrixXd& to_demander = demander_payoffs_[table_index];
  const Eigen::MatrixXd& to_partner = partner_payoffs_[table_index];
  set_threat_payoffs(threats.options, demander_payoffs_[table_index],
                     partner_payoffs_[table_index]);
  const auto [row, column] = play_threat_game(
      to_demander, to_partner, game_demander_[table_index], game_partner_[table_index],
      [&](double d_demander, double d_partner) {
        return settle(d_demander, d_partner, outcome.power, ceiling, bundles).payoff;
      });
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
