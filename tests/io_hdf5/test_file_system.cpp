// The file operations output files rely on: temporary names, clearing those of killed
// processes, renames that never replace, and locks that name their holder.

#include "io_hdf5/file_system.h"

#include <gtest/gtest.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <fstream>
#include <string>

#include "io_hdf5/temporary_path.h"
#include "migdip/core/error.h"
#include "migdip/io/temporary_files.h"

namespace migdip::files {
namespace {

namespace fs = std::filesystem;
using hdf5::TemporaryDirectory;

void write(const fs::path& path, const std::string& text) {
  std::ofstream(path) << text;
}

std::string read(const fs::path& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The name part that says which host wrote a temporary, as temporary_path_for writes it.
std::string this_host() {
  const std::string name = temporary_path_for("x.h5").filename().string();
  const std::string tail = name.substr(name.find(".tmp-") + 5);
  return tail.substr(0, tail.find('-'));
}

// A pid that no process has: one of a child that has exited and been reaped.
pid_t pid_of_a_finished_process() {
  const pid_t child = ::fork();
  if (child == 0) {
    ::_exit(0);
  }
  ::waitpid(child, nullptr, 0);
  return child;
}

TEST(TemporaryPathFor, IsHiddenBesideTheFileAndUnique) {
  const fs::path first = temporary_path_for("/some/dir/run.h5");
  const fs::path second = temporary_path_for("/some/dir/run.h5");
  EXPECT_EQ(first.parent_path(), "/some/dir");
  EXPECT_TRUE(first.filename().string().starts_with(".run.h5.tmp-")) << first;
  EXPECT_NE(first.filename().string().find("-" + std::to_string(::getpid()) + "-"),
            std::string::npos)
      << first;
  EXPECT_NE(first, second);
}

TEST(RemoveStaleTemporaries, RemovesOnlyThoseOfFinishedProcessesOfThisHost) {
  TemporaryDirectory directory;
  const std::string host = this_host();
  const std::string dead = std::to_string(pid_of_a_finished_process());
  const std::string alive = std::to_string(::getpid());
  const std::vector<std::string> kept = {
      ".run.h5.tmp-" + host + "-" + alive + "-0123abcd",        // a live writer
      ".run.h5.tmp-otherhost-" + dead + "-0123abcd",            // another host's writer
      ".run.h5.tmp-" + dead + "-0123abcd",                      // not ours: no host
      "run.h5.tmp-" + host + "-" + dead + "-0123abcd",          // not hidden
      ".run.h5.tmp-" + host + "-" + dead + "-0123abcd.keep",    // not the pattern
      "results.h5",
  };
  const std::string stale = ".run.h5.tmp-" + host + "-" + dead + "-0123abcd";
  for (const std::string& name : kept) {
    write(directory.path() / name, "x");
  }
  write(directory.path() / stale, "x");

  EXPECT_EQ(remove_stale_temporaries(directory.path()), 1u);
  EXPECT_FALSE(fs::exists(directory.path() / stale));
  for (const std::string& name : kept) {
    EXPECT_TRUE(fs::exists(directory.path() / name)) << name;
  }
}

TEST(RenameIntoPlace, WithoutReplaceLeavesAnExistingFileAndTheSourceAlone) {
  TemporaryDirectory directory;
  const fs::path from = directory.path() / "new";
  const fs::path to = directory.path() / "old";
  write(from, "new");
  write(to, "old");
  EXPECT_FALSE(rename_into_place(from, to, false));
  EXPECT_EQ(read(to), "old");
  EXPECT_EQ(read(from), "new");
  EXPECT_TRUE(rename_into_place(from, to, true));
  EXPECT_EQ(read(to), "new");
  EXPECT_FALSE(fs::exists(from));
  write(from, "again");
  const fs::path fresh = directory.path() / "fresh";
  EXPECT_TRUE(rename_into_place(from, fresh, false));
  EXPECT_EQ(read(fresh), "again");
}

TEST(ExclusiveLock, IsNothingForAMissingFile) {
  TemporaryDirectory directory;
  EXPECT_FALSE(ExclusiveLock::on_existing(directory.file("missing"), "it").has_value());
}

TEST(ExclusiveLock, RefusesAFifoWithoutWaitingForAWriter) {
  TemporaryDirectory directory;
  const std::string fifo = directory.file("fifo");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_THROW(
      {
        try {
          ExclusiveLock::on_existing(fifo, "it");
        } catch (const InputError& error) {
          EXPECT_NE(std::string(error.what()).find("not a regular file"), std::string::npos);
          throw;
        }
      },
      InputError);
}

TEST(ExclusiveLock, AFileLockedByAnotherProcessIsRefusedNamingItsPid) {
  TemporaryDirectory directory;
  const std::string path = directory.file("busy");
  write(path, "x");
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  const pid_t holder = ::fork();
  if (holder == 0) {
    const int descriptor = ::open(path.c_str(), O_RDONLY);
    ::flock(descriptor, LOCK_EX);
    [[maybe_unused]] const ssize_t written = ::write(ready[1], "x", 1);
    ::pause();
    ::_exit(0);
  }
  char byte = 0;
  ASSERT_EQ(::read(ready[0], &byte, 1), 1);
  std::string message;
  try {
    ExclusiveLock::on_existing(path, "the thing");
  } catch (const InputError& error) {
    message = error.what();
  }
  ::kill(holder, SIGKILL);
  ::waitpid(holder, nullptr, 0);
  ::close(ready[0]);
  ::close(ready[1]);
  EXPECT_NE(message.find("pid " + std::to_string(holder)), std::string::npos) << message;
  EXPECT_NE(message.find("the thing"), std::string::npos) << message;
  // The kernel released the lock with its holder.
  EXPECT_TRUE(ExclusiveLock::on_existing(path, "the thing").has_value());
}

TEST(ExclusiveLock, IsHeldUntilDestroyed) {
  TemporaryDirectory directory;
  const std::string path = directory.file("mine");
  {
    ExclusiveLock lock = ExclusiveLock::on_new(path);
    // Another open file description cannot take it, even in this process.
    EXPECT_THROW(ExclusiveLock::on_existing(path, "it"), InputError);
  }
  EXPECT_TRUE(ExclusiveLock::on_existing(path, "it").has_value());
}

TEST(TemporaryRegistration, RegisteredFilesAreRemovedAndUnregisteredOnesKept) {
  TemporaryDirectory directory;
  const fs::path registered = directory.path() / "registered";
  const fs::path released = directory.path() / "released";
  write(registered, "x");
  write(released, "x");
  { const TemporaryRegistration gone(released); }
  const TemporaryRegistration registration(registered);
  remove_registered_temporaries();
  EXPECT_FALSE(fs::exists(registered));
  EXPECT_TRUE(fs::exists(released));
}

}  // namespace
}  // namespace migdip::files
