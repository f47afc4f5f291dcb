#pragma once
// Which of the standard recorder's series a run writes: the [outputs] declaration (`variables`,
// `exclude`, `large_series_limit`; docs/results-format.md "Declared outputs") as the recorder
// applies it. A series nobody writes is not computed: the recorder drops its probe at the start.

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "migdip/scenario/scenario.h"

namespace migdip {

/// One series the standard recorder can write, in some scenario.
struct RecordableVariable {
  std::string group;
  std::string name;
  /// A (time, corridor, nationality) series: written above the large-series limit only when
  /// named.
  bool large = false;
};

/// Every series the standard recorder can write, the optional ones included, in its order.
const std::vector<RecordableVariable>& recordable_variables();

/// The names an [outputs] list may use: each group, and each "group/variable".
std::vector<std::string> output_names();
/// The problem with an item of an [outputs] list ("group/variable", "group" or "group/*"), or
/// nullopt when it names series the recorder has.
std::optional<std::string> output_name_problem(std::string_view item);

class RecordSelection {
 public:
  /// Every series, whatever its size: what a recorder that keeps its record in memory writes.
  static RecordSelection everything();
  /// The series `outputs` declares.
  static RecordSelection declared(const OutputSettings& outputs);

  /// Whether the series `group/variable` is written; `large_values` is the values a tick of the
  /// scenario's (time, corridor, nationality) series holds (corridors x nationalities).
  bool keeps(std::string_view group, std::string_view variable, bool large,
             std::uint64_t large_values) const;

 private:
  std::vector<std::string> variables_;  // empty: every series
  std::vector<std::string> exclude_;
  std::uint64_t large_series_limit_ = std::numeric_limits<std::uint64_t>::max();
};

}  // namespace migdip
