#pragma once
// The directory `migdip export` writes, appearing whole or not at all: its files are written
// into a hidden temporary directory beside it, which is renamed to the final name once every
// file is complete and synced. An existing directory is replaced only when asked (--force), and
// only if it holds nothing but CSV files, so that a mistyped -o never deletes anything else.

#include <filesystem>
#include <string>

namespace migdip::cli {

class OutputDirectory {
 public:
  /// Checks that `path` may be written (InputError naming it when it exists and `replace` is
  /// false, exists and is not a directory of CSV files, or its parent is missing or not
  /// writable), removes temporary directories beside it that killed migdip processes of this
  /// host left, and creates the temporary directory.
  OutputDirectory(const std::string& path, bool replace);
  /// Removes the temporary directory unless commit() succeeded.
  ~OutputDirectory();
  OutputDirectory(const OutputDirectory&) = delete;
  OutputDirectory& operator=(const OutputDirectory&) = delete;

  /// Where to write the file `name` now (inside the temporary directory).
  std::filesystem::path file(const std::string& name) const { return temporary_ / name; }
  /// How to name the file `name` in messages: under the final directory, as the user gave it.
  std::string shown(const std::string& name) const;

  /// Renames the temporary directory to the final name (replacing the old directory when
  /// allowed). Throws InputError when the final name was taken meanwhile.
  void commit();

 private:
  std::string path_;  // as the user gave it
  std::filesystem::path final_;
  std::filesystem::path temporary_;
  bool replace_;
  bool committed_ = false;
};

}  // namespace migdip::cli
