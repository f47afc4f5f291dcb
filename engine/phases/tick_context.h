#pragma once
// What every phase needs to know about the tick being simulated, and the one place where the
// expected-value and stochastic modes differ: how a share of a cohort is moved.

#include <cstdint>
#include <span>

#include "migdip/core/random_stream.h"
#include "migdip/scenario/scenario.h"

namespace migdip {

class TickContext {
 public:
  /// `month_of_year` is the calendar month the tick starts in, 0 for January.
  TickContext(const ScenarioSettings& settings, int tick, double tick_days, int month_of_year = 0);

  int tick() const { return tick_; }
  double days() const { return days_; }
  /// Length of the tick in nominal months: the unit of every rate in the scenario.
  double months() const { return days_ / kDaysPerMonth; }
  SimulationMode mode() const { return mode_; }
  /// The calendar month the tick starts in, 0 (January) to 11: seasonal factors use it.
  int month_of_year() const { return month_of_year_; }

  /// Probability that an event with the given hazard (1/month) happens within this tick.
  double probability(double rate_per_month) const;

  /// How many of `people` move, each independently with `probability`: the expectation, or a
  /// binomial draw from the stream keyed by (seed, run, tick, entity, purpose).
  double draw(double people, double probability, std::uint32_t entity, DrawPurpose purpose) const;

  /// Splits `people` over categories (probabilities summing to at most 1); returns the number
  /// not assigned to any category.
  double split(double people, std::span<const double> probabilities, std::span<double> out,
               std::uint32_t entity, DrawPurpose purpose) const;

  /// A count of people that may be fractional in expected-value mode, made whole in stochastic
  /// mode by rounding up with probability equal to the fraction.
  double whole(double people, std::uint32_t entity, DrawPurpose purpose) const;

  RandomStream stream(std::uint32_t entity, DrawPurpose purpose) const;

 private:
  std::uint64_t seed_;
  std::uint32_t run_;
  SimulationMode mode_;
  int tick_;
  double days_;
  int month_of_year_;
};

}  // namespace migdip
