#pragma once
// The numeric keys that map one to one onto a struct member. Reading, writing and the defaults
// of [model] all go through these lists, so a field cannot be read but forgotten on output.
// Levers are not here: their keys are kLevers' rows (migdip/world/levers.h). Nor is the one list
// of numbers, ModelParameters::sea_seasonality (key kSeaSeasonalityKey).

#include <array>
#include <string_view>

#include "migdip/scenario/corridor_spec.h"
#include "migdip/scenario/model_parameters.h"
#include "migdip/scenario/negotiation_spec.h"
#include "migdip/scenario/preferences.h"
#include "migdip/scenario/state_spec.h"

namespace migdip::ini {

template <typename Spec>
struct NumberField {
  std::string_view key;
  double Spec::*member;
};

inline constexpr std::array<NumberField<ModelParameters>, 33> kModelFields = {{
    {"push_elasticity", &ModelParameters::push_elasticity},
    {"income_elasticity", &ModelParameters::income_elasticity},
    {"network_elasticity", &ModelParameters::network_elasticity},
    {"choice_sensitivity", &ModelParameters::choice_sensitivity},
    {"continuation_discount", &ModelParameters::continuation_discount},
    {"route_value_tolerance", &ModelParameters::route_value_tolerance},
    {"income_weight", &ModelParameters::income_weight},
    {"protection_weight", &ModelParameters::protection_weight},
    {"network_weight", &ModelParameters::network_weight},
    {"network_scale", &ModelParameters::network_scale},
    {"cost_weight", &ModelParameters::cost_weight},
    {"time_weight", &ModelParameters::time_weight},
    {"risk_weight", &ModelParameters::risk_weight},
    {"interception_weight", &ModelParameters::interception_weight},
    {"transit_reconsider_rate", &ModelParameters::transit_reconsider_rate},
    {"hosted_reconsider_rate", &ModelParameters::hosted_reconsider_rate},
    {"route_substitution", &ModelParameters::route_substitution},
    {"home_weight", &ModelParameters::home_weight},
    {"repatriation_rate", &ModelParameters::repatriation_rate},
    {"home_push_weight", &ModelParameters::home_push_weight},
    {"belief_lag_days", &ModelParameters::belief_lag_days},
    {"belief_memory_days", &ModelParameters::belief_memory_days},
    {"enforcement_risk_elasticity", &ModelParameters::enforcement_risk_elasticity},
    {"surge_cost_cut", &ModelParameters::surge_cost_cut},
    {"surge_mobilisation", &ModelParameters::surge_mobilisation},
    {"price_enforcement_elasticity", &ModelParameters::price_enforcement_elasticity},
    {"price_demand_elasticity", &ModelParameters::price_demand_elasticity},
    {"labour_shed_rate", &ModelParameters::labour_shed_rate},
    {"labour_return_share", &ModelParameters::labour_return_share},
    {"labour_demand_weight", &ModelParameters::labour_demand_weight},
    {"salience_memory_days", &ModelParameters::salience_memory_days},
    {"salience_gain", &ModelParameters::salience_gain},
    {"salience_death_gain", &ModelParameters::salience_death_gain},
}};

/// The numbers of a state other than its levers, whose keys come from kLevers.
inline constexpr std::array<NumberField<StateSpec>, 5> kStateFields = {{
    {"population", &StateSpec::population},
    {"income_per_head", &StateSpec::income_per_head},
    {"emigration_rate", &StateSpec::emigration_rate},
    {"protection_need", &StateSpec::protection_need},
    {"policy_lag_days", &StateSpec::policy_lag_days},
}};

/// The numbers of a corridor other than its levers, whose keys come from kLevers.
inline constexpr std::array<NumberField<CorridorSpec>, 1> kCorridorFields = {{
    {"travel_days", &CorridorSpec::travel_days},
}};

/// The keys of StatePreferences, in [state ID] sections.
inline constexpr std::array<NumberField<StatePreferences>, 9> kPreferenceFields = {{
    {"arrival_cost", &StatePreferences::arrival_cost},
    {"salience_weight", &StatePreferences::salience_weight},
    {"polarisation", &StatePreferences::polarisation},
    {"enforcement_cost", &StatePreferences::enforcement_cost},
    {"hosting_cost", &StatePreferences::hosting_cost},
    {"hypocrisy_cost", &StatePreferences::hypocrisy_cost},
    {"remittance_per_worker", &StatePreferences::remittance_per_worker},
    {"labour_value", &StatePreferences::labour_value},
    {"substitution_months", &StatePreferences::substitution_months},
}};

/// The keys of DomesticPoliticsSpec, in [state ID] sections (docs/model.md 7.3).
inline constexpr std::array<NumberField<DomesticPoliticsSpec>, 5> kDomesticPoliticsFields = {{
    {"pressure_salience", &DomesticPoliticsSpec::pressure_salience},
    {"approval", &DomesticPoliticsSpec::approval},
    {"fall_below_approval", &DomesticPoliticsSpec::fall_below_approval},
    {"election_cycle_months", &DomesticPoliticsSpec::election_cycle_months},
    {"successor_arrival_cost", &DomesticPoliticsSpec::successor_arrival_cost},
}};

/// The numeric keys of ActorConduct, in [state ID] and [bloc ID] sections; its election_tick is
/// the date key next_election.
inline constexpr std::array<NumberField<ActorConduct>, 8> kConductFields = {{
    {"bargaining_power", &ActorConduct::bargaining_power},
    {"patience", &ActorConduct::patience},
    {"reputation", &ActorConduct::reputation},
    {"democracy", &ActorConduct::democracy},
    {"audience_cost", &ActorConduct::audience_cost},
    {"reputation_stake", &ActorConduct::reputation_stake},
    {"compliance", &ActorConduct::compliance},
    {"leakage", &ActorConduct::leakage},
}};

/// The numeric keys of [diplomacy]; its protocol is a choice.
inline constexpr std::array<NumberField<DiplomacySettings>, 8> kDiplomacyFields = {{
    {"horizon_months", &DiplomacySettings::horizon_months},
    {"reputation_step", &DiplomacySettings::reputation_step},
    {"round_months", &DiplomacySettings::round_months},
    {"reevaluation_tolerance", &DiplomacySettings::reevaluation_tolerance},
    {"threat_minimum_months", &DiplomacySettings::threat_minimum_months},
    {"threat_bite_months", &DiplomacySettings::threat_bite_months},
    {"learning_memory_months", &DiplomacySettings::learning_memory_months},
    {"counterfactual_months", &DiplomacySettings::counterfactual_months},
}};

/// The numeric keys of [negotiation ID] that every negotiation has.
inline constexpr std::array<NumberField<NegotiationSpec>, 7> kNegotiationFields = {{
    {"duration_months", &NegotiationSpec::duration_months},
    {"monitoring_lag_months", &NegotiationSpec::monitoring_lag_months},
    {"implementation_lag_months", &NegotiationSpec::implementation_lag_months},
    {"breach_threshold", &NegotiationSpec::breach_threshold},
    {"cooldown_months", &NegotiationSpec::cooldown_months},
    {"renegotiation_margin", &NegotiationSpec::renegotiation_margin},
    {"opens_at_salience", &NegotiationSpec::opens_at_salience},
}};

/// The [model] key of ModelParameters::sea_seasonality: twelve numbers, January first.
inline constexpr std::string_view kSeaSeasonalityKey = "sea_seasonality";

}  // namespace migdip::ini
