#include "migdip/scenario/burden_sharing.h"

namespace migdip {

std::string_view to_string(BurdenSharing sharing) {
  switch (sharing) {
    case BurdenSharing::population:
      return "population";
    case BurdenSharing::gdp:
      return "gdp";
    case BurdenSharing::equal:
      return "equal";
    case BurdenSharing::explicit_shares:
      return "explicit";
  }
  return "?";
}

double burden_weight(const Scenario& scenario, const BlocSpec& bloc, std::size_t k) {
  const StateSpec& member = scenario.states[static_cast<std::size_t>(bloc.members[k])];
  switch (bloc.burden_sharing) {
    case BurdenSharing::population:
      return member.population;
    case BurdenSharing::gdp:
      return member.population * member.income_per_head;
    case BurdenSharing::equal:
      return 1.0;
    case BurdenSharing::explicit_shares:
      return bloc.burden_shares[k];
  }
  return 0.0;
}

double burden_total(const Scenario& scenario, const BlocSpec& bloc) {
  double total = 0;
  for (std::size_t k = 0; k < bloc.members.size(); ++k) {
    total += burden_weight(scenario, bloc, k);
  }
  return total;
}

void book_to_party(const Scenario& scenario, const Party& party, double amount,
                   Eigen::ArrayXd& by_state) {
  if (party.kind == TargetKind::state) {
    by_state(party.index) += amount;
    return;
  }
  const BlocSpec& bloc = scenario.blocs[static_cast<std::size_t>(party.index)];
  const double total = burden_total(scenario, bloc);
  for (std::size_t k = 0; k < bloc.members.size(); ++k) {
    by_state(bloc.members[k]) += amount * burden_weight(scenario, bloc, k) / total;
  }
}

}  // namespace migdip
