#pragma once
// The readers of users' HDF5 files rehearse each read in a forked child first, so that a crash
// inside libhdf5 is refused as a damaged file (engine/io_hdf5/rehearsed_read.h). The harnesses
// read in their own process instead: in a child, libFuzzer's and the sanitizers' handlers would
// turn a crash into an ordinary exit, and a report about migdip's own code into a refusal.
// Crashes are then told apart by their stack: inside libhdf5 (contained by the rehearsal in
// production), or in migdip.

#include "io_hdf5/rehearsed_read.h"

namespace migdip::fuzz {

inline void read_in_process() {
  static const bool done = [] {
    hdf5::set_read_rehearsals(false);
    return true;
  }();
  static_cast<void>(done);
}

}  // namespace migdip::fuzz
