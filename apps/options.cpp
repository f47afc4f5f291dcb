#include "options.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <sstream>

#include "migdip/core/error.h"
#include "migdip/core/quote.h"

namespace migdip::cli {

namespace po = boost::program_options;

namespace {

bool takes_unsigned(const po::option_description& option) {
  const po::value_semantic* semantic = option.semantic().get();
  return dynamic_cast<const po::typed_value<unsigned>*>(semantic) != nullptr ||
         dynamic_cast<const po::typed_value<unsigned long>*>(semantic) != nullptr ||
         dynamic_cast<const po::typed_value<unsigned long long>*>(semantic) != nullptr;
}

// Boost converts "-1" to an unsigned type by wrapping it around (to 2^64 - 1 for a seed), so
// counts, indices and seeds are checked for a sign before Boost sees them.
void refuse_negative_unsigned(const po::parsed_options& parsed,
                              const po::options_description& options) {
  for (const po::option& option : parsed.options) {
    const po::option_description* description = options.find_nothrow(option.string_key, false);
    if (description == nullptr || !takes_unsigned(*description)) {
      continue;
    }
    for (const std::string& value : option.value) {
      if (value.find('-') != std::string::npos) {
        throw InputError({"", 0, "", "--" + option.string_key},
                         "must be a whole number >= 0, got " + quote(value));
      }
    }
  }
}

}  // namespace

bool parse_options(const std::vector<std::string>& args, const std::string& usage,
                   const po::options_description& options,
                   const po::positional_options_description& positional,
                   po::variables_map& values) {
  const po::parsed_options parsed =
      po::command_line_parser(args).options(options).positional(positional).run();
  refuse_negative_unsigned(parsed, options);
  po::store(parsed, values);
  if (values.count("help") != 0) {
    std::ostringstream text;
    text << options;
    fmt::print("{}\n{}", usage, text.str());
    return false;
  }
  po::notify(values);
  return true;
}

void require_hdf5_extension(const std::string& path, const std::string& option) {
  std::string extension = std::filesystem::path(path).extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const char* accepted : kHdf5Extensions) {
    if (extension == accepted) {
      return;
    }
  }
  const std::string hint = extension == ".csv" || extension == ".tsv" || extension == ".txt"
                               ? "; for CSV tables, write HDF5 and then run `migdip export FILE.h5 "
                                 "-o DIR`"
                               : "";
  throw InputError({path, 0, "", option},
                   (extension.empty() ? std::string("has no extension")
                                      : "has the extension " + quote(extension)) +
                       ", but migdip writes HDF5 here: name it .h5 (or .hdf5, .nc, .he5)" + hint);
}

}  // namespace migdip::cli
