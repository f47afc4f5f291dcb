#include "migdip/recording/run_record.h"

#include <algorithm>

namespace migdip {

std::string_view to_string(TimeAggregation aggregation) {
  switch (aggregation) {
    case TimeAggregation::sum:
      return "sum";
    case TimeAggregation::end:
      return "end";
    case TimeAggregation::mean:
      return "mean";
  }
  return "?";
}

const RecordGroup* RunRecord::find_group(const std::string& name) const {
  auto found = std::find_if(groups.begin(), groups.end(),
                            [&](const RecordGroup& group) { return group.name == name; });
  return found == groups.end() ? nullptr : &*found;
}

const Variable* RunRecord::find_variable(const std::string& group, const std::string& name) const {
  const RecordGroup* in = find_group(group);
  if (in == nullptr) {
    return nullptr;
  }
  auto found = std::find_if(in->variables.begin(), in->variables.end(),
                            [&](const Variable& variable) { return variable.name == name; });
  return found == in->variables.end() ? nullptr : &*found;
}

}  // namespace migdip
