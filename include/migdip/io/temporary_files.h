#pragma once
// Output files are written under temporary names and renamed into place only when complete. A
// process stopped by a signal removes its temporaries first; one killed outright (SIGKILL, the
// OOM killer) leaves them for the next migdip writing into that directory to remove.

#include <filesystem>

namespace migdip::files {

/// While alive, registers a temporary file for remove_registered_temporaries. At most
/// kMaxRegistered at once; more are simply not registered.
class TemporaryRegistration {
 public:
  static constexpr int kMaxRegistered = 16;
  explicit TemporaryRegistration(const std::filesystem::path& path) noexcept;
  ~TemporaryRegistration();
  TemporaryRegistration(const TemporaryRegistration&) = delete;
  TemporaryRegistration& operator=(const TemporaryRegistration&) = delete;

 private:
  int slot_ = -1;
};

/// Unlinks the temporaries of the outputs this process is writing now. Async-signal-safe: for a
/// handler of SIGINT or SIGTERM that then lets the signal end the process.
void remove_registered_temporaries() noexcept;

}  // namespace migdip::files
