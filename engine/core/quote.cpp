#include "migdip/core/quote.h"

namespace migdip {
namespace {

bool is_continuation_byte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

void append_escaped(std::string& out, char c) {
  const auto byte = static_cast<unsigned char>(c);
  if (c == '\n') {
    out += "\\n";
  } else if (c == '\r') {
    out += "\\r";
  } else if (c == '\t') {
    out += "\\t";
  } else if (byte < 0x20 || byte == 0x7F) {
    constexpr const char* kHex = "0123456789ABCDEF";
    out += "\\x";
    out += kHex[byte >> 4];
    out += kHex[byte & 0x0F];
  } else {
    out += c;
  }
}

}  // namespace

std::string excerpt(std::string_view text, std::size_t limit) {
  std::size_t shown = text.size();
  if (shown > limit) {
    shown = limit;
    while (shown > 0 && is_continuation_byte(text[shown])) {
      --shown;
    }
  }
  std::string out;
  out.reserve(shown + 24);
  for (char c : text.substr(0, shown)) {
    append_escaped(out, c);
  }
  if (shown < text.size()) {
    out += "…(" + std::to_string(text.size() - shown) + " more bytes)";
  }
  return out;
}

std::string quote(std::string_view text) {
  std::string quoted(1, '\'');
  quoted += excerpt(text);
  quoted += '\'';
  return quoted;
}

}  // namespace migdip
