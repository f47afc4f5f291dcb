#pragma once
// Reading a whole input file, with the one-line errors every loader gives.

#include <string>
#include <string_view>

namespace migdip::ini {

/// The bytes of `path`. Throws InputError "cannot open the WHAT file: ..." when it is missing,
/// a directory or unreadable.
std::string read_text_file(const std::string& path, std::string_view what);

}  // namespace migdip::ini
