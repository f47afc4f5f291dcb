#include "migdip/diplomacy/rubinstein.h"

#include <cmath>
#include <string>

#include "migdip/core/error.h"

namespace migdip {
namespace {

void check_discount(double discount) {
  // Written so that NaN fails too. A factor of 1 would make 1 - d1 d2 zero: perfectly patient
  // parties have no unique split.
  if (!(discount >= 0 && discount < 1)) {
    throw InternalError("alternating offers with discount factor " + std::to_string(discount) +
                        " outside [0, 1)");
  }
}

void check_outside_option(double option) {
  if (!(option >= 0) || !std::isfinite(option)) {
    throw InternalError("alternating offers with outside option " + std::to_string(option) +
                        " (must be finite and >= 0)");
  }
}

void check_positive(double value, const char* what) {
  if (!(value > 0) || !std::isfinite(value)) {
    throw InternalError(std::string("discount factor from ") + what + " " + std::to_string(value) +
                        " (must be finite and > 0)");
  }
}

}  // namespace

double rubinstein_proposer_share(double proposer_discount, double responder_discount) {
  check_discount(proposer_discount);
  check_discount(responder_discount);
  return (1 - responder_discount) / (1 - proposer_discount * responder_discount);
}

RubinsteinOutcome rubinstein_split(const AlternatingOffers& game) {
  const double d1 = game.proposer_discount;
  const double d2 = game.responder_discount;
  const double o1 = game.proposer_outside_option;
  const double o2 = game.responder_outside_option;
  const double inside = rubinstein_proposer_share(d1, d2);  // checks d1 and d2
  check_outside_option(o1);
  check_outside_option(o2);
  if (o1 + o2 > 1) {
    return {.agreement = false, .proposer_share = o1, .responder_share = o2};
  }
  // The stationary equations 1 - x = max(d2 y, o2) and 1 - y = max(d1 x, o1) form a
  // contraction in x (slope at most d1 d2 < 1), so exactly one of the four cases below is
  // consistent; on the boundaries between cases neighbouring cases give the same x. Each case
  // is tried with its consistency conditions (some are implied by the earlier cases failing, but
  // are kept so that each case reads on its own); the last holds when the others fail.
  auto agree = [](double x, bool proposer_binds, bool responder_binds) {
    return RubinsteinOutcome{.agreement = true,
                             .proposer_share = x,
                             .responder_share = 1 - x,
                             .proposer_option_binds = proposer_binds,
                             .responder_option_binds = responder_binds};
  };
  // Neither option binds: Rubinstein's split. The responder's inside share is 1 - x = d2 y and
  // the proposer's share as a responder is d1 x.
  if (o1 <= d1 * inside && o2 <= 1 - inside) {
    return agree(inside, false, false);
  }
  // Only the responder's option binds: it is offered exactly o2.
  {
    const double x = 1 - o2;
    const double y = 1 - d1 * x;
    if (d2 * y <= o2 && o1 <= d1 * x) {
      return agree(x, false, true);
    }
  }
  // Only the proposer's option binds: party 2 must offer it o1, which raises its share in its
  // own offers.
  {
    const double y = 1 - o1;
    const double x = 1 - d2 * y;
    if (d1 * x <= o1 && o2 <= d2 * y) {
      return agree(x, true, false);
    }
  }
  // Both bind: each is offered exactly its option; o1 + o2 <= 1 leaves the proposer at least o1.
  return agree(1 - o2, true, true);
}

double discount_factor(double rate_per_month, double months_per_round) {
  check_positive(rate_per_month, "rate per month");
  check_positive(months_per_round, "months per round");
  return std::exp(-rate_per_month * months_per_round);
}

double election_discount(double months_to_election, double months_per_round) {
  check_positive(months_to_election, "months to election");
  check_positive(months_per_round, "months per round");
  return std::exp(-months_per_round / months_to_election);
}

}  // namespace migdip
