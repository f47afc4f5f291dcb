#pragma once
// `migdip sweep --mpi`: rank 0 owns the sweep file and hands out runs one at a time to the other
// ranks as they ask (dynamic distribution, so slow and fast runs balance out); results are
// bit-identical to a sweep on threads, since each run is a pure function of its point and
// replicate.

#include <string>

#include "sweep_setup.h"

namespace migdip::cli {

/// Whether this build of migdip has MPI.
bool built_with_mpi();

/// Runs the sweep over the ranks of MPI_COMM_WORLD; returns the exit status of this rank.
/// Throws InputError when migdip was built without MPI.
int run_sweep_with_mpi(const SweepRequest& request, const std::string& output, bool resume,
                       bool force, bool quiet);

}  // namespace migdip::cli
