#include "stop_signals.h"

#include <csignal>

namespace migdip::cli {
namespace {

volatile std::sig_atomic_t received = 0;

extern "C" void record_stop_signal(int signal_number) {
  received = signal_number;
}

}  // namespace

void catch_stop_signals() {
  struct sigaction action {};
  action.sa_handler = record_stop_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

int stop_signal_received() {
  return received;
}

}  // namespace migdip::cli
