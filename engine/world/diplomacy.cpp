#include "migdip/world/diplomacy.h"

namespace migdip {

std::string_view to_string(DealStatus status) {
  switch (status) {
    case DealStatus::active:
      return "active";
    case DealStatus::expired:
      return "expired";
    case DealStatus::breached:
      return "breached";
    case DealStatus::voided:
      return "voided";
    case DealStatus::renegotiated:
      return "renegotiated";
  }
  return "?";
}

std::string_view to_string(NegotiationAction action) {
  switch (action) {
    case NegotiationAction::proposed:
      return "proposed";
    case NegotiationAction::accepted:
      return "accepted";
    case NegotiationAction::no_agreement:
      return "no_agreement";
    case NegotiationAction::threat_announced:
      return "threat_announced";
    case NegotiationAction::threat_conceded:
      return "threat_conceded";
    case NegotiationAction::threat_resisted:
      return "threat_resisted";
    case NegotiationAction::threat_carried_out:
      return "threat_carried_out";
    case NegotiationAction::threat_abandoned:
      return "threat_abandoned";
    case NegotiationAction::deal_expired:
      return "deal_expired";
    case NegotiationAction::deal_breached:
      return "deal_breached";
    case NegotiationAction::deal_voided:
      return "deal_voided";
    case NegotiationAction::deal_renegotiated:
      return "deal_renegotiated";
    case NegotiationAction::table_opened:
      return "table_opened";
  }
  return "?";
}

}  // namespace migdip
