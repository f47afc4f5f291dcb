#pragma once

#include <string>
#include <vector>

#include "migdip/scenario/preferences.h"
#include "migdip/scenario/strategic_inputs.h"

namespace migdip {

/// A coalition of states (e.g. the EU). Events addressed to a bloc apply to every member, and a
/// bloc can pay transfers from its pooled budget.
struct BlocSpec {
  std::string id;
  std::string name;
  std::vector<int> members;  ///< state indices
  /// How the bloc bargains. It values outcomes as the sum of its members' preferences and pays
  /// from a budget pooled by population share.
  ActorConduct conduct;
  BudgetLine budget;  ///< what it can pay out (its own line, not its members')
};

}  // namespace migdip
