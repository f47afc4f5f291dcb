#pragma once
// Parsing a subcommand's options with Boost.Program_options, the same way for every command.

#include <boost/program_options.hpp>

#include <string>
#include <vector>

namespace migdip::cli {

/// Parses `args` against `options` and `positional`; returns false (after printing help to
/// stdout) when --help was asked for. Throws boost::program_options::error on bad options.
bool parse_options(const std::vector<std::string>& args, const std::string& usage,
                   const boost::program_options::options_description& options,
                   const boost::program_options::positional_options_description& positional,
                   boost::program_options::variables_map& values);

}  // namespace migdip::cli
