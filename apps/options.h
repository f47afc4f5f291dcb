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

/// The extensions an HDF5 output may have (any case): .h5, .hdf5, .nc (netCDF-4 is HDF5, and
/// the files follow its data model) and .he5 (HDF-EOS5).
inline constexpr const char* kHdf5Extensions[] = {".h5", ".hdf5", ".nc", ".he5"};

/// Refuses (InputError naming the file and `option`) an output name that `run`, `sweep`, `merge`
/// or `slurm` would fill with HDF5 although its extension says otherwise (`-o x.csv`), with a
/// hint: the extensions accepted, and `migdip export` for CSV.
void require_hdf5_extension(const std::string& path, const std::string& option);

}  // namespace migdip::cli
