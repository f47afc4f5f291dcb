#include "io_hdf5/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include <fmt/format.h>

#include "io_hdf5/file_system.h"
#include "migdip/core/error.h"

namespace migdip {

namespace {

InputError file_error(const std::string& path, const std::string& problem) {
  return InputError{InputLocation{path, 0, "", ""}, problem};
}

}  // namespace

AtomicFile::AtomicFile(const std::string& path, bool overwrite)
    : path_(path), final_path_(path), overwrite_(overwrite) {
  const std::filesystem::path name = final_path_.filename();
  if (name.empty() || name == "." || name == "..") {
    throw file_error(path_, "cannot write results file: the path names no file");
  }
  check_final_path();
  const std::filesystem::path directory = final_path_.parent_path();
  std::error_code ignored;
  if (!directory.empty() && !std::filesystem::is_directory(directory, ignored)) {
    throw file_error(path_, fmt::format("cannot write results file: directory '{}' does not exist",
                                        directory.string()));
  }
  files::remove_stale_temporaries(directory);
  // Not mkstemp: its mode 0600 would make results files private; 0666 honours the umask like
  // any other output file.
  for (int attempt = 0;; ++attempt) {
    temporary_path_ = files::temporary_path_for(final_path_);
    // Registered before it exists: a signal arriving just after the file is created must find
    // it. (The name holds our pid and a random part, so it is nobody else's.)
    registration_.emplace(temporary_path_);
    descriptor_ = ::open(temporary_path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    const int error = errno;
    if (descriptor_ >= 0) {
      return;
    }
    registration_.reset();
    if (error != EEXIST || attempt == 10) {
      temporary_path_.clear();
      throw file_error(
          path_, fmt::format("cannot write results file in directory '{}': {}",
                             directory.empty() ? "." : directory.string(), std::strerror(error)));
    }
  }
}

AtomicFile::~AtomicFile() {
  if (descriptor_ >= 0) {
    ::close(descriptor_);
  }
  if (!committed_ && !temporary_path_.empty()) {
    std::error_code ignored;
    std::filesystem::remove(temporary_path_, ignored);
  }
}

void AtomicFile::fail(const std::string& doing, int error) const {
  throw file_error(path_,
                   fmt::format("cannot write results file: {}: {}", doing, std::strerror(error)));
}

void AtomicFile::write(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(descriptor_, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) {
        continue;
      }
      fail("writing", errno);
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
}

void AtomicFile::check_final_path() const {
  std::error_code ignored;
  if (!std::filesystem::exists(std::filesystem::symlink_status(final_path_, ignored))) {
    return;
  }
  if (std::filesystem::is_directory(final_path_, ignored)) {
    throw file_error(path_, fmt::format("cannot write results file: '{}' is a directory", path_));
  }
  if (!overwrite_) {
    throw file_error(path_,
                     fmt::format("results file '{}' exists; use --force to replace it", path_));
  }
}

void AtomicFile::commit() {
  // Synced before the rename, so that after a crash the final name holds either the old file
  // or the complete new one, never an empty or truncated one.
  if (::fsync(descriptor_) != 0) {
    fail("syncing", errno);
  }
  const int closed = ::close(descriptor_);
  const int close_error = errno;
  descriptor_ = -1;
  if (closed != 0) {
    fail("closing", close_error);  // network file systems report write errors here
  }
  // Checked again because a long run may have given another process time to create the file;
  // the rename itself refuses to replace it too, since it may appear between check and rename.
  check_final_path();
  bool renamed = false;
  try {
    renamed = files::rename_into_place(temporary_path_, final_path_, overwrite_);
  } catch (const std::system_error& error) {
    throw file_error(
        path_, fmt::format("cannot move the results file into place: {}", error.code().message()));
  }
  if (!renamed) {
    throw file_error(path_,
                     fmt::format("results file '{}' exists; use --force to replace it", path_));
  }
  committed_ = true;
  files::sync_directory(final_path_.parent_path());
}

}  // namespace migdip
