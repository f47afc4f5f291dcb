#pragma once
// Writing a file so that its final name only ever holds a complete file: the content goes to a
// temporary file in the same directory (same file system, so the rename is atomic), is synced to
// disk, and is renamed into place only then. A crash leaves at most the temporary file; an error
// removes even that.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "io_hdf5/file_system.h"

namespace migdip {

class AtomicFile {
 public:
  /// Checks that `path` may be written, removes temporaries beside it that killed processes
  /// left, and creates an empty temporary file beside it, registered for removal by a stop
  /// signal's handler (files::remove_registered_temporaries). Throws
  /// InputError when `path` exists and `overwrite` is false, names a directory, or when its
  /// directory is missing or not writable.
  AtomicFile(const std::string& path, bool overwrite);
  /// Removes the temporary file unless commit() succeeded.
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  /// The temporary file; it exists from construction until commit() or destruction.
  const std::filesystem::path& temporary_path() const noexcept { return temporary_path_; }

  /// Appends `bytes` to the temporary file. Throws InputError when the system refuses (disk
  /// full, quota, I/O error).
  void write(std::string_view bytes);

  /// Syncs the temporary file and renames it over the final path. Throws InputError if the
  /// final path appeared meanwhile (without overwrite) or the sync or rename fails.
  void commit();

 private:
  void check_final_path() const;
  [[noreturn]] void fail(const std::string& doing, int error) const;

  std::string path_;  // as the user gave it, for messages
  std::filesystem::path final_path_;
  std::filesystem::path temporary_path_;
  int descriptor_ = -1;
  bool overwrite_;
  bool committed_ = false;
  std::optional<files::TemporaryRegistration> registration_;
};

}  // namespace migdip
