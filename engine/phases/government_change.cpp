#include "phases/government_change.h"

#include <algorithm>

namespace migdip {
namespace {

bool involves(const Scenario& scenario, const Party& party, int state) {
  if (party.kind == TargetKind::state) {
    return party.index == state;
  }
  const auto& members = scenario.blocs[static_cast<std::size_t>(party.index)].members;
  return std::find(members.begin(), members.end(), state) != members.end();
}

}  // namespace

void change_government(const Scenario& scenario, int state, StatePolicy& policy,
                       Treasury& treasury) {
  ++policy.government(state);
  for (Transfer& transfer : treasury.transfers) {
    if (transfer.active &&
        (involves(scenario, transfer.payer, state) || involves(scenario, transfer.payee, state))) {
      transfer.active = false;
    }
  }
}

}  // namespace migdip
