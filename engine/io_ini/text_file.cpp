#include "io_ini/text_file.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "migdip/core/error.h"

namespace migdip::ini {

std::string read_text_file(const std::string& path, std::string_view what) {
  const std::string cannot = "cannot open the " + std::string(what) + " file: ";
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (!std::filesystem::exists(status)) {
    throw InputError({path, 0, "", ""}, cannot + "no such file");
  }
  if (std::filesystem::is_directory(status)) {
    throw InputError({path, 0, "", ""}, cannot + "it is a directory");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw InputError({path, 0, "", ""}, cannot + std::strerror(errno));
  }
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) {
    throw InputError({path, 0, "", ""}, "cannot read the " + std::string(what) + " file");
  }
  return text;
}

}  // namespace migdip::ini
