#pragma once
// What strategic states want and how they bargain. Utilities are in EUR per month, so that money
// is their common unit; every weight below says how many euros a unit of something is worth to
// the government. Defaults make a state indifferent to everything but money, so that a scenario
// without diplomacy is unaffected. docs/model.md, "Submodel: diplomacy", gives the utility.

#include <optional>

namespace migdip {

/// A state's valuation of the consequences of migration and of the instruments used on it.
struct StatePreferences {
  /// EUR per irregular arrival at zero salience: the political cost of an arrival.
  double arrival_cost = 0;
  /// An arrival costs arrival_cost * (1 + salience_weight * (1 + polarisation) * salience).
  double salience_weight = 1;
  /// [0, 1+): how divided the public is. Raises the cost of salience and of hard counter-moves.
  double polarisation = 0;
  double enforcement_cost = 0;  ///< EUR per person intercepted on exit or entry
  double hosting_cost = 0;      ///< EUR per person hosted or in transit, per month
  /// EUR per person pushed back, times democracy * (1 + polarisation): the hypocrisy cost of
  /// violating norms a liberal state professes.
  double hypocrisy_cost = 0;
  double remittance_per_worker = 0;  ///< EUR per month per national on a labour pathway abroad
  double labour_value = 0;           ///< EUR per month per worker arriving on a labour pathway
  /// Months it takes to replace workers lost to a deployment ban (0: at once).
  double substitution_months = 0;
};

/// How a party (a state or a bloc) conducts diplomacy.
struct ActorConduct {
  double bargaining_power = 0.5;     ///< Nash bargaining power against any partner, in [0, 1]
  double patience = 0.05;            ///< discount rate per month (rubinstein protocol)
  std::optional<int> election_tick;  ///< next election: a near one makes it impatient
  double reputation = 0.5;           ///< initial reputation for carrying out its threats, in [0, 1]
  double democracy = 0;              ///< [0, 1]: scales audience and hypocrisy costs
  /// EUR, once: the domestic cost of backing down from an announced threat (times democracy).
  double audience_cost = 0;
  /// EUR: what it would give up not to lose reputation by abandoning a threat.
  double reputation_stake = 0;
  double compliance = 1;  ///< share of its commitments it delivers, in [0, 1]
  /// Share of the money it receives under deals that never reaches the programmes it pays for
  /// (the regime keeps it), in [0, 1]: commitments are delivered in proportion to the rest.
  double leakage = 0;
};

}  // namespace migdip
