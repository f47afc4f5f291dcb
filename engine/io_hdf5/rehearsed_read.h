#pragma once
// Reading a file that may be damaged, first in a child process. The HDF5 library (1.10, as
// Debian ships it) can crash on a damaged or crafted file: a segmentation fault or an abort
// inside libhdf5, which no check of migdip's can come before. So every reader of a user's HDF5
// file runs once in a forked child; if the child dies of a signal, the file is refused as
// damaged (exit status 2) and the parent never touches it.

#include <functional>
#include <string>

namespace migdip::hdf5 {

/// Runs `read` in a forked child and waits for it. Returns when the child ended normally,
/// whatever `read` did: the caller then reads for real, and meets the same exceptions itself.
/// Throws InputError about `path` when the child died of a signal. Call it when this process
/// runs no other threads that hold locks (before worker threads start).
void rehearse_read(const std::string& path, const std::function<void()>& read);

/// Turns rehearsals off (and back on) for this process: for callers in which fork() is unsafe,
/// such as MPI ranks. Then a crash inside libhdf5 ends the process.
void set_read_rehearsals(bool enabled);

}  // namespace migdip::hdf5
