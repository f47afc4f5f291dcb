#include "migdip/core/error.h"

#include <string>

#include "migdip/core/quote.h"

namespace migdip {
namespace {

// The location comes from user input too (a key or section name may be megabytes long), so each
// part is shown as an excerpt.
std::string describe(const InputLocation& where, const std::string& problem) {
  std::string message;
  if (!where.file.empty()) {
    message += excerpt(where.file, kPathExcerptBytes);
    if (where.line > 0) {
      message += ':' + std::to_string(where.line);
    }
    message += ": ";
  }
  if (!where.section.empty()) {
    message += '[' + excerpt(where.section) + "] ";
  }
  if (!where.key.empty()) {
    message += excerpt(where.key) + ": ";
  }
  message += problem;
  // One line, always: a value echoed back from a file must not break the message in two.
  for (char& c : message) {
    if (c == '\n' || c == '\r') {
      c = ' ';
    }
  }
  return message;
}

}  // namespace

InputError::InputError(InputLocation where, const std::string& problem)
    : std::runtime_error(describe(where, problem)), where_(std::move(where)), problem_(problem) {}

InternalError::InternalError(const std::string& what, std::source_location where)
    : std::logic_error("internal error: " + what + " (" + where.file_name() + ":" +
                       std::to_string(where.line()) + ")") {}

}  // namespace migdip
