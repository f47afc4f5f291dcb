// AtomicFile: the final name only ever holds a finished file.

#include "io_hdf5/atomic_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "migdip/core/error.h"

namespace migdip {
namespace {

namespace fs = std::filesystem;

class AtomicFileTest : public ::testing::Test {
 protected:
  AtomicFileTest() {
    const std::string test = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    directory_ =
        fs::temp_directory_path() / ("migdip-atomic-" + test + "-" + std::to_string(::getpid()) +
                                     "-" + std::to_string(std::random_device{}()));
    fs::create_directories(directory_);
  }
  ~AtomicFileTest() override {
    std::error_code ignored;
    fs::remove_all(directory_, ignored);
  }

  std::string file(const std::string& name) const { return (directory_ / name).string(); }
  std::size_t entry_count() const {
    return static_cast<std::size_t>(
        std::distance(fs::directory_iterator(directory_), fs::directory_iterator()));
  }
  static std::string content(const fs::path& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }

  fs::path directory_;
};

TEST_F(AtomicFileTest, TemporaryFileIsHiddenBesideTheTarget) {
  AtomicFile target(file("out.h5"), false);
  const fs::path temporary = target.temporary_path();
  EXPECT_EQ(temporary.parent_path(), directory_);
  EXPECT_EQ(temporary.filename().string().rfind(".out.h5.tmp-", 0), 0u) << temporary;
  EXPECT_TRUE(fs::exists(temporary));
  EXPECT_FALSE(fs::exists(file("out.h5")));
}

TEST_F(AtomicFileTest, CommitMovesTheContentIntoPlace) {
  {
    AtomicFile target(file("out.h5"), false);
    std::ofstream(target.temporary_path()) << "complete";
    target.commit();
  }
  EXPECT_EQ(content(file("out.h5")), "complete");
  EXPECT_EQ(entry_count(), 1u);
}

TEST_F(AtomicFileTest, WithoutCommitNothingRemains) {
  {
    AtomicFile target(file("out.h5"), false);
    std::ofstream(target.temporary_path()) << "partial";
  }
  EXPECT_EQ(entry_count(), 0u);
}

TEST_F(AtomicFileTest, ExistingTargetNeedsOverwrite) {
  std::ofstream(file("out.h5")) << "old";
  EXPECT_THROW(AtomicFile(file("out.h5"), false), InputError);
  EXPECT_EQ(entry_count(), 1u);
  {
    AtomicFile target(file("out.h5"), true);
    std::ofstream(target.temporary_path()) << "new";
    target.commit();
  }
  EXPECT_EQ(content(file("out.h5")), "new");
  EXPECT_EQ(entry_count(), 1u);
}

TEST_F(AtomicFileTest, TargetAppearingDuringTheWriteIsNotClobbered) {
  AtomicFile target(file("out.h5"), false);
  std::ofstream(file("out.h5")) << "someone else's";
  EXPECT_THROW(target.commit(), InputError);
  EXPECT_EQ(content(file("out.h5")), "someone else's");
}

TEST_F(AtomicFileTest, TwoWritersGetDifferentTemporaryFiles) {
  AtomicFile first(file("out.h5"), true);
  AtomicFile second(file("out.h5"), true);
  EXPECT_NE(first.temporary_path(), second.temporary_path());
}

TEST_F(AtomicFileTest, ParentThatIsAFileIsAnInputError) {
  std::ofstream(file("plain")) << "x";
  EXPECT_THROW(AtomicFile((directory_ / "plain" / "out.h5").string(), false), InputError);
}

TEST_F(AtomicFileTest, PathWithoutFileNameIsAnInputError) {
  EXPECT_THROW(AtomicFile(directory_.string() + "/", false), InputError);
}

}  // namespace
}  // namespace migdip
