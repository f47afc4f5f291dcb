#pragma once
// The two kinds of failure the engine reports. Both carry their context in the message, so the
// command line can print `what()` as one line and choose the exit status by type.

#include <source_location>
#include <stdexcept>
#include <string>

namespace migdip {

/// Where in the user's input a problem was found. Empty fields are left out of messages.
struct InputLocation {
  std::string file;     ///< path as the user gave it
  int line = 0;         ///< 1-based line number, 0 when unknown
  std::string section;  ///< INI section as written, e.g. "state TUR"
  std::string key;      ///< key inside the section, e.g. "population"
};

/// Bad input from the user: a malformed scenario, option, override or file.
/// The message reads `file:line: [section] key: problem`, with absent parts omitted.
class InputError : public std::runtime_error {
 public:
  InputError(InputLocation where, const std::string& problem);

  const InputLocation& where() const noexcept { return where_; }
  const std::string& problem() const noexcept { return problem_; }

 private:
  InputLocation where_;
  std::string problem_;
};

/// A broken invariant inside the engine: a bug, never the user's fault.
class InternalError : public std::logic_error {
 public:
  explicit InternalError(const std::string& what,
                         std::source_location where = std::source_location::current());
};

}  // namespace migdip
