#pragma once
// Inputs of the strategic layer that are not levers: what a `set` event may change besides a
// lever (a state's preferences, its salience and reputation, a budget line, an instrument's
// valuations), the budget lines payments come out of, root-causes aid, and a deal in force when
// the run starts. Every default leaves the engine as it was without them. docs/model.md 7.1,
// 7.4 and 7.5 give the equations.

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>
#include <vector>

#include "migdip/world/levers.h"

namespace migdip {

/// A non-lever parameter a `set` event changes. The first nine are the keys of StatePreferences.
enum class StanceParameter : std::uint8_t {
  arrival_cost,
  salience_weight,
  polarisation,
  enforcement_cost,
  hosting_cost,
  hypocrisy_cost,
  remittance_per_worker,
  labour_value,
  substitution_months,
  salience,         ///< the state's public salience of migration, now
  reputation,       ///< the state's or bloc's reputation for carrying out threats, now
  budget,           ///< what is left on the state's or bloc's budget line, EUR
  value_to_target,  ///< an instrument's value to its target, EUR per month
  cost_to_user,     ///< an instrument's cost to its user, EUR per month
  amount,           ///< the money an instrument moves: a payment's ceiling, a fixed amount
};

/// Whose parameter it is: a state's (a bloc's members' when set on a bloc), an actor's (a state's
/// or a bloc's own), or an instrument's.
enum class StanceOwner : std::uint8_t { state, actor, instrument };

struct StanceTraits {
  StanceParameter parameter;
  std::string_view name;
  StanceOwner owner;
  LeverRange range;
  std::string_view unit;
  std::string_view description;
};

inline constexpr auto kStanceParameters = std::to_array<StanceTraits>({
    {StanceParameter::arrival_cost, "arrival_cost", StanceOwner::state, kNonNegative,
     "EUR per arrival", "The state's `arrival_cost` from now on."},
    {StanceParameter::salience_weight, "salience_weight", StanceOwner::state, kNonNegative, "",
     "The state's `salience_weight` from now on."},
    {StanceParameter::polarisation, "polarisation", StanceOwner::state, kNonNegative, "",
     "The state's `polarisation` from now on."},
    {StanceParameter::enforcement_cost, "enforcement_cost", StanceOwner::state, kNonNegative,
     "EUR per person", "The state's `enforcement_cost` from now on."},
    {StanceParameter::hosting_cost, "hosting_cost", StanceOwner::state, kNonNegative,
     "EUR per person per month", "The state's `hosting_cost` from now on."},
    {StanceParameter::hypocrisy_cost, "hypocrisy_cost", StanceOwner::state, kNonNegative,
     "EUR per person", "The state's `hypocrisy_cost` from now on."},
    {StanceParameter::remittance_per_worker, "remittance_per_worker", StanceOwner::state,
     kNonNegative, "EUR/month per worker", "The state's `remittance_per_worker` from now on."},
    {StanceParameter::labour_value, "labour_value", StanceOwner::state, kNonNegative,
     "EUR/month per worker", "The state's `labour_value` from now on."},
    {StanceParameter::substitution_months, "substitution_months", StanceOwner::state, kNonNegative,
     "months", "The state's `substitution_months` from now on."},
    {StanceParameter::salience, "salience", StanceOwner::state, kNonNegative, "",
     "The state's salience now; it then rises with arrivals and fades as usual."},
    {StanceParameter::reputation, "reputation", StanceOwner::actor, kUnitInterval, "",
     "The state's or bloc's reputation now (a bloc's own, not its members')."},
    {StanceParameter::budget, "budget", StanceOwner::actor,
     LeverRange{0, false, std::numeric_limits<double>::infinity(), true}, "EUR",
     "What is left on the state's or bloc's budget line now (`unlimited`: no limit); "
     "`budget_per_year` keeps adding to it."},
    {StanceParameter::value_to_target, "value_to_target", StanceOwner::instrument, kAnyFinite,
     "EUR per month", "The instrument's `value_to_target` from now on."},
    {StanceParameter::cost_to_user, "cost_to_user", StanceOwner::instrument, kNonNegative,
     "EUR per month", "The instrument's `cost_to_user` from now on."},
    {StanceParameter::amount, "amount", StanceOwner::instrument, kNonNegative, "EUR per month",
     "The instrument's `amount` from now on (types that move money: a transfer's ceiling on a "
     "deal's price, the fixed amount of budget support or migration funding), for deals "
     "bargained from now and for offers already in force."},
});

inline constexpr const StanceTraits& traits_of(StanceParameter parameter) {
  return kStanceParameters[static_cast<std::size_t>(parameter)];
}

inline std::optional<StanceParameter> stance_parameter_named(std::string_view name) {
  for (const StanceTraits& row : kStanceParameters) {
    if (row.name == name) {
      return row.parameter;
    }
  }
  return std::nullopt;
}

/// The money a state or a bloc can pay out (deal payments and transfers): `initial` EUR at the
/// start, `per_year` EUR added every year, pro rata per tick. Unlimited by default.
struct BudgetLine {
  double initial = std::numeric_limits<double>::infinity();
  double per_year = 0;
};

/// Root-causes aid: money an origin receives lowers its push intensity by `push_effect` per EUR
/// per month of aid felt, where aid is felt through a first-order lag of `lag_months`.
struct RootCausesAid {
  double push_effect = 0;  ///< push intensity per (EUR per month)
  double lag_months = 12;  ///< e-folding time of the aid felt
};

/// A deal already in force when the run starts: the agenda items it holds (instrument indices,
/// asks and offers of the table) and its payment. No items: none.
struct DealAtStart {
  std::vector<int> items;
  double payment_per_month = 0;  ///< EUR, before conditionality

  bool given() const { return !items.empty(); }
};

}  // namespace migdip
