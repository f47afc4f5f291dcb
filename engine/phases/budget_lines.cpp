#include "phases/budget_lines.h"

#include <algorithm>

namespace migdip {
namespace {

const BudgetLine& line_of(const Scenario& scenario, int actor) {
  return actor < scenario.state_count()
             ? scenario.states[static_cast<std::size_t>(actor)].budget
             : scenario.blocs[static_cast<std::size_t>(actor - scenario.state_count())].budget;
}

}  // namespace

void replenish_budgets(const Scenario& scenario, const TickContext& tick, Treasury& treasury) {
  for (int a = 0; a < scenario.actor_count(); ++a) {
    const double per_year = line_of(scenario, a).per_year;
    if (per_year > 0) {
      treasury.budget(a) += per_year * tick.months() / 12.0;
    }
  }
}

double draw_from_budget(Treasury& treasury, int actor, double amount) {
  double& left = treasury.budget(actor);
  const double paid = std::clamp(left, 0.0, amount);
  left -= paid;
  return paid;
}

double affordable_per_month(const Scenario& scenario, const Treasury& treasury, int actor,
                            double deal_months, double tick_months) {
  const double to_come =
      line_of(scenario, actor).per_year / 12.0 * std::max(0.0, deal_months - tick_months);
  return (treasury.budget(actor) + to_come) / deal_months;
}

}  // namespace migdip
