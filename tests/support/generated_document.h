#pragma once
// For documents generated from the code (docs/scenario-reference.md, docs/scenario.schema.json):
// the file in the source tree must be the generator's text, byte for byte. When it is stale, the
// expected text is written next to the test program (build-dir/tests), never into the source
// tree, and the failure says which file to copy over which.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace migdip::testing {

inline void expect_document_matches_generator(const std::filesystem::path& document,
                                              const std::string& expected,
                                              const std::string& what) {
  std::ifstream in(document, std::ios::binary);
  const std::string stored{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (stored == expected) {
    return;
  }
  std::error_code error;
  const auto program = std::filesystem::read_symlink("/proc/self/exe", error);
  const auto folder = error ? std::filesystem::current_path() : program.parent_path();
  const std::filesystem::path fresh = folder / document.filename();
  std::ofstream(fresh, std::ios::binary) << expected;
  ADD_FAILURE() << document << " is out of date with " << what << ". The expected text is in "
                << fresh << ": copy it over " << document << ".";
}

}  // namespace migdip::testing
