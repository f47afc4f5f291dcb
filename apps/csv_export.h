#pragma once
// `migdip export --format csv`: a results or sweep file as tidy CSV tables, one observation a
// row, for R, Stata, spreadsheets and NetLogo BehaviorSpace habits (docs/csv-export.md).

#include <functional>
#include <string>
#include <vector>

#include "migdip/io/sweep_file.h"
#include "migdip/recording/run_record.h"
#include "output_directory.h"

namespace migdip::cli {

/// What an export wrote: file names and data rows, in order.
struct ExportedFile {
  std::string name;
  std::uint64_t rows = 0;
};

/// Called between blocks of output: throws to abandon the export (a stop signal).
using StopCheck = std::function<void()>;

/// A run's groups (a file per group and set of dimensions), tables and root attributes. `file`
/// names the results file in messages.
std::vector<ExportedFile> export_results_csv(const RunRecord& record, const std::string& file,
                                             const OutputDirectory& directory,
                                             const StopCheck& stop);

/// A sweep's runs (a row each, done runs only), each kept series in long form, and its header.
std::vector<ExportedFile> export_sweep_csv(const SweepContents& sweep,
                                           const OutputDirectory& directory, const StopCheck& stop);

}  // namespace migdip::cli
