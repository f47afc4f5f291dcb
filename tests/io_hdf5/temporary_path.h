#pragma once
// A scratch file name for tests of the HDF5 layer.

#include <unistd.h>

#include <filesystem>
#include <random>
#include <string>

namespace migdip::hdf5 {

/// A unique path under the temporary directory, for a file the test creates; removed (if it
/// exists) on destruction.
class TemporaryPath {
 public:
  explicit TemporaryPath(const std::string& prefix)
      : path_((std::filesystem::temp_directory_path() /
               (prefix + std::to_string(::getpid()) + "-" + std::to_string(std::random_device{}()) +
                ".h5"))
                  .string()) {}
  ~TemporaryPath() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  TemporaryPath(const TemporaryPath&) = delete;
  TemporaryPath& operator=(const TemporaryPath&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace migdip::hdf5
