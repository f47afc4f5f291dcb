#include "slurm_script.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace migdip::cli {

void check_script_value(const InputLocation& where, const std::string& value) {
  // Tab too: it is whitespace to sbatch, invisible in a message, and no job name, partition,
  // time or path pasted on purpose holds one. One rule for every control character is easier to
  // state and to trust than a list of exceptions.
  const auto control = std::find_if(value.begin(), value.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7f;
  });
  if (control != value.end()) {
    throw InputError(
        where, fmt::format("control character 0x{:02X} at byte {}: a batch script "
                           "cannot carry it safely",
                           static_cast<unsigned char>(*control), control - value.begin() + 1));
  }
}

std::string sbatch_directive(std::string_view name, const std::string& value) {
  // sbatch splits a directive at unquoted whitespace, ends it at an unquoted '#', groups
  // characters within '...' or "...", and takes the character after a backslash literally,
  // inside quotes too (get_argument in Slurm's src/sbatch/opt.c). Hence "..." with '"' and '\'
  // escaped; the shell never reads these lines, which are comments to it.
  const bool plain = !value.empty() && std::none_of(value.begin(), value.end(), [](char c) {
    return std::isspace(static_cast<unsigned char>(c)) != 0 || c == '"' || c == '\'' || c == '\\' ||
           c == '#';
  });
  if (plain) {
    return fmt::format("#SBATCH --{}={}\n", name, value);
  }
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') {
      quoted += '\\';
    }
    quoted += c;
  }
  return fmt::format("#SBATCH --{}={}\"\n", name, quoted);
}

std::string slurm_literal_path(const InputLocation& where, const std::string& path) {
  if (path.find('\\') != std::string::npos) {
    throw InputError(where, fmt::format("'{}' holds a backslash, with which Slurm would ignore the "
                                        "%a of the log file names; choose a directory without one",
                                        path));
  }
  std::string literal;
  for (char c : path) {
    literal += c;
    if (c == '%') {
      literal += '%';
    }
  }
  return literal;
}

}  // namespace migdip::cli
