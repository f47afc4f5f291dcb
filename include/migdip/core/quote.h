#pragma once
// User input as error messages show it: cut to a readable length, with control characters
// escaped, so that a message stays one short line whatever the input holds (a 4 MB key, an id
// with a newline in it).

#include <cstddef>
#include <string>
#include <string_view>

namespace migdip {

/// Bytes of user input a message shows before cutting it.
inline constexpr std::size_t kExcerptBytes = 60;
/// The same for file paths, which are useful only whole: the longest path Linux opens.
inline constexpr std::size_t kPathExcerptBytes = 4096;

/// The text as a message shows it: whole when short, else its first `limit` bytes (cut at a
/// character boundary) and "…(N more bytes)". Control characters are written as \n, \r, \t
/// or \xHH.
std::string excerpt(std::string_view text, std::size_t limit = kExcerptBytes);

/// The excerpt in single quotes: 'text'.
std::string quote(std::string_view text);

}  // namespace migdip
