#pragma once
// What `migdip info` does with a results file, as the results harnesses check it: the file is
// either refused with an InputError or read and described (apps/summary.cpp, compiled into the
// harness); no HDF5 object stays open afterwards. Anything else is a finding: a crash, a
// sanitizer report, another exception, running out of memory or time.

#include <string>

#include "migdip/core/error.h"
#include "migdip/io/results_file.h"
#include "migdip/io/sweep_file.h"
#include "open_hdf5_objects.h"
#include "reads_in_process.h"
#include "summary.h"

namespace migdip::fuzz {

inline void check_results_file(const std::string& path) {
  read_in_process();
  const OpenHdf5Objects open_before;
  // info first asks whether the file is a sweep file; the answer may be either, never an error.
  is_sweep_file(path);
  open_before.expect_none_new("is_sweep_file");
  try {
    const RunRecord record = read_results_file(path);
    cli::text_attribute(record, "format_version");
    cli::summarise(record);
    cli::summarise_diplomacy(record);
  } catch (const InputError&) {
  }
  open_before.expect_none_new("read_results_file");
}

}  // namespace migdip::fuzz
