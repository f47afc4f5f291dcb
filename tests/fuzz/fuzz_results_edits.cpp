// `migdip info` (results_file_checks.h) on results files migdip wrote, edited through the HDF5
// library by the input (hdf5_edits.h): well-formed HDF5 that says anything.

#include <cstddef>
#include <cstdint>

#include <fuzzer/FuzzedDataProvider.h>

#include "edited_file.h"
#include "results_file_checks.h"
#include "scratch_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const migdip::fuzz::ScratchDirectory scratch;
  FuzzedDataProvider input(data, size);
  migdip::fuzz::check_results_file(migdip::fuzz::edited_file(scratch, "results.h5", input));
  return 0;
}
