#pragma once
// UTF-8 as RFC 3629 defines it (no overlong forms, no surrogates, nothing above U+10FFFF): what
// the scenario loader accepts as text, and what JSON output must be.

#include <cstddef>
#include <string_view>

namespace migdip {

/// The length (1-4) of the valid UTF-8 sequence that starts `text`, or 0 when it does not start
/// with one (or is empty).
std::size_t utf8_sequence_length(std::string_view text);

/// The offset of the first byte of `text` that is not part of a valid UTF-8 sequence, or npos.
std::size_t first_invalid_utf8(std::string_view text);

}  // namespace migdip
