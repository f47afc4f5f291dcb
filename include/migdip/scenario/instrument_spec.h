#pragma once
// Instruments: the things a state (or a bloc) can do to another in the strategic layer, named
// and parameterised by the scenario. Each has an effect on the world (a lever it sets while in
// force), a cost to whoever uses it, and parameters; the diplomacy phase decides when they are
// used. docs/model.md, "Submodel: diplomacy", gives each type's effect and valuation.

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "migdip/scenario/event_spec.h"

namespace migdip {

/// The three families of the model brief.
enum class InstrumentFamily { incentive, threat, flow_control };

enum class InstrumentType {
  // incentives: offered in exchange for the partner's commitments
  transfer,             ///< money per month, paid under a deal (the deal's price)
  budget_support,       ///< fixed money per month to the partner's budget
  migration_funding,    ///< fixed money per month for migration management
  visa_liberalisation,  ///< valued by the partner; no effect on flows in this version
  trade_access,         ///< valued by the partner; no effect on flows in this version
  worker_protections,   ///< protections for the partner's workers; valued by the partner
  legal_pathway,        ///< sets a pathway's quota (resettlement or labour)
  // threats: carried out against the partner when bargaining fails
  aid_cut,             ///< suspends the user's transfers to the partner
  visa_restriction,    ///< costs the partner value_to_target (negative) per month
  sanctions,           ///< costs the partner value_to_target (negative) per month
  open_gates,          ///< relaxes the user's exit control: facilitation `level`
  engineered_surge,    ///< actively moves people out: facilitation `level`
  camp_closure,        ///< closes a share `level` of the user's hosting capacity
  refuse_readmission,  ///< the user stops taking back its nationals
  deployment_ban,      ///< the user bans its workers' departure on a labour pathway
  // flow controls: the engine's levers, committed to in a deal or used unilaterally
  exit_enforcement,   ///< the user's exit enforcement target becomes `level`
  entry_enforcement,  ///< the user's entry enforcement target becomes `level`
  pushback,           ///< the user's pushback rate becomes `level`
  readmission,        ///< the readmission rate of `corridor` (into the partner) becomes `level`
  departure_ban,      ///< an origin's exit enforcement on its own nationals becomes `level`
};

inline constexpr std::size_t kInstrumentTypeCount = 20;

/// The word scenario files and results use for each type, in enum order.
inline constexpr std::array<std::string_view, kInstrumentTypeCount> kInstrumentTypeNames = {
    "transfer",          "budget_support",     "migration_funding", "visa_liberalisation",
    "trade_access",      "worker_protections", "legal_pathway",     "aid_cut",
    "visa_restriction",  "sanctions",          "open_gates",        "engineered_surge",
    "camp_closure",      "refuse_readmission", "deployment_ban",    "exit_enforcement",
    "entry_enforcement", "pushback",           "readmission",       "departure_ban"};

std::string_view to_string(InstrumentType type);
std::string_view to_string(InstrumentFamily family);
InstrumentFamily family_of(InstrumentType type);

// What each type needs from its section: the loader and check_scenario both ask these.
/// Types aimed at a target state: transfers and other money, valued incentives, aid cuts,
/// visa restrictions, sanctions and deployment bans.
bool uses_target(InstrumentType type);
/// Types that set a lever to `level`.
bool uses_level(InstrumentType type);
/// Types whose user must be a state, not a bloc: they act on the user's own territory,
/// borders, corridors, pathways or nationals.
bool needs_state_user(InstrumentType type);
/// Types whose user must have the origin role (they act on its own nationals).
bool needs_origin_user(InstrumentType type);

struct InstrumentSpec {
  std::string id;
  InstrumentType type = InstrumentType::transfer;
  Party user;         ///< the state or bloc that uses it
  int target = -1;    ///< the state it is aimed at or offered to (-1: none)
  int corridor = -1;  ///< readmission: the corridor whose arrivals are readmitted
  int pathway = -1;   ///< legal_pathway, deployment_ban: the pathway it acts on
  /// The lever value it sets: enforcement, pushback or readmission share, facilitation,
  /// the share of hosting capacity closed, or a pathway quota (people per month).
  double level = 0;
  /// EUR per month: a transfer's ceiling, or the fixed amount of budget support or funding.
  double amount = 0;
  /// EUR per month the target gains (negative: loses) beyond effects on flows and money.
  double value_to_target = 0;
  /// EUR per month it costs the user beyond effects on flows and money (e.g. sanctions against
  /// it, the diplomatic price of a surge).
  double cost_to_user = 0;
  /// open_gates, engineered_surge, camp_closure: the share of the people hosted or in transit
  /// in the user state that states expect to move on per month at full facilitation.
  double mobilised_share = 0.05;
};

}  // namespace migdip
