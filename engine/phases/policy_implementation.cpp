#include "phases/policy_implementation.h"

#include <algorithm>
#include <cmath>

#include "migdip/scenario/burden_sharing.h"
#include "phases/budget_lines.h"

namespace migdip {
namespace {

// Exponential approach: a lag of L days closes 1 - exp(-days / L) of the gap per tick.
double gap_closed(const Scenario& scenario, const TickContext& tick, int state) {
  const double lag = scenario.states[static_cast<std::size_t>(state)].policy_lag_days;
  return lag > 0 ? -std::expm1(-tick.days() / lag) : 1.0;
}

void phase_in(const Scenario& scenario, const TickContext& tick, const Eigen::ArrayXd& target,
              Eigen::ArrayXd& in_force) {
  for (int s = 0; s < scenario.state_count(); ++s) {
    in_force(s) += (target(s) - in_force(s)) * gap_closed(scenario, tick, s);
  }
}

}  // namespace

void implement_border_policy(const Scenario& scenario, const TickContext& tick,
                             BorderControls& border) {
  // A corridor's own enforcement phases in at the lag of the state on its side, which set it.
  for (const Lever lever : kBorderLevers) {
    if (!traits_of(lever).phased) {
      continue;
    }
    const BorderControls::Flags& overridden = border.overridden(lever);
    const Eigen::ArrayXd& target = border.target(lever);
    Eigen::ArrayXd& in_force = border.own(lever);
    for (int c = 0; c < scenario.corridor_count(); ++c) {
      if (overridden(c)) {
        const CorridorSpec& spec = scenario.corridors[static_cast<std::size_t>(c)];
        in_force(c) += (target(c) - in_force(c)) *
                       gap_closed(scenario, tick, side_state(lever, spec.from, spec.to));
      }
    }
  }
  // A surge aimed at one border ends there: the border follows its state again.
  for (int c = 0; c < scenario.corridor_count(); ++c) {
    const int end = border.facilitation_end_tick(c);
    if (end >= 0 && tick.tick() >= end) {
      border.follow_state(Lever::facilitation, c);
      border.facilitation_end_tick(c) = -1;
    }
  }
}

void implement_policy(const Scenario& scenario, const TickContext& tick, StatePolicy& policy,
                      Treasury& treasury, const Eigen::ArrayXd& deal_payments) {
  for (const Lever lever : kPhasedLevers) {
    phase_in(scenario, tick, policy.target(lever), policy.lever(lever));
  }

  Eigen::ArrayXd& facilitation = policy.lever(Lever::facilitation);
  for (int s = 0; s < scenario.state_count(); ++s) {
    if (policy.facilitation_end_tick(s) >= 0 && tick.tick() >= policy.facilitation_end_tick(s)) {
      facilitation(s) = 0;
      policy.facilitation_end_tick(s) = -1;
    }
  }

  treasury.transfer_paid.setZero();
  treasury.received.setZero();
  treasury.paid.setZero();
  for (std::size_t slot = 0; slot < treasury.transfers.size(); ++slot) {
    Transfer& transfer = treasury.transfers[slot];
    if (!transfer.active || transfer.suspended) {
      continue;
    }
    double amount = std::min(transfer.remaining, transfer.per_month * tick.months());
    // Calendar months are not all nominal months long: fold the rounding residue into the last
    // instalment rather than paying a sliver in an extra tick.
    if (transfer.remaining - amount < 0.01 * transfer.per_month) {
      amount = transfer.remaining;
    }
    // From the payer's budget line: a line run dry pays what is left and the transfer stops.
    const double due = amount;
    amount = draw_from_budget(treasury, scenario.actor_of(transfer.payer), due);
    const bool ran_dry = fell_short(amount, due);
    transfer.remaining -= amount;
    treasury.transfer_paid(static_cast<Eigen::Index>(slot)) = amount;
    book_to_party(scenario, transfer.payer, amount, treasury.paid);
    book_to_party(scenario, transfer.payee, amount, treasury.received);
    if (transfer.remaining <= 0 || ran_dry) {
      transfer.active = false;
    }
  }

  // Deals pay from the demander to the partner (a bloc by its burden-sharing key).
  for (int n = 0; n < scenario.negotiation_count(); ++n) {
    const double amount = deal_payments(n);
    if (amount > 0) {
      const NegotiationSpec& negotiation = scenario.negotiations[static_cast<std::size_t>(n)];
      book_to_party(scenario, negotiation.demander, amount, treasury.paid);
      book_to_party(scenario, negotiation.partner, amount, treasury.received);
    }
  }
}

}  // namespace migdip
