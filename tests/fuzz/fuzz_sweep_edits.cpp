// The sweep commands (info, --resume, merge; sweep_file_checks.h) on sweep files migdip wrote,
// edited through the HDF5 library by the input (hdf5_edits.h): well-formed HDF5 that says
// anything.

#include <cstddef>
#include <cstdint>

#include <fuzzer/FuzzedDataProvider.h>

#include "edited_file.h"
#include "scratch_file.h"
#include "sweep_file_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const migdip::fuzz::ScratchDirectory scratch;
  scratch.clear();
  FuzzedDataProvider input(data, size);
  migdip::fuzz::check_sweep_file(scratch, migdip::fuzz::edited_file(scratch, "input.h5", input));
  return 0;
}
