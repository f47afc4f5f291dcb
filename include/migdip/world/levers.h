#pragma once
// The levers: the quantities of a state, a corridor or a pathway that may change during a run,
// set by scheduled events, by instruments in force or by the engine itself. This table is their
// one description. Specs and the world hold their values in arrays indexed by lever, and the
// scenario language, the events, the checks, the world's set-up, the recorder and the
// documentation are all laid out from its rows, so a new lever is one row plus the code that
// gives it its effect.

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string_view>

namespace migdip {

/// Who holds a lever: each state, each corridor or each pathway. A state lever that an event
/// sets on a bloc is set for every member.
enum class LeverOwner : std::uint8_t { state, corridor, pathway };

/// What a lever measures; it fixes the unit the scenario reference and the results show.
enum class Quantity : std::uint8_t {
  intensity,    ///< dimensionless, 0 none
  utility,      ///< utility units
  probability,  ///< of an event per person
  share,        ///< of a group of people
  rate,         ///< hazard per month
  people,
  money_per_person,  ///< EUR per person
  people_per_month,
};

/// The values a lever may take. An infinite `high` bounds nothing, but the value must still be
/// finite unless `unlimited`.
struct LeverRange {
  double low = 0;
  bool low_open = false;
  double high = std::numeric_limits<double>::infinity();
  bool unlimited = false;  ///< +infinity (`unlimited` in scenario files) is allowed too
};

inline constexpr LeverRange kUnitInterval{0, false, 1, false};
inline constexpr LeverRange kNonNegative{};
inline constexpr LeverRange kAnyFinite{-std::numeric_limits<double>::infinity(), false,
                                       std::numeric_limits<double>::infinity(), false};
inline constexpr LeverRange kPositiveOrUnlimited{0, true, std::numeric_limits<double>::infinity(),
                                                 true};

/// The side of a corridor at which a state lever acts, for the state levers that a corridor may
/// override for its own border (include/migdip/world/border_controls.h): on exit, its `from`
/// state's value is the default; on entry, its `to` state's.
enum class Border : std::uint8_t { none, exit, entry };

/// In the order of kLevers: by owner, and within an owner in the order scenario files list the
/// parameters of `set` events.
enum class Lever : std::uint8_t {
  push_intensity,
  stay_utility,
  labour_demand,
  exit_enforcement,
  entry_enforcement,
  pushback_rate,
  readmission_acceptance,
  return_rate,
  hosting_capacity,
  recognition_rate,
  asylum_processing_rate,
  facilitation,
  removal_capacity,
  removal_cost,
  offshore_capacity,
  offshore_cost,
  mortality,
  cost,
  capacity,
  readmission_rate,
  expulsion_capacity,
  quota,
};

struct LeverTraits {
  Lever lever{};
  std::string_view name = {};  ///< the key, the `set` parameter and the results series
  LeverOwner owner{};
  Quantity quantity{};
  LeverRange range;
  double initial = 0;  ///< the value when the scenario gives none
  /// Events and instruments set a target, which the policy phase approaches at the state's
  /// policy lag; otherwise what they set takes effect at once.
  bool phased = false;
  /// A key of its owner's section gives its initial value, and `set` events change it.
  bool keyed = false;
  /// The key that its own follows in its owner's section of the scenario reference and of
  /// resolved scenario text (keyed levers only).
  std::string_view listed_after = {};
  /// A `coup` event may give the new government's value, with a key of the same name.
  bool coup_choice = false;
  /// A state lever that acts at a border: each corridor on that side may override the state's
  /// value for itself (a `[corridor ID]` key and `set` events on a corridor, if keyed).
  Border border = Border::none;
  std::string_view description = {};  ///< as the scenario reference gives it
  /// The long name of its series (the value in force, every tick) in results; empty when it
  /// has no series of its own.
  std::string_view recorded_as = {};
};

inline constexpr auto kLevers = std::to_array<LeverTraits>({
    // State levers
    {.lever = Lever::push_intensity,
     .name = "push_intensity",
     .owner = LeverOwner::state,
     .quantity = Quantity::intensity,
     .range = kNonNegative,
     .keyed = true,
     .listed_after = "emigration_rate",
     .description = "Conflict or crisis intensity (0 none, 1 war).",
     .recorded_as = "conflict or crisis intensity"},
    {.lever = Lever::stay_utility,
     .name = "stay_utility",
     .owner = LeverOwner::state,
     .quantity = Quantity::utility,
     .range = kAnyFinite,
     .keyed = true,
     .listed_after = "return_rate",
     .description = "Utility of living conditions for those who stay."},
    // Falls below 1 in a labour-market collapse, displacing migrant workers (docs/model.md 7.6.9a).
    {.lever = Lever::labour_demand,
     .name = "labour_demand",
     .owner = LeverOwner::state,
     .quantity = Quantity::share,
     .range = kUnitInterval,
     .initial = 1,
     .keyed = true,
     .listed_after = "removal_cost",
     .description = "Demand for migrant workers relative to normal (1); below 1 displaces them.",
     .recorded_as = "demand for migrant workers relative to normal"},
    {.lever = Lever::exit_enforcement,
     .name = "exit_enforcement",
     .owner = LeverOwner::state,
     .quantity = Quantity::probability,
     .range = kUnitInterval,
     .phased = true,
     .keyed = true,
     .listed_after = "readmission_acceptance",
     .coup_choice = true,
     .border = Border::exit,
     .description = "Probability of stopping an irregular exit.",
     .recorded_as = "probability of stopping an irregular exit (in force)"},
    {.lever = Lever::entry_enforcement,
     .name = "entry_enforcement",
     .owner = LeverOwner::state,
     .quantity = Quantity::probability,
     .range = kUnitInterval,
     .phased = true,
     .keyed = true,
     .listed_after = "exit_enforcement",
     .border = Border::entry,
     .description = "Probability of stopping an irregular entry.",
     .recorded_as = "probability of stopping an irregular entry (in force)"},
    {.lever = Lever::pushback_rate,
     .name = "pushback_rate",
     .owner = LeverOwner::state,
     .quantity = Quantity::share,
     .range = kUnitInterval,
     .keyed = true,
     .listed_after = "entry_enforcement",
     .border = Border::entry,
     .description = "Share of entry interceptions expelled back across the border.",
     .recorded_as = "share of entry interceptions expelled"},
    {.lever = Lever::readmission_acceptance,
     .name = "readmission_acceptance",
     .owner = LeverOwner::state,
     .quantity = Quantity::share,
     .range = kUnitInterval,
     .initial = 1,
     .keyed = true,
     .listed_after = "protection_need",
     .coup_choice = true,
     .description = "Share of its returnable nationals it takes back.",
     .recorded_as = "share of its returnable nationals the state takes back"},
    {.lever = Lever::return_rate,
     .name = "return_rate",
     .owner = LeverOwner::state,
     .quantity = Quantity::rate,
     .range = kNonNegative,
     .keyed = true,
     .listed_after = "asylum_processing_rate",
     .description = "Hazard of a rejected claimant being returned.",
     .recorded_as = "hazard of returning a refused claimant or detainee"},
    {.lever = Lever::hosting_capacity,
     .name = "hosting_capacity",
     .owner = LeverOwner::state,
     .quantity = Quantity::people,
     .range = kNonNegative,
     .keyed = true,
     .listed_after = "policy_lag_days",
     .description = "People it can host or contain.",
     .recorded_as = "people the state can host"},
    {.lever = Lever::recognition_rate,
     .name = "recognition_rate",
     .owner = LeverOwner::state,
     .quantity = Quantity::share,
     .range = kUnitInterval,
     .keyed = true,
     .listed_after = "hosting_capacity",
     .description = "Share of decided asylum claims granted (before protection need).",
     .recorded_as = "share of decided claims granted before need"},
    {.lever = Lever::asylum_processing_rate,
     .name = "asylum_processing_rate",
     .owner = LeverOwner::state,
     .quantity = Quantity::rate,
     .range = kNonNegative,
     .initial = 0.25,
     .keyed = true,
     .listed_after = "recognition_rate",
     .description = "Hazard of a pending asylum claim being decided."},
    // Set by engineered_surge events and by the open_gates and engineered_surge instruments.
    {.lever = Lever::facilitation,
     .name = "facilitation",
     .owner = LeverOwner::state,
     .quantity = Quantity::share,
     .range = kUnitInterval,
     .border = Border::exit,
     .description = "Engineered-surge intensity: the share by which exit interception is cut.",
     .recorded_as = "engineered-surge intensity"},
    // Removals of people already inside (docs/model.md 7.6.13); 0, the default, removes nobody.
    {.lever = Lever::removal_capacity,
     .name = "removal_capacity",
     .owner = LeverOwner::state,
     .quantity = Quantity::people_per_month,
     .range = kNonNegative,
     .keyed = true,
     .listed_after = "stay_utility",
     .description = "People already inside it can remove per month (refused claimants first, then "
                    "people present irregularly), home or to a readmitting neighbour; 0 none."},
    {.lever = Lever::removal_cost,
     .name = "removal_cost",
     .owner = LeverOwner::state,
     .quantity = Quantity::money_per_person,
     .range = kNonNegative,
     .keyed = true,
     .listed_after = "removal_capacity",
     .description = "What one removal or expulsion costs it, booked as removal spending."},
    // Transfers of arrivals to a third country (docs/model.md 7.6.14), to its `offshore_state`.
    {.lever = Lever::offshore_capacity,
     .name = "offshore_capacity",
     .owner = LeverOwner::state,
     .quantity = Quantity::people_per_month,
     .range = kNonNegative,
     .keyed = true,
     .listed_after = "offshore_state",
     .description = "Arrivals it can transfer per month to `offshore_state`, which decides their "
                    "claims; 0 none."},
    {.lever = Lever::offshore_cost,
     .name = "offshore_cost",
     .owner = LeverOwner::state,
     .quantity = Quantity::money_per_person,
     .range = kNonNegative,
     .keyed = true,
     .listed_after = "offshore_capacity",
     .description = "What it pays per person transferred, booked as removal spending."},
    // Corridor levers
    {.lever = Lever::mortality,
     .name = "mortality",
     .owner = LeverOwner::corridor,
     .quantity = Quantity::probability,
     .range = kUnitInterval,
     .keyed = true,
     .listed_after = "travel_days",
     .description = "Probability of dying per crossing with no enforcement on either side."},
    {.lever = Lever::cost,
     .name = "cost",
     .owner = LeverOwner::corridor,
     .quantity = Quantity::money_per_person,
     .range = kNonNegative,
     .keyed = true,
     .listed_after = "mode",
     .description = "Price of the crossing (smugglers, transport)."},
    {.lever = Lever::capacity,
     .name = "capacity",
     .owner = LeverOwner::corridor,
     .quantity = Quantity::people_per_month,
     .range = kPositiveOrUnlimited,
     .initial = std::numeric_limits<double>::infinity(),
     .keyed = true,
     .listed_after = "mortality",
     .description = "Most departures per month, or `unlimited`.",
     .recorded_as = "departures the corridor can carry (inf: unlimited)"},
    {.lever = Lever::readmission_rate,
     .name = "readmission_rate",
     .owner = LeverOwner::corridor,
     .quantity = Quantity::share,
     .range = kUnitInterval,
     .keyed = true,
     .listed_after = "open",
     .description = "Share of irregular arrivals readmitted to `from`."},
    {.lever = Lever::expulsion_capacity,
     .name = "expulsion_capacity",
     .owner = LeverOwner::corridor,
     .quantity = Quantity::people_per_month,
     .range = kNonNegative,
     .keyed = true,
     .listed_after = "readmission_rate",
     .description = "People present irregularly in `to` that it expels across this border into "
                    "`from` per month; 0 none."},
    // Pathway levers
    {.lever = Lever::quota,
     .name = "quota",
     .owner = LeverOwner::pathway,
     .quantity = Quantity::people_per_month,
     .range = kNonNegative,
     .keyed = true,
     .listed_after = "nationality",
     .description = "People moved per month.",
     .recorded_as = "quota in force"},
});

inline constexpr std::size_t kLeverCount = kLevers.size();

constexpr const LeverTraits& traits_of(Lever lever) {
  return kLevers[static_cast<std::size_t>(lever)];
}

constexpr std::string_view to_string(Lever lever) {
  return traits_of(lever).name;
}

constexpr LeverOwner owner_of(Lever lever) {
  return traits_of(lever).owner;
}

/// The position of the first lever of `owner` in kLevers.
constexpr std::size_t first_lever_of(LeverOwner owner) {
  std::size_t first = 0;
  while (first < kLeverCount && kLevers[first].owner < owner) {
    ++first;
  }
  return first;
}

constexpr std::size_t lever_count(LeverOwner owner) {
  std::size_t count = 0;
  for (const LeverTraits& row : kLevers) {
    count += row.owner == owner ? 1 : 0;
  }
  return count;
}

/// The rows of one owner's levers, in table order.
constexpr std::span<const LeverTraits> levers_of(LeverOwner owner) {
  return std::span<const LeverTraits>(kLevers).subspan(first_lever_of(owner), lever_count(owner));
}

constexpr std::size_t phased_lever_count() {
  std::size_t count = 0;
  for (const LeverTraits& row : kLevers) {
    count += row.phased ? 1 : 0;
  }
  return count;
}

/// The phased levers, in table order, as constants: a loop over them unrolls, with each
/// lever's slot folded in.
inline constexpr auto kPhasedLevers = [] {
  std::array<Lever, phased_lever_count()> levers{};
  std::size_t next = 0;
  for (const LeverTraits& row : kLevers) {
    if (row.phased) {
      levers[next++] = row.lever;
    }
  }
  return levers;
}();

/// The unit of a quantity as the scenario reference shows it ("" when dimensionless).
constexpr std::string_view key_unit(Quantity quantity) {
  switch (quantity) {
    case Quantity::intensity:
      return "";
    case Quantity::utility:
      return "utility";
    case Quantity::probability:
      return "probability";
    case Quantity::share:
      return "share";
    case Quantity::rate:
      return "1/month";
    case Quantity::people:
      return "people";
    case Quantity::money_per_person:
      return "EUR per person";
    case Quantity::people_per_month:
      return "people/month";
  }
  return "";
}

/// The unit of a quantity as results record it ("1" when dimensionless).
constexpr std::string_view recorded_unit(Quantity quantity) {
  switch (quantity) {
    case Quantity::intensity:
    case Quantity::probability:
    case Quantity::share:
      return "1";
    case Quantity::utility:
      return "utility";
    case Quantity::rate:
      return "1/month";
    case Quantity::people:
      return "people";
    case Quantity::money_per_person:
      return "EUR";
    case Quantity::people_per_month:
      return "people/month";
  }
  return "";
}

namespace lever_table_checks {

constexpr bool rows_in_enum_order() {
  for (std::size_t i = 0; i < kLeverCount; ++i) {
    if (static_cast<std::size_t>(kLevers[i].lever) != i) {
      return false;
    }
  }
  return true;
}

constexpr bool owners_contiguous() {
  for (std::size_t i = 1; i < kLeverCount; ++i) {
    if (kLevers[i].owner < kLevers[i - 1].owner) {
      return false;
    }
  }
  return true;
}

constexpr bool names_unique() {
  for (std::size_t i = 0; i < kLeverCount; ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (kLevers[i].name == kLevers[j].name) {
        return false;
      }
    }
  }
  return true;
}

// Borders are those of a state: a corridor overrides its state's value there.
constexpr bool only_state_levers_at_borders() {
  for (const LeverTraits& row : kLevers) {
    if (row.border != Border::none && row.owner != LeverOwner::state) {
      return false;
    }
  }
  return true;
}

// Only states have a policy lag (StatePolicy keeps their targets).
constexpr bool only_state_levers_phased() {
  for (const LeverTraits& row : kLevers) {
    if (row.phased && row.owner != LeverOwner::state) {
      return false;
    }
  }
  return true;
}

}  // namespace lever_table_checks

static_assert(lever_table_checks::rows_in_enum_order(), "kLevers rows must follow enum Lever");
static_assert(lever_table_checks::owners_contiguous(), "kLevers must be grouped by owner");
static_assert(lever_table_checks::names_unique(), "lever names must be unique");
static_assert(lever_table_checks::only_state_levers_phased(), "only state levers may be phased");
static_assert(lever_table_checks::only_state_levers_at_borders(),
              "only state levers act at a border");

/// Thrown (as InternalError) when a lever is looked up among another owner's levers.
[[noreturn]] void lever_of_another_owner(Lever lever, LeverOwner owner);

/// The position of a lever among its owner's levers, checked to be one of `Owner`'s. With a
/// constant lever the check folds away, so hot loops pay nothing for it.
template <LeverOwner Owner>
constexpr std::size_t slot_in(Lever lever) {
  if (owner_of(lever) != Owner) [[unlikely]] {
    lever_of_another_owner(lever, Owner);
  }
  return static_cast<std::size_t>(lever) - first_lever_of(Owner);
}

/// A value, or none, per lever of an owner: what a new government chooses at a coup.
template <LeverOwner Owner>
class LeverChoices {
 public:
  std::optional<double>& operator()(Lever lever) { return choices_[slot_in<Owner>(lever)]; }
  const std::optional<double>& operator()(Lever lever) const {
    return choices_[slot_in<Owner>(lever)];
  }
  bool operator==(const LeverChoices&) const = default;

 private:
  std::array<std::optional<double>, lever_count(Owner)> choices_{};
};

/// One value per lever of an owner, as a spec holds its levers' initial values.
template <LeverOwner Owner>
class LeverValues {
 public:
  constexpr LeverValues() {
    for (const LeverTraits& row : levers_of(Owner)) {
      values_[slot_in<Owner>(row.lever)] = row.initial;
    }
  }

  constexpr double& operator()(Lever lever) { return values_[slot_in<Owner>(lever)]; }
  constexpr double operator()(Lever lever) const { return values_[slot_in<Owner>(lever)]; }
  bool operator==(const LeverValues&) const = default;

 private:
  std::array<double, lever_count(Owner)> values_{};
};

}  // namespace migdip
