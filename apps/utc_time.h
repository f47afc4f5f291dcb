#pragma once

#include <string>

namespace migdip::cli {

/// The current time as ISO 8601 UTC, e.g. 2026-12-06T07:00:00Z, for provenance attributes.
std::string utc_now();

}  // namespace migdip::cli
