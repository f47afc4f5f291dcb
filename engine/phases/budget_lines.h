#pragma once
// Budget lines (docs/model.md 7.5.3): the money each state and bloc can pay out. A line starts
// at its `budget` (unlimited by default), gains `budget_per_year` pro rata every tick, and pays
// deal payments (diplomacy phase) and transfers (policy phase) until it runs dry: a deal it can
// no longer pay ends, breached by non-payment, and a transfer stops. A demander offers no more
// per month than its line can sustain over a deal's term.

#include "migdip/scenario/scenario.h"
#include "migdip/world/treasury.h"
#include "phases/tick_context.h"

namespace migdip {

/// Adds the tick's share of every line's yearly allocation: B += budget_per_year * months / 12.
void replenish_budgets(const Scenario& scenario, const TickContext& tick, Treasury& treasury);

/// Pays up to `amount` EUR from the actor's line and returns what it paid: all of it while the
/// line holds enough, what is left otherwise.
double draw_from_budget(Treasury& treasury, int actor, double amount);

/// Whether a payment drawn was short of what was due (beyond rounding): the line ran dry.
inline bool fell_short(double paid, double due) {
  return paid < due * (1.0 - 1e-9);
}

/// EUR per month the actor's line can sustain over a deal of `deal_months` signed at a tick of
/// `tick_months`: what is on the line now (this tick's allocation included) plus the allocations
/// still to come over the term, spread over it,
///   (B + budget_per_year / 12 * (deal_months - tick_months)) / deal_months,
/// +infinity for an unlimited line.
double affordable_per_month(const Scenario& scenario, const Treasury& treasury, int actor,
                            double deal_months, double tick_months);

}  // namespace migdip
