#pragma once
// The POSIX file operations that migdip's output files rely on, in one place: temporary names
// that say which process wrote them, clearing the ones a killed process left, renames that never
// replace a file unless asked to, directory syncs, and exclusive locks that name their holder.

#include <filesystem>
#include <optional>
#include <string>

#include "migdip/io/temporary_files.h"

namespace migdip::files {

/// A temporary name beside `final_path`: `.<name>.tmp-<host>-<pid>-<random>`. Hidden, ours at
/// a glance, unique across processes and threads, and telling remove_stale_temporaries whether
/// its writer is still alive.
std::filesystem::path temporary_path_for(const std::filesystem::path& final_path);

/// Removes the temporaries in `directory` written by processes of this host that no longer
/// exist (killed by SIGKILL, the OOM killer or a power cut before they could clean up). Files of
/// live processes, of other hosts (a shared file system) and of other programs are left alone.
/// Returns how many were removed; never throws.
std::size_t remove_stale_temporaries(const std::filesystem::path& directory) noexcept;

/// Renames `from` to `to`. With `replace`, as rename(2). Without, atomically refuses to replace
/// an existing `to` (renameat2 with RENAME_NOREPLACE, or link then unlink where the file system
/// lacks it) and returns false, leaving both names as they were. Throws std::system_error for
/// any other failure.
bool rename_into_place(const std::filesystem::path& from, const std::filesystem::path& to,
                       bool replace);

/// Makes a rename or creation in `directory` durable. Best effort: never throws.
void sync_directory(const std::filesystem::path& directory) noexcept;

/// A process holding a lock.
struct LockHolder {
  long pid = 0;
  std::string program;  ///< its name (/proc/PID/comm); empty if it has just ended
};

/// The process holding a lock on the open file `descriptor`, from /proc/locks; nullopt when
/// no holder can be found (another host, or no /proc).
std::optional<LockHolder> lock_holder(int descriptor);

/// An exclusive advisory lock (flock) on a file, held by an open descriptor from acquisition to
/// destruction. The kernel releases it when the process ends in any way, SIGKILL included, so a
/// lock can never outlive its writer.
class ExclusiveLock {
 public:
  /// Locks the regular file at `path` without waiting, and checks that `path` still names the
  /// locked file afterwards (it may have been replaced meanwhile). Returns nullopt when `path`
  /// does not exist. Throws InputError when another process holds a lock on it ("another
  /// migdip (pid N) is writing <what>") or when it is not a regular file (a FIFO, a device).
  static std::optional<ExclusiveLock> on_existing(const std::string& path, const std::string& what);
  /// Creates `path`, which must not exist, and locks it; mode 0666 less the umask. Throws
  /// InputError when it cannot.
  static ExclusiveLock on_new(const std::string& path);

  ExclusiveLock(ExclusiveLock&& other) noexcept : descriptor_(other.descriptor_) {
    other.descriptor_ = -1;
  }
  ExclusiveLock& operator=(ExclusiveLock&& other) noexcept;
  ExclusiveLock(const ExclusiveLock&) = delete;
  ExclusiveLock& operator=(const ExclusiveLock&) = delete;
  ~ExclusiveLock();

  /// The locked file's descriptor (read-only, or read-write for on_new): for fsync.
  int descriptor() const noexcept { return descriptor_; }

 private:
  explicit ExclusiveLock(int descriptor) : descriptor_(descriptor) {}
  int descriptor_ = -1;
};

}  // namespace migdip::files
