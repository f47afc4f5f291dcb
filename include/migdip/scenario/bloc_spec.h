#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "migdip/scenario/preferences.h"
#include "migdip/scenario/strategic_inputs.h"

namespace migdip {

/// The key by which a bloc shares money among its members (burden_sharing.h): member m's
/// share is w_m / sum of w over the members.
enum class BurdenSharing {
  population,       ///< w_m = population
  gdp,              ///< w_m = population * income_per_head
  equal,            ///< w_m = 1
  explicit_shares,  ///< w_m = the bloc's burden_shares entry for m
};

/// "population", "gdp", "equal" or "explicit".
std::string_view to_string(BurdenSharing sharing);

/// A coalition of states (e.g. the EU). Events addressed to a bloc apply to every member, and a
/// bloc can pay transfers from its pooled budget.
struct BlocSpec {
  std::string id;
  std::string name;
  std::vector<int> members;  ///< state indices
  /// How the bloc bargains. It values outcomes as the sum of its members' preferences and pays
  /// from a budget pooled by its burden-sharing key.
  ActorConduct conduct;
  /// How money the bloc pays or receives, and the costs of its own instruments, fall on its
  /// members.
  BurdenSharing burden_sharing = BurdenSharing::population;
  /// explicit_shares: one non-negative weight per member, in the order of `members`.
  std::vector<double> burden_shares = {};
  BudgetLine budget = {};  ///< what it can pay out (its own line, not its members')
};

}  // namespace migdip
