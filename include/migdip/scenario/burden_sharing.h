#pragma once
// Burden-sharing inside a bloc: how money a bloc pays or receives, and the cost of the bloc's
// own instruments, fall on its members. Member m of bloc b carries w_m / sum_m' w_m' of every
// amount, with w_m set by the bloc's burden_sharing key (BurdenSharing). docs/model.md 7.5.3.

#include <Eigen/Core>

#include "migdip/scenario/scenario.h"

namespace migdip {

/// The weight w of the k-th member of the bloc under its key.
double burden_weight(const Scenario& scenario, const BlocSpec& bloc, std::size_t k);

/// The sum of the weights of the bloc's members.
double burden_total(const Scenario& scenario, const BlocSpec& bloc);

/// Adds `amount` to a state's entry, or shares it among a bloc's members by the bloc's key
/// (amount * w_m / sum w).
void book_to_party(const Scenario& scenario, const Party& party, double amount,
                   Eigen::ArrayXd& by_state);

}  // namespace migdip
