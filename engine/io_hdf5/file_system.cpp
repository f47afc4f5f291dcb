#include "io_hdf5/file_system.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <system_error>

#include <fmt/format.h>

#include "migdip/core/error.h"

namespace migdip::files {
namespace {

constexpr std::string_view kTemporaryMarker = ".tmp-";

// The host part of temporary names: only characters that cannot be confused with the
// separators around it.
std::string host_name() {
  char buffer[256] = {};
  if (::gethostname(buffer, sizeof buffer - 1) != 0) {
    return "localhost";
  }
  std::string host(buffer);
  for (char& c : host) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!plain) {
      c = '_';
    }
  }
  return host.empty() ? "localhost" : host;
}

bool all_of_digits(std::string_view text, bool hexadecimal) {
  if (text.empty()) {
    return false;
  }
  for (char c : text) {
    const bool digit = c >= '0' && c <= '9';
    const bool hex_letter = c >= 'a' && c <= 'f';
    if (!digit && !(hexadecimal && hex_letter)) {
      return false;
    }
  }
  return true;
}

// The writer's pid when `name` is a temporary of this host written by temporary_path_for.
std::optional<long> writer_on_this_host(const std::string& name, const std::string& host) {
  if (name.empty() || name.front() != '.') {
    return std::nullopt;
  }
  const std::size_t marker = name.rfind(kTemporaryMarker);
  if (marker == std::string::npos) {
    return std::nullopt;
  }
  const std::string_view tail = std::string_view(name).substr(marker + kTemporaryMarker.size());
  const std::size_t last = tail.rfind('-');
  if (last == std::string_view::npos || last == 0) {
    return std::nullopt;
  }
  const std::size_t middle = tail.rfind('-', last - 1);
  if (middle == std::string_view::npos) {
    return std::nullopt;
  }
  const std::string_view written_by = tail.substr(0, middle);
  const std::string_view pid = tail.substr(middle + 1, last - middle - 1);
  const std::string_view random = tail.substr(last + 1);
  if (written_by != host || !all_of_digits(pid, false) || pid.size() > 9 || random.size() != 8 ||
      !all_of_digits(random, true)) {
    return std::nullopt;
  }
  return std::stol(std::string(pid));
}

std::string process_name(long pid) {
  std::ifstream comm(fmt::format("/proc/{}/comm", pid));
  std::string name;
  std::getline(comm, name);
  return name;
}

// The registry of temporaries: fixed storage, so a signal handler can walk it without locks or
// allocation. A slot's path is written before `ready` is set, and `ready` cleared before reuse.
struct RegisteredTemporary {
  std::atomic<bool> taken{false};
  std::atomic<bool> ready{false};
  char path[PATH_MAX] = {};
};
static_assert(std::atomic<bool>::is_always_lock_free, "the signal handler needs lock-free flags");
std::array<RegisteredTemporary, TemporaryRegistration::kMaxRegistered> registered;

[[noreturn]] void refuse(const std::string& path, const std::string& problem) {
  throw InputError({path, 0, "", ""}, problem);
}

}  // namespace

std::filesystem::path temporary_path_for(const std::filesystem::path& final_path) {
  static thread_local std::mt19937 generator{std::random_device{}()};
  static const std::string host = host_name();
  const auto suffix = static_cast<unsigned long>(generator());
  return final_path.parent_path() / fmt::format(".{}{}{}-{}-{:08x}", final_path.filename().string(),
                                                kTemporaryMarker, host,
                                                static_cast<long>(::getpid()), suffix);
}

std::size_t remove_stale_temporaries(const std::filesystem::path& directory) noexcept {
  std::size_t removed = 0;
  try {
    const std::string host = host_name();
    std::error_code error;
    const auto listing = std::filesystem::directory_iterator(
        directory.empty() ? std::filesystem::path(".") : directory, error);
    if (error) {
      return 0;
    }
    for (const auto& entry : listing) {
      const auto pid = writer_on_this_host(entry.path().filename().string(), host);
      if (!pid || *pid == ::getpid() || !entry.is_regular_file(error)) {
        continue;
      }
      // kill(pid, 0) fails with ESRCH only when no such process exists; EPERM means it lives.
      if (::kill(static_cast<pid_t>(*pid), 0) != 0 && errno == ESRCH &&
          std::filesystem::remove(entry.path(), error)) {
        ++removed;
      }
    }
  } catch (...) {
    // Clearing up after others is a courtesy: it must never stop a run.
  }
  return removed;
}

TemporaryRegistration::TemporaryRegistration(const std::filesystem::path& path) noexcept {
  const std::string& text = path.native();
  if (text.size() >= PATH_MAX) {
    return;
  }
  for (int i = 0; i < kMaxRegistered; ++i) {
    bool expected = false;
    if (registered[i].taken.compare_exchange_strong(expected, true)) {
      std::memcpy(registered[i].path, text.c_str(), text.size() + 1);
      registered[i].ready.store(true);
      slot_ = i;
      return;
    }
  }
}

TemporaryRegistration::~TemporaryRegistration() {
  if (slot_ >= 0) {
    registered[slot_].ready.store(false);
    registered[slot_].taken.store(false);
  }
}

void remove_registered_temporaries() noexcept {
  for (RegisteredTemporary& temporary : registered) {
    if (temporary.ready.load()) {
      ::unlink(temporary.path);
    }
  }
}

bool rename_into_place(const std::filesystem::path& from, const std::filesystem::path& to,
                       bool replace) {
  if (replace) {
    std::filesystem::rename(from, to);
    return true;
  }
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) {
    return true;
  }
  if (errno == EEXIST) {
    return false;
  }
  if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP) {
    throw std::system_error(errno, std::generic_category(),
                            fmt::format("renaming '{}' to '{}'", from.string(), to.string()));
  }
  // The file system cannot rename without replacing; link(2) never replaces either.
  if (::link(from.c_str(), to.c_str()) != 0) {
    if (errno == EEXIST) {
      return false;
    }
    throw std::system_error(errno, std::generic_category(),
                            fmt::format("linking '{}' to '{}'", from.string(), to.string()));
  }
  ::unlink(from.c_str());
  return true;
}

void sync_directory(const std::filesystem::path& directory) noexcept {
  const std::filesystem::path target = directory.empty() ? std::filesystem::path(".") : directory;
  const int handle = ::open(target.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (handle >= 0) {
    ::fsync(handle);
    ::close(handle);
  }
}

std::optional<LockHolder> lock_holder(int descriptor) {
  struct stat file {};
  if (::fstat(descriptor, &file) != 0) {
    return std::nullopt;
  }
  // /proc/locks names a file as MAJOR:MINOR:INODE, the device numbers in hexadecimal.
  const std::string device_and_inode =
      fmt::format("{:02x}:{:02x}:{}", major(file.st_dev), minor(file.st_dev), file.st_ino);
  std::ifstream locks("/proc/locks");
  std::string line;
  while (std::getline(locks, line)) {
    char kind[16] = {}, mode[16] = {}, access[16] = {}, where[64] = {};
    long pid = 0;
    // "1: FLOCK  ADVISORY  WRITE 1234 08:01:5678 0 EOF"; waiting requests have "->" after "1:".
    if (std::sscanf(line.c_str(), "%*d: %15s %15s %15s %ld %63s", kind, mode, access, &pid,
                    where) != 5 ||
        std::string_view(kind) == "->") {
      continue;
    }
    if (where == device_and_inode && pid != ::getpid()) {
      return LockHolder{pid, process_name(pid)};
    }
  }
  return std::nullopt;
}

ExclusiveLock& ExclusiveLock::operator=(ExclusiveLock&& other) noexcept {
  if (this != &other) {
    if (descriptor_ >= 0) {
      ::close(descriptor_);
    }
    descriptor_ = other.descriptor_;
    other.descriptor_ = -1;
  }
  return *this;
}

ExclusiveLock::~ExclusiveLock() {
  if (descriptor_ >= 0) {
    ::close(descriptor_);  // releases the lock
  }
}

std::optional<ExclusiveLock> ExclusiveLock::on_existing(const std::string& path,
                                                        const std::string& what) {
  // A few attempts: each fails only because another process replaced the file, or ended,
  // meanwhile.
  constexpr int kAttempts = 5;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
    const int descriptor = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (descriptor < 0) {
      if (errno == ENOENT) {
        return std::nullopt;
      }
      refuse(path, fmt::format("cannot open: {}", std::strerror(errno)));
    }
    ExclusiveLock lock(descriptor);
    struct stat opened {};
    if (::fstat(descriptor, &opened) != 0 || !S_ISREG(opened.st_mode)) {
      refuse(path, "is not a regular file");
    }
    if (::flock(descriptor, LOCK_EX | LOCK_NB) != 0) {
      if (errno == EWOULDBLOCK) {
        const std::optional<LockHolder> holder = lock_holder(descriptor);
        if (holder && holder->program == "migdip") {
          refuse(path, fmt::format("another migdip (pid {}) is writing {}", holder->pid, what));
        }
        if ((!holder || holder->program.empty()) && attempt + 1 < kAttempts) {
          // Its holder may have just ended (a sweep finishing): look again in a moment.
          ::usleep(20'000);
          continue;
        }
        refuse(path, holder
                         ? fmt::format("another process (pid {}{}) holds a lock on {}", holder->pid,
                                       holder->program.empty() ? "" : ", " + holder->program, what)
                         : fmt::format("another process holds a lock on {}", what));
      }
      // ENOLCK and the like: a file system without locks. Go on unlocked rather than refuse
      // every sweep there; the unique temporary names still keep writers apart.
    }
    struct stat named {};
    if (::stat(path.c_str(), &named) != 0) {
      if (errno == ENOENT) {
        return std::nullopt;
      }
      continue;
    }
    if (named.st_dev == opened.st_dev && named.st_ino == opened.st_ino) {
      return lock;
    }
  }
  refuse(path, fmt::format("keeps being replaced while migdip tries to lock it: is another "
                           "process writing {}?",
                           what));
}

ExclusiveLock ExclusiveLock::on_new(const std::string& path) {
  const int descriptor = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (descriptor < 0) {
    refuse(path, fmt::format("cannot create: {}", std::strerror(errno)));
  }
  ExclusiveLock lock(descriptor);
  ::flock(descriptor, LOCK_EX | LOCK_NB);  // a new, uniquely named file: nobody else has it
  return lock;
}

}  // namespace migdip::files
