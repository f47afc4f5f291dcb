#pragma once
// Ctrl-C and SIGTERM (what Slurm sends at a time limit, and what mpirun forwards) ask a sweep to
// stop cleanly: the runs in progress finish, results are flushed, and --resume continues.

namespace migdip::cli {

/// Installs the handlers for SIGINT and SIGTERM.
void catch_stop_signals();

/// The signal that asked to stop, or 0.
int stop_signal_received();

}  // namespace migdip::cli
