#pragma once
// The headline numbers of one run, computed from its RunRecord: what a sweep keeps for every
// run, and what anyone can recompute from a results file of the same run.

#include <span>
#include <string_view>
#include <vector>

#include "migdip/recording/run_record.h"

namespace migdip {

struct MetricSpec {
  std::string_view name;
  std::string_view units;
  std::string_view long_name;
};

/// The metrics, in the order compute_summary_metrics returns them. Append, never reorder:
/// the order is the `metric` dimension of sweep files.
std::span<const MetricSpec> summary_metric_specs();

/// The metrics of a finished run, one per spec. Totals are over the whole run and every state
/// or corridor; stocks are at the end of the last tick.
std::vector<double> compute_summary_metrics(const RunRecord& record);

}  // namespace migdip
