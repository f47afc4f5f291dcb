#include "migdip/recording/record_selection.h"

#include <algorithm>

namespace migdip {
namespace {

constexpr std::string_view kWholeGroup = "/*";

std::string_view group_of(std::string_view item) {
  return item.substr(0, item.find('/'));
}

// "group", "group/*" or "group/variable" covers the series.
bool covers(std::string_view item, std::string_view group, std::string_view variable) {
  if (group_of(item) != group) {
    return false;
  }
  if (item.size() == group.size()) {
    return true;
  }
  const std::string_view rest = item.substr(group.size());
  return rest == kWholeGroup || (rest.size() == variable.size() + 1 && rest.substr(1) == variable);
}

bool names(std::string_view item, std::string_view group, std::string_view variable) {
  return item.size() == group.size() + 1 + variable.size() && covers(item, group, variable) &&
         item.substr(group.size()) != kWholeGroup;
}

}  // namespace

std::vector<std::string> output_names() {
  std::vector<std::string> names;
  for (const RecordableVariable& variable : recordable_variables()) {
    if (std::find(names.begin(), names.end(), variable.group) == names.end()) {
      names.push_back(variable.group);
    }
  }
  for (const RecordableVariable& variable : recordable_variables()) {
    const std::string name = variable.group + "/" + variable.name;
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      names.push_back(name);
    }
  }
  return names;
}

std::optional<std::string> output_name_problem(std::string_view item) {
  const std::vector<RecordableVariable>& variables = recordable_variables();
  const std::string_view group = group_of(item);
  const bool known_group =
      std::any_of(variables.begin(), variables.end(),
                  [&](const RecordableVariable& v) { return v.group == group; });
  if (!known_group) {
    return "unknown group '" + std::string(group) + "'";
  }
  const bool known =
      std::any_of(variables.begin(), variables.end(),
                  [&](const RecordableVariable& v) { return covers(item, v.group, v.name); });
  if (!known) {
    return "unknown variable '" + std::string(item) + "'";
  }
  return std::nullopt;
}

RecordSelection RecordSelection::everything() {
  return RecordSelection{};
}

RecordSelection RecordSelection::declared(const OutputSettings& outputs) {
  RecordSelection selection;
  selection.variables_ = outputs.variables;
  selection.exclude_ = outputs.exclude;
  selection.large_series_limit_ = outputs.large_series_limit;
  return selection;
}

bool RecordSelection::keeps(std::string_view group, std::string_view variable, bool large,
                            std::uint64_t large_values) const {
  const auto covered = [&](const std::vector<std::string>& items) {
    return std::any_of(items.begin(), items.end(),
                       [&](const std::string& item) { return covers(item, group, variable); });
  };
  if (covered(exclude_)) {
    return false;
  }
  if (!variables_.empty() && !covered(variables_)) {
    return false;
  }
  if (large && large_values > large_series_limit_) {
    // Above the limit, only a series named on its own: a group or "group/*" does not ask for it.
    return std::any_of(variables_.begin(), variables_.end(),
                       [&](const std::string& item) { return names(item, group, variable); });
  }
  return true;
}

}  // namespace migdip
