// `migdip info` on arbitrary bytes given as a results file (results_file_checks.h). Most inputs
// are damaged HDF5 files, so this harness mostly exercises Debian's libhdf5, which is not
// instrumented; fuzz_results_edits gives migdip's own checks well-formed HDF5 files instead.

#include <cstddef>
#include <cstdint>

#include "results_file_checks.h"
#include "scratch_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const migdip::fuzz::ScratchDirectory scratch;
  migdip::fuzz::check_results_file(scratch.write("results.h5", data, size));
  return 0;
}
