// Built when CMake found no MPI: the option exists and says what is missing.

#include "migdip/core/error.h"
#include "mpi_sweep.h"

namespace migdip::cli {

bool built_with_mpi() {
  return false;
}

int run_sweep_with_mpi(const SweepRequest& /*request*/, const std::string& /*output*/,
                       bool /*resume*/, bool /*force*/, bool /*quiet*/) {
  throw InputError({"", 0, "", "--mpi"},
                   "this migdip was built without MPI; install Debian's libopenmpi-dev and "
                   "openmpi-bin and build again, or run without --mpi");
}

}  // namespace migdip::cli
