#pragma once
// What Slurm itself reads in a batch script, apart from the shell: the #SBATCH directives, which
// sbatch parses with rules of its own, and the file name patterns (%a, %j, ...) of a log path.

#include <string>
#include <string_view>

#include "migdip/core/error.h"

namespace migdip::cli {

/// Throws InputError at `where` when `value` holds a control character: a byte below 0x20, tab
/// included, or 0x7f. No value of a batch script needs one, and a newline would end a directive
/// and start a command.
void check_script_value(const InputLocation& where, const std::string& value);

/// `#SBATCH --NAME=VALUE` and a newline. VALUE is quoted for sbatch's parser when it holds
/// whitespace, a quote, a backslash or '#', so that sbatch reads it back exactly.
std::string sbatch_directive(std::string_view name, const std::string& value);

/// `path` spelt for a Slurm file name pattern that should take it literally: each '%' doubled.
/// Throws InputError at `where` when `path` holds a backslash, with which Slurm ignores every
/// pattern of the file name (a log's %a included).
std::string slurm_literal_path(const InputLocation& where, const std::string& path);

}  // namespace migdip::cli
