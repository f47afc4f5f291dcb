#include "output_directory.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <random>
#include <system_error>

#include "migdip/core/error.h"
#include "migdip/core/quote.h"

namespace migdip::cli {

namespace fs = std::filesystem;

namespace {

std::string host_name() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0) {
    return "host";
  }
  return name;
}

// ".NAME.tmp-HOST-" or ".NAME.old-HOST-": what this host's migdip processes put before their
// pid in the names of the directories they make beside NAME.
std::string prefix_for(const fs::path& final, const char* kind) {
  return fmt::format(".{}.{}-{}-", final.filename().string(), kind, host_name());
}

fs::path unique_beside(const fs::path& final, const char* kind) {
  std::random_device device;
  return final.parent_path() / fmt::format("{}{}-{:08x}", prefix_for(final, kind), ::getpid(),
                                           static_cast<unsigned>(device()));
}

// Directories beside `final` left by migdip processes of this host that no longer exist (killed
// by SIGKILL or a power cut before they could clean up). A courtesy: never throws.
void remove_stale_directories(const fs::path& final) noexcept {
  try {
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(final.parent_path(), error)) {
      const std::string name = entry.path().filename().string();
      for (const char* kind : {"tmp", "old"}) {
        const std::string prefix = prefix_for(final, kind);
        if (name.rfind(prefix, 0) != 0 || !entry.is_directory(error)) {
          continue;
        }
        const long pid = std::atol(name.c_str() + prefix.size());
        if (pid > 0 && pid != ::getpid() && ::kill(static_cast<pid_t>(pid), 0) != 0 &&
            errno == ESRCH) {
          fs::remove_all(entry.path(), error);
        }
      }
    }
  } catch (...) {
  }
}

// The first entry of `directory` that `migdip export` would not have written, if any.
std::optional<std::string> foreign_entry(const fs::path& directory) {
  for (const auto& entry : fs::directory_iterator(directory)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".csv") {
      return entry.path().filename().string();
    }
  }
  return std::nullopt;
}

void sync_directory(const fs::path& directory) noexcept {
  const int descriptor = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY);
  if (descriptor >= 0) {
    ::fsync(descriptor);
    ::close(descriptor);
  }
}

}  // namespace

OutputDirectory::OutputDirectory(const std::string& path, bool replace)
    : path_(path), replace_(replace) {
  auto refuse = [&](const std::string& problem) { return InputError({path_, 0, "", ""}, problem); };
  if (path.empty()) {
    throw InputError({"", 0, "", "--output"}, "must name a directory");
  }
  final_ = fs::absolute(fs::path(path)).lexically_normal();
  if (!final_.has_filename()) {
    final_ = final_.parent_path();  // "out/" names "out"
  }
  if (final_ == final_.root_path()) {
    throw refuse("cannot be the root directory");
  }
  std::error_code error;
  if (!fs::is_directory(final_.parent_path(), error)) {
    throw refuse(
        fmt::format("its directory {} does not exist", quote(final_.parent_path().string())));
  }
  const fs::file_status status = fs::symlink_status(final_, error);
  if (fs::exists(status)) {
    if (!replace) {
      throw refuse("exists; use --force to replace it");
    }
    if (!fs::is_directory(status)) {
      throw refuse("exists and is not a directory; not replacing it");
    }
    if (const auto foreign = foreign_entry(final_)) {
      throw refuse(fmt::format(
          "holds {}, which migdip export does not write; --force replaces only a directory of "
          "CSV files",
          quote(*foreign)));
    }
  }
  remove_stale_directories(final_);
  temporary_ = unique_beside(final_, "tmp");
  if (!fs::create_directory(temporary_, error)) {
    throw refuse(fmt::format("cannot create a directory beside it: {}", error.message()));
  }
}

OutputDirectory::~OutputDirectory() {
  if (!committed_) {
    std::error_code error;
    fs::remove_all(temporary_, error);
  }
}

std::string OutputDirectory::shown(const std::string& name) const {
  return (fs::path(path_) / name).string();
}

void OutputDirectory::commit() {
  auto refuse = [&](const std::string& problem) { return InputError({path_, 0, "", ""}, problem); };
  sync_directory(temporary_);
  std::error_code error;
  fs::path old;
  if (fs::exists(fs::symlink_status(final_, error))) {
    if (!replace_) {
      throw refuse("appeared while the export was written; use --force to replace it");
    }
    old = unique_beside(final_, "old");
    fs::rename(final_, old, error);
    if (error) {
      throw refuse(fmt::format("cannot move the old directory aside: {}", error.message()));
    }
  }
  // Without RENAME_NOREPLACE semantics a directory that appeared meanwhile would be replaced if
  // empty: renameat2 refuses it, and where the file system lacks it, rename(2) is the fallback.
  if (::renameat2(AT_FDCWD, temporary_.c_str(), AT_FDCWD, final_.c_str(), RENAME_NOREPLACE) != 0) {
    const int failure = errno;
    if (failure == EINVAL && ::rename(temporary_.c_str(), final_.c_str()) == 0) {
      // renamed
    } else {
      if (!old.empty()) {
        fs::rename(old, final_, error);  // put the old one back
      }
      throw refuse(
          failure == EEXIST || failure == ENOTEMPTY
              ? "appeared while the export was written; use --force to replace it"
              : fmt::format("cannot rename the export into place: {}", std::strerror(failure)));
    }
  }
  committed_ = true;
  sync_directory(final_.parent_path());
  if (!old.empty()) {
    fs::remove_all(old, error);
  }
}

}  // namespace migdip::cli
