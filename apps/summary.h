#pragma once
// The headline figures of a run, printed by `migdip run` and `migdip info` alike.

#include <string>

#include "migdip/recording/run_record.h"

namespace migdip::cli {

/// A root text attribute of the record, or "?" when absent.
std::string text_attribute(const RunRecord& record, const std::string& name);

/// A few lines describing what the record holds: period, dimensions, totals.
std::string summarise(const RunRecord& record);

/// The strategic layer's outcome: the deals counted by status with a line each (negotiation,
/// demander → partner, terms, signed and end dates, status, EUR M per month and paid), or
/// "none"; then the negotiation log's entries counted by action, a line per kind (offers,
/// threats, deal ends). Empty when the record has neither deals nor log entries (a scripted
/// run, or a file of format 1.0).
std::string summarise_diplomacy(const RunRecord& record);

}  // namespace migdip::cli
