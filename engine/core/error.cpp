#include "migdip/core/error.h"

#include <string>

namespace migdip {
namespace {

std::string describe(const InputLocation& where, const std::string& problem) {
  std::string message;
  if (!where.file.empty()) {
    message += where.file;
    if (where.line > 0) {
      message += ':' + std::to_string(where.line);
    }
    message += ": ";
  }
  if (!where.section.empty()) {
    message += '[' + where.section + "] ";
  }
  if (!where.key.empty()) {
    message += where.key + ": ";
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
