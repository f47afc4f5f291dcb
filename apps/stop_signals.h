#pragma once
// What SIGINT (Ctrl-C) and SIGTERM (kill, a Slurm time limit, mpirun passing one on) do.
// - A sweep stops cleanly: the runs in progress finish, results are flushed, and --resume
//   continues (catch_stop_signals, then poll stop_signal_received).
// - Any other command stops at once, but first removes the temporary file of an output it was
//   writing, so that nothing half-written is left behind (stop_after_removing_temporaries).
//
// SIGHUP (a closed terminal or ssh session) is handled like SIGTERM.

namespace migdip::cli {

/// Installs handlers that record the signal for stop_signal_received.
void catch_stop_signals();

/// The signal that asked to stop, or 0.
int stop_signal_received();

/// Installs handlers that remove this process's output temporaries, then end the process by the
/// same signal (so its parent sees the usual 128 + signal status).
void stop_after_removing_temporaries();

}  // namespace migdip::cli
