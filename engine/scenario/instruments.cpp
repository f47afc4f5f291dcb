#include "migdip/scenario/instrument_spec.h"
#include "migdip/scenario/negotiation_spec.h"

namespace migdip {

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

std::string_view to_string(ComplianceBasis basis) {
  return basis == ComplianceBasis::lever ? "lever" : "outcome";
}

std::string_view to_string(BargainingProtocol protocol) {
  return protocol == BargainingProtocol::nash ? "nash" : "rubinstein";
}

}  // namespace migdip
