#pragma once

#include <string>
#include <vector>

namespace migdip {

/// A coalition of states (e.g. the EU). Events addressed to a bloc apply to every member, and a
/// bloc can pay transfers from its pooled budget.
struct BlocSpec {
  std::string id;
  std::string name;
  std::vector<int> members;  ///< state indices
};

}  // namespace migdip
