// The route-value solver (docs/model.md 7.6.4): the order of solving by strongly connected
// components, and the factored logsum against the value equation evaluated term by term.

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <vector>

#include "support/migration_step_test.h"

namespace migdip {
namespace {

constexpr int kTra = 1;
constexpr int kDst = 2;

class RouteValues : public testing::MigrationStepTest {
 protected:
  /// W(s) from the solved values, term by term in long double: settling (but at home), going
  /// home, and the open corridors into states that are not dead ends (as a nest of scale lambda).
  long double direct_value(int s, const MigrationScratch& scratch) const {
    const ModelParameters& model = scenario_.model;
    const long double lambda = 1.0L - model.route_substitution;
    long double inner = 0;
    bool any = false;
    for (const int c : network_->outgoing(s)) {
      if (world_->route_value(kNationality, network_->corridor_to(c)) > kNoOption) {
        any = true;
        inner +=
            std::exp(static_cast<long double>(scratch.corridor_value(kNationality, c)) / lambda);
      }
    }
    long double sum = any ? std::exp(lambda * std::log(inner)) : 0.0L;
    if (s != network_->origin_of(kNationality)) {
      sum += std::exp(static_cast<long double>(scratch.settlement_utility(kNationality, s)));
    }
    return std::log(sum);
  }

  /// Every W within a relative `tolerance` of the equation evaluated on the solved values.
  void expect_value_equation(const MigrationScratch& scratch, double tolerance) const {
    for (int s = 0; s < scenario_.state_count(); ++s) {
      const long double expected = direct_value(s, scratch);
      EXPECT_NEAR(world_->route_value(kNationality, s), static_cast<double>(expected),
                  tolerance * std::max(1.0, std::fabs(static_cast<double>(expected))))
          << "state " << scenario_.states[static_cast<std::size_t>(s)].id;
    }
  }
};

TEST_F(RouteValues, AChainFromWhichNothingLeadsBackIsValuedOnceStateByState) {
  // ORI -> TRA -> DST has no cycle: every state is its own component, solved after the states
  // it leads to, so each value is computed exactly once (sweeps in state order would need at
  // least two passes over the three states from a zero start, and more to converge).
  MigrationScratch scratch(1, 3, 2, 3);
  const TickContext context = tick();
  const int valuations = solve_route_values(inputs(context), world_->corridors, world_->population,
                                            scratch, world_->route_value);
  EXPECT_EQ(valuations, 3);
  expect_value_equation(scratch, 1e-12);  // exact: from final values, nothing to converge
}

TEST_F(RouteValues, ACycleIsSweptUntilItSettlesAndMatchesTheEquationTermByTerm) {
  // DST -> TRA closes a cycle TRA <-> DST; PIT is worth about -2000 (a state nobody would
  // settle in), and SNK's only corridor leads there, so that the factors of SNK's corridor sum
  // underflow and its logsum (about -1800, the most SNK offers) is computed term by term. The
  // corridors form a nest (lambda 0.5).
  scenario_.model.choice_sensitivity = 1;
  scenario_.model.route_substitution = 0.5;
  scenario_.corridors.push_back(testing::make_corridor("DST-TRA", kDst, kTra, 800, 0.001));
  StateSpec pit = testing::make_state("PIT", testing::kTransit, 1e6, 5000);
  pit.lever(Lever::stay_utility) = -2000;
  scenario_.states.push_back(pit);
  // Settling in SNK is worth less still, so that its value is its corridor's logsum.
  StateSpec sink = testing::make_state("SNK", testing::kTransit, 1e6, 5000);
  sink.lever(Lever::stay_utility) = -1900;
  scenario_.states.push_back(sink);
  const int kPit = 3;
  const int kSnk = 4;
  scenario_.corridors.push_back(testing::make_corridor("TRA-PIT", kTra, kPit, 300, 0.001));
  scenario_.corridors.push_back(testing::make_corridor("SNK-PIT", kSnk, kPit, 300, 0.001));
  rebuild();
  MigrationScratch scratch(1, 5, 5, 4);
  const TickContext context = tick();
  const int valuations = solve_route_values(inputs(context), world_->corridors, world_->population,
                                            scratch, world_->route_value);
  // PIT, SNK and ORI once each; the cycle {TRA, DST} in sweeps of two.
  EXPECT_GT(valuations, 5);
  EXPECT_EQ((valuations - 3) % 2, 0);
  EXPECT_LT(world_->route_value(kNationality, kPit), -1999);
  EXPECT_TRUE(std::isfinite(world_->route_value(kNationality, kSnk)));
  EXPECT_GT(world_->route_value(kNationality, kSnk), -1850);
  // Within what the last sweep may still move (the tolerance, 7.6.4).
  expect_value_equation(scratch, 1e-9);

  // Warm-started from its own solution, the cycle settles in one sweep.
  EXPECT_EQ(solve_route_values(inputs(context), world_->corridors, world_->population, scratch,
                               world_->route_value),
            5);
}

TEST_F(RouteValues, ASlowlySettlingCycleIsExtrapolatedAndEndsNoFurtherFromTheSolution) {
  // Six transit states in a ring, with corridors both ways that cost about as much as the
  // option value of two onward choices (D about 0.7), and a continuation discount of 0.99: one
  // component whose sweeps settle geometrically at a rate near 0.95. Then a new tick in which
  // settling in the ring is worth 0.2 more, solved from last tick's values as in a run.
  // Measured with the extrapolation switched off (route_values.cpp), plain Gauss-Seidel sweeps
  // needed 639 valuations for that tick and stopped 6.1e-9 from the converged values (the
  // stopping rule leaves the tail of the geometric series). Summing that tail once its rate
  // holds must need far fewer, and end no further from the converged values.
  scenario_.model.continuation_discount = 0.99;
  constexpr int kRing = 6;
  const std::array<const char*, kRing> names{"R0", "R1", "R2", "R3", "R4", "R5"};
  const std::array<const char*, kRing> clockwise{"R0+", "R1+", "R2+", "R3+", "R4+", "R5+"};
  const std::array<const char*, kRing> anticlockwise{"R0-", "R1-", "R2-", "R3-", "R4-", "R5-"};
  const int first = scenario_.state_count();
  for (int k = 0; k < kRing; ++k) {
    StateSpec state = testing::make_state(names[k], testing::kTransit, 1e6, 5000);
    state.lever(Lever::stay_utility) = -3.0 - 0.1 * k;
    scenario_.states.push_back(state);
  }
  const auto ring = [&](int k) { return first + (k + kRing) % kRing; };
  scenario_.corridors.push_back(testing::make_corridor("TRA-R0", kTra, ring(0), 100, 0.001));
  for (int k = 0; k < kRing; ++k) {
    scenario_.corridors.push_back(
        testing::make_corridor(clockwise[k], ring(k), ring(k + 1), 1200 + 10 * k, 0.001));
    scenario_.corridors.push_back(
        testing::make_corridor(anticlockwise[k], ring(k), ring(k - 1), 1200 + 5 * k, 0.001));
  }
  scenario_.corridors.push_back(testing::make_corridor("R3-DST", ring(3), kDst, 2000, 0.01));
  rebuild();
  MigrationScratch scratch(1, scenario_.state_count(), scenario_.corridor_count(), 4);
  const TickContext context = tick();
  solve_route_values(inputs(context), world_->corridors, world_->population, scratch,
                     world_->route_value);
  for (int k = 0; k < kRing; ++k) {
    world_->policy.lever(Lever::stay_utility)(ring(k)) += 0.2;
  }
  const int valuations = solve_route_values(inputs(context), world_->corridors, world_->population,
                                            scratch, world_->route_value);
  EXPECT_LT(valuations, 639 / 2);
  expect_value_equation(scratch, 1e-9);

  const Eigen::ArrayXXd solved = world_->route_value;
  scenario_.model.route_value_tolerance = 1e-14;
  solve_route_values(inputs(context), world_->corridors, world_->population, scratch,
                     world_->route_value);
  EXPECT_LT((solved - world_->route_value).abs().maxCoeff(), 6.1e-9);
}

}  // namespace
}  // namespace migdip
