#pragma once
// Runs the `migdip` binary in a fresh working directory per test and captures its exit status,
// stdout and stderr.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace migdip::testing {

namespace fs = std::filesystem;

struct Outcome {
  int status = -1;
  std::string out;
  std::string err;
};

inline std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline int lines(const std::string& text) {
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("migdip-cli-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  Outcome migdip(const std::string& arguments) const { return run_in_shell("", arguments); }

  // The same with the address space limited (`ulimit -v`), as on a shared login node. Sanitizer
  // builds reserve terabytes of address space, so tests using it skip there.
  Outcome migdip_with_address_space(std::size_t kibibytes, const std::string& arguments) const {
    return run_in_shell("ulimit -v " + std::to_string(kibibytes) + " && ", arguments);
  }

  static bool sanitized() {
#if defined(__SANITIZE_ADDRESS__) || defined(MIGDIP_SANITIZED)
    return true;
#else
    return false;
#endif
  }

  Outcome run_in_shell(const std::string& prefix, const std::string& arguments) const {
    const fs::path out = dir_ / "stdout.txt";
    const fs::path err = dir_ / "stderr.txt";
    const std::string command = std::string("cd '") + dir_.string() + "' && " + prefix + "'" +
                                MIGDIP_BINARY + "' " + arguments + " >'" + out.string() + "' 2>'" +
                                err.string() + "'";
    return collect(std::system(command.c_str()), out, err);
  }

  // The outcome of a finished child (`raw` as wait() gives it) whose output went to `out` and
  // `err`, which are then removed.
  static Outcome collect(int raw, const fs::path& out, const fs::path& err) {
    Outcome outcome;
    outcome.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    outcome.out = slurp(out);
    outcome.err = slurp(err);
    fs::remove(out);
    fs::remove(err);
    return outcome;
  }

  // A command refused as bad input: exit status 2, one line on stderr holding every one of
  // `parts`, and nothing written (no file, no temporary left behind).
  void expect_refused(const std::string& arguments, const std::vector<std::string>& parts) {
    const std::vector<std::string> before = files();
    const Outcome outcome = migdip(arguments);
    EXPECT_EQ(outcome.status, 2) << arguments << ": " << outcome.err;
    EXPECT_EQ(lines(outcome.err), 1) << outcome.err;
    for (const std::string& part : parts) {
      EXPECT_NE(outcome.err.find(part), std::string::npos) << part << " in " << outcome.err;
    }
    EXPECT_EQ(files(), before) << arguments;
  }

  // Files in the working directory other than what the test put there itself.
  std::vector<std::string> files() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_)) {
      names.push_back(entry.path().filename().string());
    }
    return names;
  }

  static std::string scenario(const std::string& name) {
    return std::string("'") + MIGDIP_SOURCE_DIR + "/scenarios/" + name + "'";
  }

  fs::path dir_;
};

}  // namespace migdip::testing
