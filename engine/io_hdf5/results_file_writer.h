#pragma once
// One results file being written, laid out as docs/results-format.md describes: by HDF5 straight
// into a temporary file beside its final name (AtomicFile), renamed into place once complete.
// Both writers use it: write_results_file (a whole RunRecord) and the results stream (a run,
// tick by tick), so that the two cannot lay out a file differently.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "io_hdf5/atomic_file.h"
#include "io_hdf5/hdf5_helpers.h"
#include "io_hdf5/table_group.h"
#include "migdip/io/results_file.h"
#include "migdip/recording/record_sink.h"

namespace migdip {

/// Ticks in one chunk of a series, at most: a stream buffers one chunk of each variable, so this
/// bounds its memory whatever the run's length (with kChunkElements, which bounds wide slices).
inline constexpr std::size_t kMaxChunkTicks = 256;

/// Throws InternalError, naming the culprit, for groups the layout cannot represent (names,
/// dimensions, sizes); with `check_data`, also for variables whose data does not fit their shape.
void check_groups(const std::vector<RecordGroup>& groups, bool check_data);
/// Throws InternalError for root attribute names the layout cannot represent.
void check_attributes(const RecordDescription& description);

class ResultsFileWriter {
 public:
  /// A variable's dataset, created empty, and how it is stored.
  struct Series {
    H5::DataSet dataset;
    std::vector<std::size_t> shape;
    std::vector<std::size_t> chunk;  ///< empty when stored contiguously (no element)
    bool by_time = false;            ///< time is its first dimension
  };

  /// Claims `path` (AtomicFile: InputError when it may not be written) and creates the file,
  /// whose series will be stored as `storage` says.
  ResultsFileWriter(const std::string& path, bool overwrite, SeriesStorage storage);
  ResultsFileWriter(const ResultsFileWriter&) = delete;
  ResultsFileWriter& operator=(const ResultsFileWriter&) = delete;
  /// Without finish(): closes the file and removes it; nothing appears under the final name.
  ~ResultsFileWriter();

  /// Checks the groups (check_groups, without data), writes the format version and the groups:
  /// coordinates and auxiliary coordinates with their values, variables created empty.
  void create_groups(const std::vector<RecordGroup>& groups);
  /// The variables, in the order of the groups and of their variables.
  const std::vector<Series>& series() const { return series_; }

  /// Writes rows [first_row, first_row + rows) of a variable whose first dimension is time.
  void write_rows(std::size_t variable, std::size_t first_row, std::size_t rows,
                  const double* values);
  /// Writes all the values of a variable.
  void write_all(std::size_t variable, const std::vector<double>& values);

  /// Writes the root attributes, scenario texts and tables (compound datasets and the open tables
  /// under `/tables`), closes the file and renames it into place. The open tables count their
  /// dates in the units of the groups' `time` coordinate, or from 1970-01-01 when none has one.
  void finish(const RecordDescription& description, const RecordTables& tables);

 private:
  template <typename Operation>
  void writing(Operation&& operation);

  std::string path_;
  AtomicFile target_;  // declared before file_: the file is closed before its removal
  hdf5::File file_;
  SeriesStorage storage_;
  std::vector<Series> series_;
  /// The units of the groups' time coordinate, which the open tables' times share; none when
  /// no group has one.
  std::optional<hdf5::TableTimes> table_times_;
};

}  // namespace migdip
