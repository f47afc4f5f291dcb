// The sweep commands (info, --resume, merge) on arbitrary bytes given as a sweep file
// (sweep_file_checks.h). Most inputs are damaged HDF5 files, so this harness mostly exercises
// Debian's libhdf5, which is not instrumented; fuzz_sweep_edits gives migdip's own checks
// well-formed HDF5 files instead.

#include <cstddef>
#include <cstdint>

#include "scratch_file.h"
#include "sweep_file_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const migdip::fuzz::ScratchDirectory scratch;
  scratch.clear();
  migdip::fuzz::check_sweep_file(scratch, scratch.write("input.h5", data, size));
  return 0;
}
