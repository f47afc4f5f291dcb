// write_results_file: a RunRecord to an HDF5 file laid out as docs/results-format.md describes.

#include "migdip/io/results_file.h"

#include "io_hdf5/results_file_writer.h"
#include "migdip/core/saturating.h"

namespace migdip {

std::uint64_t run_with_results_file_memory(const RunMemory& run) {
  return saturating_sum(run.simulation, saturating_product(2, run.record));
}

void write_results_file(const RunRecord& record, const std::string& path, bool overwrite,
                        SeriesStorage storage) {
  RecordDescription description{record.text_attributes, record.number_attributes,
                                record.scenario_text, record.resolved_scenario_text};
  // A record the layout cannot represent is the recorder's bug: caught before any file is
  // touched, with a message naming the culprit rather than an HDF5 error.
  check_attributes(description);
  check_groups(record.groups, true);
  ResultsFileWriter writer(path, overwrite, storage);
  writer.create_groups(record.groups);
  std::size_t index = 0;
  for (const RecordGroup& group : record.groups) {
    for (const Variable& variable : group.variables) {
      writer.write_all(index++, variable.data);
    }
  }
  writer.finish(description, RecordTables{record.events, record.deals, record.negotiation_log});
}

}  // namespace migdip
