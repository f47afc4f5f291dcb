#pragma once
// The input of the *_edits harnesses: which of the base files (a directory of files migdip
// wrote, MIGDIP_FUZZ_BASE_FILES) to start from, then the edits (hdf5_edits.h) to make to a copy.
// With MIGDIP_FUZZ_SAVE_EDITED=PATH in the environment, the edited file is also copied to PATH,
// to try a reproducer on the command line (`migdip info PATH`).

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <fuzzer/FuzzedDataProvider.h>

#include "finding.h"
#include "hdf5_edits.h"
#include "open_hdf5_objects.h"
#include "scratch_file.h"

namespace migdip::fuzz {

inline const std::vector<std::string>& base_files() {
  static const std::vector<std::string> files = [] {
    std::vector<std::string> found;
    for (const auto& entry : std::filesystem::directory_iterator(MIGDIP_FUZZ_BASE_FILES)) {
      found.push_back(entry.path().string());
    }
    if (found.empty()) {
      report_finding(std::string("no base files in ") + MIGDIP_FUZZ_BASE_FILES);
    }
    std::sort(found.begin(), found.end());
    return found;
  }();
  return files;
}

/// Writes the edited copy as `name` in `scratch` and returns its path.
inline std::string edited_file(const ScratchDirectory& scratch, const std::string& name,
                               FuzzedDataProvider& input) {
  const std::vector<std::string>& bases = base_files();
  const std::string& base = bases[input.ConsumeIntegralInRange<std::size_t>(0, bases.size() - 1)];
  const std::string path = scratch.file(name);
  std::filesystem::copy_file(base, path, std::filesystem::copy_options::overwrite_existing);
  {
    // HDF5's dimension-scale library leaves identifiers open when an edit fails; they would
    // keep the edited file open.
    const OpenHdf5Objects before_editing;
    Hdf5Editor(path, input).run(8);
  }
  if (const char* copy = std::getenv("MIGDIP_FUZZ_SAVE_EDITED")) {
    std::filesystem::copy_file(path, copy, std::filesystem::copy_options::overwrite_existing);
  }
  return path;
}

}  // namespace migdip::fuzz
