#include <cmath>

#include "phases/migration/migration_steps.h"

namespace migdip {

double home_utility(const MigrationInputs& in, int nationality) {
  const int origin = in.network.origin_of(nationality);
  return in.policy.lever(Lever::stay_utility)(origin) -
         in.scenario.model.home_push_weight * effective_push(in.policy, origin);
}

void decide_repatriation(const MigrationInputs& in, const Population& population,
                         MigrationScratch& scratch) {
  const ModelParameters& model = in.scenario.model;
  scratch.going_home_from_protected.setZero();
  if (model.repatriation_rate <= 0) {
    return;
  }
  const double beta = model.choice_sensitivity;
  const double weighing = in.tick.probability(model.repatriation_rate);
  const Eigen::ArrayXXd& protected_ = population[MigrantStatus::protected_];
  for (int n = 0; n < in.scenario.nationality_count(); ++n) {
    const double home = home_utility(in, n);
    for (int s = 0; s < in.scenario.state_count(); ++s) {
      if (s == in.network.origin_of(n) || protected_(n, s) <= 0) {
        continue;
      }
      // Binary logit of home against settling where they are, written so that no exponential
      // can overflow.
      const double advantage = beta * (home - scratch.settlement_utility(n, s));
      const double home_share = advantage >= 0 ? 1.0 / (1.0 + std::exp(-advantage))
                                               : std::exp(advantage) / (1.0 + std::exp(advantage));
      scratch.going_home_from_protected(n, s) =
          in.tick.draw(protected_(n, s), weighing * home_share, cohort_entity(in, n, s),
                       DrawPurpose::repatriation);
    }
  }
}

void go_home(const MigrationInputs& in, const MigrationScratch& scratch, Population& population,
             Flows& flows) {
  const ModelParameters& model = in.scenario.model;
  if (model.home_weight <= 0 && model.repatriation_rate <= 0) {
    return;
  }
  Eigen::ArrayXXd& in_transit = population[MigrantStatus::in_transit];
  Eigen::ArrayXXd& hosted = population[MigrantStatus::hosted];
  Eigen::ArrayXXd& protected_ = population[MigrantStatus::protected_];
  for (int n = 0; n < in.scenario.nationality_count(); ++n) {
    const int origin = in.network.origin_of(n);
    for (int s = 0; s < in.scenario.state_count(); ++s) {
      const double from_pool = scratch.going_home_from_transit(n, s);
      const double from_hosting = scratch.going_home_from_hosted(n, s);
      const double from_protection = scratch.going_home_from_protected(n, s);
      in_transit(n, s) -= from_pool;
      hosted(n, s) -= from_hosting;
      protected_(n, s) -= from_protection;
      const double going = from_pool + from_hosting + from_protection;
      population.residents(origin) += going;
      flows.went_home(n, s) += going;
    }
  }
}

}  // namespace migdip
