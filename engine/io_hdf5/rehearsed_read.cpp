#include "io_hdf5/rehearsed_read.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>

#include <fmt/format.h>

#include "migdip/core/error.h"

namespace migdip::hdf5 {
namespace {

std::atomic<bool> rehearsals_enabled{true};

}  // namespace

void set_read_rehearsals(bool enabled) {
  rehearsals_enabled.store(enabled);
}

void rehearse_read(const std::string& path, const std::function<void()>& read) {
  if (!rehearsals_enabled.load()) {
    return;
  }
  const pid_t child = ::fork();
  if (child < 0) {
    return;  // cannot rehearse (no processes left): read for real, unguarded
  }
  if (child == 0) {
    // What a crashing libhdf5, the C library or a sanitizer prints ("double free or
    // corruption") would break the one-line error. (migdip's own reading code is fuzzed in
    // process, unrehearsed: tests/fuzz.)
    const int nowhere = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (nowhere >= 0) {
      ::dup2(nowhere, STDERR_FILENO);
    }
    try {
      read();
    } catch (...) {
      // The parent meets the same failure in its own read, and reports it there.
    }
    ::_exit(0);  // no exit handlers, no flushing of the parent's buffers twice
  }
  int status = 0;
  while (::waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) {
      return;
    }
  }
  if (!WIFSIGNALED(status)) {
    return;
  }
  const int signal_number = WTERMSIG(status);
  const char* name = sigdescr_np(signal_number);
  const std::string described = name != nullptr ? name : fmt::format("signal {}", signal_number);
  switch (signal_number) {
    case SIGSEGV:
    case SIGBUS:
    case SIGABRT:
    case SIGFPE:
    case SIGILL:
    case SIGTRAP:
    case SIGSYS:
      throw InputError(
          {path, 0, "", ""},
          fmt::format("is damaged: the HDF5 library crashed reading it ({})", described));
    default:  // stopped from outside (Ctrl-C reaches the whole process group), not a crash
      throw InputError({path, 0, "", ""},
                       fmt::format("reading it was interrupted ({})", described));
  }
}

}  // namespace migdip::hdf5
