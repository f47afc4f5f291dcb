#pragma once
// Exact discrete samplers over a RandomStream. Counts are held in doubles (whole numbers below
// 2^53) because the engine stores cohorts as Eigen arrays of double.

#include <span>

#include "migdip/core/random_stream.h"

namespace migdip {

/// A Binomial(n, p) variate. n must be a whole number >= 0 and p in [0, 1].
/// Small means use inversion; larger means use Hormann's BTRS transformed rejection.
double sample_binomial(RandomStream& stream, double n, double p);

/// Splits n whole units over categories with the given probabilities (summing to at most 1;
/// the remainder stays unassigned) by sequential conditional binomials. Writes counts to `out`
/// (same size as `probabilities`) and returns the number left unassigned.
double sample_multinomial(RandomStream& stream, double n, std::span<const double> probabilities,
                          std::span<double> out);

}  // namespace migdip
