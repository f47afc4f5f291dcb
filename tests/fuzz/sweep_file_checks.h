#pragma once
// What the sweep commands do with a sweep file, as the sweep harnesses check it: is_sweep_file
// and read_sweep_file (`migdip info`), SweepFileWriter::resume (`migdip sweep --resume`, the
// file being the interrupted sweep's PATH.partial) and merge_sweep_files (`migdip merge`, the
// file being the only shard). Each either refuses the file with an InputError or accepts it,
// and then:
//  - what read_sweep_file returns is consistent: as many values, seeds, done flags, metrics and
//    series values as the header's points, replicates, parameters and series say, since info,
//    resume and merge index them by those;
//  - a file read_sweep_file accepts is one is_sweep_file recognises;
//  - resume against the file's own header counts no more runs done than the file holds;
//  - a merge of the file alone writes a sweep file that reads back with the same metrics.
// No HDF5 object may stay open after any of them. Anything else is a finding: a crash, a
// sanitizer report, another exception, running out of memory or time.

#include <cstddef>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "finding.h"
#include "migdip/core/error.h"
#include "migdip/io/sweep_file.h"
#include "open_hdf5_objects.h"
#include "reads_in_process.h"
#include "scratch_file.h"

namespace migdip::fuzz {

inline void check_sweep_contents(const SweepContents& contents) {
  const SweepHeader& header = contents.header;
  const std::size_t runs = header.points * header.replicates;
  const std::size_t cells = header.points * header.parameters.size();
  if (header.value_texts.size() != cells || header.values.size() != cells) {
    report_finding("the values do not match points x parameters");
  }
  if (header.seeds.size() != runs || contents.done.size() != runs) {
    report_finding("the seeds or done flags do not match points x replicates");
  }
  if (contents.metric_units.size() != contents.metric_names.size() ||
      contents.metrics.size() != runs * contents.metric_names.size()) {
    report_finding("the metrics do not match points x replicates x metrics");
  }
  if (contents.series.size() != header.series.size()) {
    report_finding("the series values do not match the series of the header");
  }
  for (std::size_t i = 0; i < header.series.size(); ++i) {
    if (contents.series[i].size() != runs * header.series[i].elements()) {
      report_finding("the values of a series do not match points x replicates x its axes");
    }
  }
}

inline bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

/// Checks the file at `input` (left unchanged) with copies in `scratch`.
inline void check_sweep_file(const ScratchDirectory& scratch, const std::string& input) {
  read_in_process();
  const OpenHdf5Objects open_before;
  namespace fs = std::filesystem;
  const std::string output = scratch.file("sweep.h5");
  const std::string partial = partial_path(output);
  fs::copy_file(input, partial, fs::copy_options::overwrite_existing);

  const bool recognised = is_sweep_file(partial);
  open_before.expect_none_new("is_sweep_file");
  SweepContents contents;
  bool readable = false;
  try {
    contents = read_sweep_file(partial);
    readable = true;
  } catch (const InputError&) {
  }
  open_before.expect_none_new("read_sweep_file");
  if (readable) {
    check_sweep_contents(contents);
    if (!recognised) {
      report_finding("read_sweep_file reads a file is_sweep_file does not recognise");
    }
  }

  try {
    const auto writer = SweepFileWriter::resume(output, contents.header);
    if (writer->runs_done() > contents.header.points * contents.header.replicates) {
      report_finding("resume counts more runs done than the file holds");
    }
  } catch (const InputError&) {
  }
  open_before.expect_none_new("SweepFileWriter::resume");

  // Resuming may have written to the file: the merge gets it as it was.
  fs::copy_file(input, partial, fs::copy_options::overwrite_existing);
  const std::string merged = scratch.file("merged.h5");
  bool merged_written = false;
  try {
    merge_sweep_files(std::vector<std::string>{partial}, merged, true, "fuzz",
                      "2000-01-01T00:00:00Z");
    merged_written = true;
  } catch (const InputError&) {
  }
  open_before.expect_none_new("merge_sweep_files");
  if (merged_written) {
    if (!readable) {
      report_finding("merge_sweep_files merges a file read_sweep_file refuses");
    }
    if (!same_bits(read_sweep_file(merged).metrics, contents.metrics)) {
      report_finding("the merge of one shard does not keep its metrics");
    }
    open_before.expect_none_new("reading the merged file");
  }
}

}  // namespace migdip::fuzz
