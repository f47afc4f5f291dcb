#pragma once
// Behavioural coefficients shared by every state and migrant in a run. docs/model.md gives the
// equation each one enters; the defaults are the values the shipped scenarios are built on.

#include <array>

namespace migdip {

struct ModelParameters {
  // Emigration: h = emigration_rate * (1 + push_elasticity * push)
  //                 * (y_max / y_origin)^income_elasticity * (1 + network_elasticity * abroad/pop)
  double push_elasticity = 1.0;
  double income_elasticity = 0.0;
  double network_elasticity = 0.0;

  // Route choice: multinomial logit over staying and each open onward corridor.
  double choice_sensitivity = 1.0;     ///< logit scale (beta)
  double continuation_discount = 0.9;  ///< weight of the value of the next state (delta)
  /// Route values are solved until no choice probability moves by more than this (relative).
  double route_value_tolerance = 1.9e-9;
  double income_weight = 1.0;      ///< utility per unit log income ratio
  double protection_weight = 2.0;  ///< utility of certain protection
  double network_weight = 0.5;     ///< utility per unit log(1 + nationals present / network_scale)
  double network_scale = 10000;    ///< people
  double cost_weight = 0.5;        ///< utility per 1000 EUR of corridor cost
  double time_weight = 0.5;        ///< utility per month of travel
  double risk_weight = 20.0;       ///< utility per unit probability of death
  double interception_weight = 2.0;  ///< utility per unit probability of interception
  // Routes as substitutes (docs/model.md 7.6.4): the onward corridors form one nest of the logit
  // with scale 1 - route_substitution. 0: today's multinomial logit, where closing a route sends
  // its people to every other option in proportion; towards 1, they move to the other routes
  // rather than stay or go home.
  double route_substitution = 0.0;

  // How often people reconsider where they are (1/month).
  double transit_reconsider_rate = 4.0;  ///< people in transit
  double hosted_reconsider_rate = 0.1;   ///< people hosted in camps or reception

  // Going home, worth U_home = u_origin - home_push_weight * push_origin. It is an option of
  // everyone who reconsiders, with weight home_weight in the logit (0: no such option), and
  // the protected weigh it against staying at repatriation_rate.
  double home_weight = 0.0;        ///< weight of going home among the options; 0: off
  double repatriation_rate = 0.0;  ///< 1/month: people protected abroad
  double home_push_weight = 2.0;   ///< utility lost at home per unit push intensity

  // Information (docs/model.md 7.6.3a): migrants decide on beliefs about each corridor's risk
  // and interception and each state's recognition rate, which follow the truth observed
  // belief_lag_days late, smoothed with an e-folding memory of belief_memory_days. Both 0:
  // beliefs are the truth.
  double belief_lag_days = 0.0;
  double belief_memory_days = 0.0;

  // Enforcement displaces crossings onto riskier paths: mortality = base * (1 +
  // enforcement_risk_elasticity * (exit interception + entry interception)), where exit
  // interception is the exit enforcement left after any facilitation.
  double enforcement_risk_elasticity = 1.0;

  // Engineered surges: facilitation f cuts exit interception by f, cost by surge_cost_cut * f,
  // and raises reconsideration rates by (1 + surge_mobilisation * f).
  double surge_cost_cut = 0.8;
  double surge_mobilisation = 2.0;

  // Smuggling market (docs/model.md 7.6.3): the price of a crossing is multiplied by
  // (1 + price_enforcement_elasticity * (exit + entry interception)) and by
  // (1 + price_demand_elasticity * recent demand / capacity).
  double price_enforcement_elasticity = 0.0;
  double price_demand_elasticity = 0.0;

  // Labour demand (docs/model.md 7.6.9a): while a state's labour_demand D < 1, its migrant
  // workers lose their place at hazard labour_shed_rate * (1 - D); labour_return_share of them
  // go home, the rest join the pool there. Settling there loses labour_demand_weight * (1 - D).
  double labour_shed_rate = 1.0;      ///< 1/month at a total collapse (D = 0)
  double labour_return_share = 0.5;   ///< of the displaced
  double labour_demand_weight = 2.0;  ///< utility

  // Salience: s <- s * exp(-days / salience_memory_days) + salience_gain * arrivals per 100k pop.
  double salience_memory_days = 180;
  double salience_gain = 0.1;
  // Salience added per death on the corridors into the state per 100k population (0: deaths do
  // not raise salience).
  double salience_death_gain = 0;

  // Seasonality of sea crossings (docs/model.md 7.6.7): the share of departures on a sea corridor
  // that set out is multiplied by the month's factor, January first.
  std::array<double, 12> sea_seasonality = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
};

}  // namespace migdip
