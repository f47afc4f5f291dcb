#pragma once
// Column names that model formulas accept (statsmodels/patsy, R, Stata) for a sweep's parameter
// keys, beside the dotted keys themselves: `state.TUR.exit_enforcement` becomes
// `state_TUR_exit_enforcement` (docs/sweeps.md, "The runs table"). The same rule as
// python/migdip/sweeps.py's formula_names, so that runs.csv and Sweep.runs name them alike.

#include <string>
#include <vector>

namespace migdip {

/// The keys as formula-safe names, in their order: every character other than an ASCII letter,
/// digit or '_' becomes '_'; a name that does not start with a letter gets "p_" in front; a name
/// already given (to an earlier key, or in `taken`) gets "_2", "_3", ... so that all are unique.
std::vector<std::string> formula_names(const std::vector<std::string>& keys,
                                       const std::vector<std::string>& taken = {});

}  // namespace migdip
