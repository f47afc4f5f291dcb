#include "migdip/core/sampling.h"

#include <algorithm>
#include <cmath>

#include "migdip/core/error.h"

namespace migdip {
namespace {

// Inversion by sequential search, for means below kInversionLimit: exact and cheap there.
double binomial_inversion(RandomStream& stream, double n, double p) {
  const double q = 1.0 - p;
  const double odds = p / q;
  const double a = (n + 1.0) * odds;
  for (;;) {
    double probability = std::exp(n * std::log1p(-p));  // P(X = 0)
    double u = stream.uniform();
    double x = 0;
    while (u > probability) {
      u -= probability;
      x += 1.0;
      probability *= a / x - odds;
      if (x > n || probability <= 0) {
        break;  // rounding drove the tail below u: redraw
      }
    }
    if (x <= n && u <= probability) {
      return x;
    }
  }
}

// BTRS: transformed rejection with squeeze (Hormann, "The generation of binomial random
// variates", J. Stat. Comput. Simul. 46, 1993). Valid for n * p >= 10 and p <= 0.5.
double binomial_btrs(RandomStream& stream, double n, double p) {
  const double q = 1.0 - p;
  const double spq = std::sqrt(n * p * q);
  const double b = 1.15 + 2.53 * spq;
  const double a = -0.0873 + 0.0248 * b + 0.01 * p;
  const double c = n * p + 0.5;
  const double v_r = 0.92 - 4.2 / b;
  const double alpha = (2.83 + 5.1 / b) * spq;
  const double log_odds = std::log(p / q);
  const double mode = std::floor((n + 1.0) * p);
  const double h = std::lgamma(mode + 1.0) + std::lgamma(n - mode + 1.0);
  for (;;) {
    const double u = stream.uniform() - 0.5;
    double v = stream.uniform();
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2.0 * a / us + b) * u + c);
    if (k < 0 || k > n) {
      continue;
    }
    if (us >= 0.07 && v <= v_r) {
      return k;
    }
    v = std::log(v * alpha / (a / (us * us) + b));
    const double bound =
        h - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0) + (k - mode) * log_odds;
    if (v <= bound) {
      return k;
    }
  }
}

constexpr double kInversionLimit = 10.0;

}  // namespace

double sample_binomial(RandomStream& stream, double n, double p) {
  if (!(n >= 0) || n != std::floor(n) || !(p >= 0 && p <= 1)) {
    throw InternalError("binomial draw with n = " + std::to_string(n) +
                        ", p = " + std::to_string(p));
  }
  if (n == 0 || p == 0) {
    return 0;
  }
  if (p == 1) {
    return n;
  }
  if (p > 0.5) {
    return n - sample_binomial(stream, n, 1.0 - p);
  }
  return n * p < kInversionLimit ? binomial_inversion(stream, n, p) : binomial_btrs(stream, n, p);
}

double sample_multinomial(RandomStream& stream, double n, std::span<const double> probabilities,
                          std::span<double> out) {
  if (probabilities.size() != out.size()) {
    throw InternalError("multinomial draw with mismatched spans");
  }
  double remaining = n;
  double mass_left = 1.0;
  for (std::size_t i = 0; i < probabilities.size(); ++i) {
    const double share = mass_left > 0 ? std::clamp(probabilities[i] / mass_left, 0.0, 1.0) : 0.0;
    out[i] = sample_binomial(stream, remaining, share);
    remaining -= out[i];
    mass_left -= probabilities[i];
  }
  return remaining;
}

}  // namespace migdip
