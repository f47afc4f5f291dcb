#pragma once
// How a state's government answers to its public (docs/model.md 7.3): how much migration weighs
// in its decisions as salience builds, its approval, and the elections at which it can fall.
// Defaults switch all of it off: migration's costs weigh in full at any salience, approval never
// matters, and no government falls.

namespace migdip {

struct DomesticPoliticsSpec {
  /// Salience at which migration is half of the government's agenda (0: off, full weight at any
  /// salience). Pressure is theta = S / (S + pressure_salience); the government weighs the costs
  /// of arrivals and of hosting people at theta times their value when it bargains.
  double pressure_salience = 0;
  /// Approval of the government at zero pressure, in [0, 1]; it falls to approval * (1 - theta).
  double approval = 0.5;
  /// The government falls at an election when its approval is below this (0: never falls).
  double fall_below_approval = 0;
  /// Months between elections after next_election (0: only next_election, if given).
  double election_cycle_months = 0;
  /// A government that falls is replaced by one that prices an arrival this many times what its
  /// predecessor did (above 1 a harder line, below 1 a softer one).
  double successor_arrival_cost = 1;
};

}  // namespace migdip
