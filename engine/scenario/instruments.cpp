#include <cstddef>

#include "migdip/scenario/instrument_spec.h"
#include "migdip/scenario/negotiation_spec.h"

namespace migdip {

std::string_view to_string(InstrumentType type) {
  return kInstrumentTypeNames[static_cast<std::size_t>(type)];
}

std::string_view to_string(InstrumentFamily family) {
  switch (family) {
    case InstrumentFamily::incentive:
      return "incentive";
    case InstrumentFamily::threat:
      return "threat";
    case InstrumentFamily::flow_control:
      return "flow_control";
  }
  return "?";
}

InstrumentFamily family_of(InstrumentType type) {
  if (type <= InstrumentType::legal_pathway) {
    return InstrumentFamily::incentive;
  }
  if (type <= InstrumentType::deployment_ban) {
    return InstrumentFamily::threat;
  }
  return InstrumentFamily::flow_control;
}

bool uses_target(InstrumentType type) {
  switch (type) {
    case InstrumentType::transfer:
    case InstrumentType::budget_support:
    case InstrumentType::migration_funding:
    case InstrumentType::visa_liberalisation:
    case InstrumentType::trade_access:
    case InstrumentType::worker_protections:
    case InstrumentType::aid_cut:
    case InstrumentType::visa_restriction:
    case InstrumentType::sanctions:
    case InstrumentType::deployment_ban:
      return true;
    default:
      return false;
  }
}

bool uses_level(InstrumentType type) {
  switch (type) {
    case InstrumentType::open_gates:
    case InstrumentType::engineered_surge:
    case InstrumentType::camp_closure:
    case InstrumentType::exit_enforcement:
    case InstrumentType::entry_enforcement:
    case InstrumentType::pushback:
    case InstrumentType::readmission:
    case InstrumentType::departure_ban:
    case InstrumentType::legal_pathway:
      return true;
    default:
      return false;
  }
}

bool needs_state_user(InstrumentType type) {
  switch (type) {
    case InstrumentType::open_gates:
    case InstrumentType::engineered_surge:
    case InstrumentType::camp_closure:
    case InstrumentType::refuse_readmission:
    case InstrumentType::deployment_ban:
    case InstrumentType::exit_enforcement:
    case InstrumentType::entry_enforcement:
    case InstrumentType::pushback:
    case InstrumentType::readmission:
    case InstrumentType::departure_ban:
      return true;
    default:
      return false;
  }
}

bool needs_origin_user(InstrumentType type) {
  return type == InstrumentType::departure_ban || type == InstrumentType::refuse_readmission;
}

std::string_view to_string(Conditionality conditionality) {
  switch (conditionality) {
    case Conditionality::none:
      return "none";
    case Conditionality::positive:
      return "positive";
    case Conditionality::negative:
      return "negative";
    case Conditionality::reverse:
      return "reverse";
  }
  return "?";
}

std::string_view to_string(BargainingProtocol protocol) {
  return protocol == BargainingProtocol::nash ? "nash" : "rubinstein";
}

}  // namespace migdip
