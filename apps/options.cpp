#include "options.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <sstream>

namespace migdip::cli {

namespace po = boost::program_options;

bool parse_options(const std::vector<std::string>& args, const std::string& usage,
                   const po::options_description& options,
                   const po::positional_options_description& positional,
                   po::variables_map& values) {
  po::store(po::command_line_parser(args).options(options).positional(positional).run(), values);
  if (values.count("help") != 0) {
    std::ostringstream text;
    text << options;
    fmt::print("{}\n{}", usage, text.str());
    return false;
  }
  po::notify(values);
  return true;
}

}  // namespace migdip::cli
