#pragma once
// The headline figures of a run, printed by `migdip run` and `migdip info` alike.

#include <string>

#include "migdip/recording/run_record.h"

namespace migdip::cli {

/// A root text attribute of the record, or "?" when absent.
std::string text_attribute(const RunRecord& record, const std::string& name);

/// A few lines describing what the record holds: period, dimensions, totals.
std::string summarise(const RunRecord& record);

}  // namespace migdip::cli
