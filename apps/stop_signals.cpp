#include "stop_signals.h"

#include <unistd.h>

#include <csignal>

#include "migdip/io/temporary_files.h"

namespace migdip::cli {
namespace {

constexpr int kStopSignals[] = {SIGINT, SIGTERM, SIGHUP};

volatile std::sig_atomic_t received = 0;

extern "C" void record_stop_signal(int signal_number) {
  received = signal_number;
}

extern "C" void remove_temporaries_and_stop(int signal_number) {
  files::remove_registered_temporaries();
  constexpr char kMessage[] = "migdip: stopped by a signal; no output file was written\n";
  [[maybe_unused]] const ssize_t ignored = ::write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
  std::signal(signal_number, SIG_DFL);
  std::raise(signal_number);
}

void install(void (*handler)(int)) {
  struct sigaction action {};
  action.sa_handler = handler;
  sigemptyset(&action.sa_mask);
  for (int signal_number : kStopSignals) {
    sigaddset(&action.sa_mask, signal_number);
  }
  for (int signal_number : kStopSignals) {
    sigaction(signal_number, &action, nullptr);
  }
}

}  // namespace

void catch_stop_signals() {
  install(record_stop_signal);
}

int stop_signal_received() {
  return received;
}

void stop_after_removing_temporaries() {
  install(remove_temporaries_and_stop);
}

}  // namespace migdip::cli
