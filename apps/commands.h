#pragma once
// The `migdip` subcommands. Each takes the arguments after its name and returns the process exit
// status; errors are thrown and mapped to statuses once, in main.cpp.

#include <string>
#include <vector>

namespace migdip::cli {

/// Exit statuses, documented in `migdip --help` and README.md.
inline constexpr int kSuccess = 0;
inline constexpr int kInternalError = 1;
inline constexpr int kBadInput = 2;

int run_command(const std::vector<std::string>& args, const std::string& command_line);
int validate_command(const std::vector<std::string>& args);
int info_command(const std::vector<std::string>& args);
int plot_command(const std::vector<std::string>& args);
int sweep_command(const std::vector<std::string>& args, const std::string& command_line);
int merge_command(const std::vector<std::string>& args, const std::string& command_line);
int export_command(const std::vector<std::string>& args);
int slurm_command(const std::vector<std::string>& args, const std::string& command_line);

}  // namespace migdip::cli
