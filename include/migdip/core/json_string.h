#pragma once
// Text as a JSON string literal (RFC 8259), for the JSON migdip writes (`migdip info --json`,
// docs/scenario.schema.json).

#include <string>
#include <string_view>

namespace migdip {

/// `text` as a JSON string literal, quotes included: '"' and '\' escaped, control characters as
/// \n, \r, \t, \b, \f or \u00XX, UTF-8 passed through, and any byte that is not valid UTF-8
/// replaced by \ufffd, so that the document is valid JSON whatever the text holds.
std::string json_string(std::string_view text);

}  // namespace migdip
