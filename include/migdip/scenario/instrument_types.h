#pragma once
// Instrument types as data: one row per type says everything the scenario language, the checks,
// the reference document and the diplomacy phase need to know about it. A new type is an
// enumerator, its row in kInstrumentTypes (the build fails without it) and its behaviour in the
// diplomacy phase (valuation.cpp), where switches without `default:` make the compiler name
// every place that needs it. The lever a row names comes from the lever table (levers.h).

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

#include "migdip/core/enum_table.h"
#include "migdip/world/levers.h"

namespace migdip {

/// The three families of the model brief.
enum class InstrumentFamily {
  incentive,     ///< offered in exchange for the partner's commitments
  threat,        ///< carried out against the partner when bargaining fails
  flow_control,  ///< the engine's levers, committed to in a deal or used unilaterally
};

enum class InstrumentType {
  // incentives
  transfer,
  budget_support,
  migration_funding,
  visa_liberalisation,
  trade_access,
  worker_protections,
  legal_pathway,
  // threats
  aid_cut,
  visa_restriction,
  sanctions,
  open_gates,
  engineered_surge,
  camp_closure,
  refuse_readmission,
  deployment_ban,
  // flow controls
  exit_enforcement,
  entry_enforcement,
  pushback,
  readmission,
  departure_ban,
};

/// Who may use an instrument.
enum class InstrumentUser {
  state_or_bloc,
  state,         ///< it acts on the user's own territory, borders, corridors or pathways
  origin_state,  ///< it acts on the user's own nationals: the user needs the origin role
};

/// Where an instrument's lever goes while it is in force.
enum class LeverSetting {
  none,          ///< it has no lever
  to_level,      ///< to the instrument's `level`
  to_zero,       ///< to 0: a ban or a refusal
  cut_by_level,  ///< down by the share `level` of its value
};

/// The money an instrument moves from its user to its target.
enum class InstrumentMoney {
  none,
  deal_price,    ///< the price the bargain sets, up to `amount` per month
  fixed_amount,  ///< `amount` per month while in force
};

struct InstrumentTraits {
  InstrumentType type = InstrumentType::transfer;
  std::string_view name;  ///< the word scenario files and results use
  InstrumentFamily family = InstrumentFamily::incentive;
  InstrumentUser user = InstrumentUser::state_or_bloc;
  bool uses_target = false;  ///< aimed at, or offered to, a target state
  /// The lever it sets while in force. A state lever is the user's; a corridor's or a
  /// pathway's is that of the instrument's own `corridor` or `pathway`.
  std::optional<Lever> lever = std::nullopt;
  LeverSetting setting = LeverSetting::none;
  InstrumentMoney money = InstrumentMoney::none;
  /// States expect it to move people on out of the user state (`mobilised_share`).
  bool mobilises = false;
  std::string_view description;  ///< for the scenario reference
};

/// One row per instrument type, in enum order. Left out: no lever, no money, any user.
inline constexpr std::array kInstrumentTypes = std::to_array<InstrumentTraits>({
    {.type = InstrumentType::transfer,
     .name = "transfer",
     .family = InstrumentFamily::incentive,
     .uses_target = true,
     .money = InstrumentMoney::deal_price,
     .description = "Money per month paid under a deal: the deal's price, up to `amount`. Named as "
                    "a negotiation's `payment`."},
    {.type = InstrumentType::budget_support,
     .name = "budget_support",
     .family = InstrumentFamily::incentive,
     .uses_target = true,
     .money = InstrumentMoney::fixed_amount,
     .description = "A fixed `amount` per month to the target's budget."},
    {.type = InstrumentType::migration_funding,
     .name = "migration_funding",
     .family = InstrumentFamily::incentive,
     .uses_target = true,
     .money = InstrumentMoney::fixed_amount,
     .description = "A fixed `amount` per month to the target for migration management."},
    {.type = InstrumentType::visa_liberalisation,
     .name = "visa_liberalisation",
     .family = InstrumentFamily::incentive,
     .uses_target = true,
     .description = "Easier visas for the target's nationals, worth `value_to_target`; no effect "
                    "on flows in this version."},
    {.type = InstrumentType::trade_access,
     .name = "trade_access",
     .family = InstrumentFamily::incentive,
     .uses_target = true,
     .description = "Trade access for the target, worth `value_to_target`; no effect on flows in "
                    "this version."},
    {.type = InstrumentType::worker_protections,
     .name = "worker_protections",
     .family = InstrumentFamily::incentive,
     .uses_target = true,
     .description = "Protections for the target's workers, worth `value_to_target`."},
    {.type = InstrumentType::legal_pathway,
     .name = "legal_pathway",
     .family = InstrumentFamily::incentive,
     .lever = Lever::quota,
     .setting = LeverSetting::to_level,
     .description =
         "Sets the quota of `pathway` (resettlement or labour) to `level` people per month."},
    {.type = InstrumentType::aid_cut,
     .name = "aid_cut",
     .family = InstrumentFamily::threat,
     .uses_target = true,
     .description = "Suspends the user's transfers to the target."},
    {.type = InstrumentType::visa_restriction,
     .name = "visa_restriction",
     .family = InstrumentFamily::threat,
     .uses_target = true,
     .description = "Costs the target `value_to_target` (negative) per month."},
    {.type = InstrumentType::sanctions,
     .name = "sanctions",
     .family = InstrumentFamily::threat,
     .uses_target = true,
     .description = "Costs the target `value_to_target` (negative) per month."},
    {.type = InstrumentType::open_gates,
     .name = "open_gates",
     .family = InstrumentFamily::threat,
     .user = InstrumentUser::state,
     .lever = Lever::facilitation,
     .setting = LeverSetting::to_level,
     .mobilises = true,
     .description = "Relaxes the user's exit control: facilitation `level` on all its borders, or "
                    "on the corridors listed in `corridors`."},
    {.type = InstrumentType::engineered_surge,
     .name = "engineered_surge",
     .family = InstrumentFamily::threat,
     .user = InstrumentUser::state,
     .lever = Lever::facilitation,
     .setting = LeverSetting::to_level,
     .mobilises = true,
     .description = "Actively moves people out of the user state: facilitation `level` on all its "
                    "borders, or on the corridors into or out of it listed in `corridors`."},
    {.type = InstrumentType::camp_closure,
     .name = "camp_closure",
     .family = InstrumentFamily::threat,
     .user = InstrumentUser::state,
     .lever = Lever::hosting_capacity,
     .setting = LeverSetting::cut_by_level,
     .mobilises = true,
     .description = "Closes a share `level` of the user's hosting capacity."},
    {.type = InstrumentType::refuse_readmission,
     .name = "refuse_readmission",
     .family = InstrumentFamily::threat,
     .user = InstrumentUser::origin_state,
     .lever = Lever::readmission_acceptance,
     .setting = LeverSetting::to_zero,
     .description = "The user, an origin state, stops taking back its nationals."},
    {.type = InstrumentType::deployment_ban,
     .name = "deployment_ban",
     .family = InstrumentFamily::threat,
     .user = InstrumentUser::state,
     .uses_target = true,
     .lever = Lever::quota,
     .setting = LeverSetting::to_zero,
     .description = "The user bans its workers' departure on `pathway`, a labour pathway from the "
                    "user state."},
    {.type = InstrumentType::exit_enforcement,
     .name = "exit_enforcement",
     .family = InstrumentFamily::flow_control,
     .user = InstrumentUser::state,
     .lever = Lever::exit_enforcement,
     .setting = LeverSetting::to_level,
     .description = "The user's exit enforcement target becomes `level`, on all its borders or on "
                    "the corridors out of it listed in `corridors`."},
    {.type = InstrumentType::entry_enforcement,
     .name = "entry_enforcement",
     .family = InstrumentFamily::flow_control,
     .user = InstrumentUser::state,
     .lever = Lever::entry_enforcement,
     .setting = LeverSetting::to_level,
     .description = "The user's entry enforcement target becomes `level`."},
    {.type = InstrumentType::pushback,
     .name = "pushback",
     .family = InstrumentFamily::flow_control,
     .user = InstrumentUser::state,
     .lever = Lever::pushback_rate,
     .setting = LeverSetting::to_level,
     .description = "The user's pushback rate becomes `level`."},
    {.type = InstrumentType::readmission,
     .name = "readmission",
     .family = InstrumentFamily::flow_control,
     .user = InstrumentUser::state,
     .lever = Lever::readmission_rate,
     .setting = LeverSetting::to_level,
     .description = "The readmission rate of `corridor`, which leaves the user, becomes `level`: "
                    "the user takes back that share of the corridor's irregular arrivals."},
    {.type = InstrumentType::departure_ban,
     .name = "departure_ban",
     .family = InstrumentFamily::flow_control,
     .user = InstrumentUser::origin_state,
     .lever = Lever::exit_enforcement,
     .setting = LeverSetting::to_level,
     .description = "The user, an origin state, enforces exit on its own nationals at `level`, on "
                    "all its borders or on the corridors out of it listed in `corridors`."},
});

static_assert(one_row_per_enumerator(kInstrumentTypes, &InstrumentTraits::type),
              "kInstrumentTypes needs one row per InstrumentType, in enum order");

inline constexpr std::size_t kInstrumentTypeCount = kInstrumentTypes.size();

constexpr const InstrumentTraits& traits_of(InstrumentType type) {
  return kInstrumentTypes[static_cast<std::size_t>(type)];
}

constexpr std::string_view to_string(InstrumentType type) {
  return traits_of(type).name;
}

constexpr InstrumentFamily family_of(InstrumentType type) {
  return traits_of(type).family;
}

/// The type a scenario file names, if any.
constexpr std::optional<InstrumentType> instrument_type_named(std::string_view name) {
  for (const InstrumentTraits& row : kInstrumentTypes) {
    if (row.name == name) {
      return row.type;
    }
  }
  return std::nullopt;
}

/// Types aimed at a target state (the `target` key).
constexpr bool uses_target(InstrumentType type) {
  return traits_of(type).uses_target;
}

/// Types whose lever follows their `level`.
constexpr bool uses_level(InstrumentType type) {
  const LeverSetting setting = traits_of(type).setting;
  return setting == LeverSetting::to_level || setting == LeverSetting::cut_by_level;
}

/// Types whose `level` is a share in [0, 1]: a cut, or a lever that is itself a share or a
/// probability. The others' `level` is in their lever's unit (a quota: people per month).
constexpr bool level_is_share(InstrumentType type) {
  const InstrumentTraits& row = traits_of(type);
  if (row.setting == LeverSetting::cut_by_level) {
    return true;
  }
  return row.setting == LeverSetting::to_level && row.lever &&
         traits_of(*row.lever).range.low == 0 && traits_of(*row.lever).range.high == 1;
}

/// Types acting on a corridor of their own (the `corridor` key): one of its levers.
constexpr bool uses_corridor(InstrumentType type) {
  const std::optional<Lever> lever = traits_of(type).lever;
  return lever && traits_of(*lever).owner == LeverOwner::corridor;
}

/// Types acting on a pathway of their own (the `pathway` key): one of its levers.
constexpr bool uses_pathway(InstrumentType type) {
  const std::optional<Lever> lever = traits_of(type).lever;
  return lever && traits_of(*lever).owner == LeverOwner::pathway;
}

/// Types moving money (the `amount` key).
constexpr bool uses_amount(InstrumentType type) {
  return traits_of(type).money != InstrumentMoney::none;
}

/// Types that states expect to move people on out of the user state (`mobilised_share`).
constexpr bool mobilises(InstrumentType type) {
  return traits_of(type).mobilises;
}

/// Types that set facilitation or exit enforcement and so may be aimed at chosen corridors
/// (the `corridors` key).
constexpr bool aims_at_corridors(InstrumentType type) {
  return traits_of(type).lever == Lever::facilitation ||
         traits_of(type).lever == Lever::exit_enforcement;
}

/// Types whose user must be a state, not a bloc.
constexpr bool needs_state_user(InstrumentType type) {
  return traits_of(type).user != InstrumentUser::state_or_bloc;
}

/// Types whose user must have the origin role.
constexpr bool needs_origin_user(InstrumentType type) {
  return traits_of(type).user == InstrumentUser::origin_state;
}

std::string_view to_string(InstrumentFamily family);

}  // namespace migdip
