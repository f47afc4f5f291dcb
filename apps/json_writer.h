#pragma once
// A small JSON writer for machine-readable output (`migdip info --json`): indented, strings
// escaped as RFC 8259 asks (and invalid UTF-8 replaced by U+FFFD, so the output is always valid
// JSON), numbers in the shortest form that reads back as the same double, NaN and infinities
// (which JSON cannot hold) as null.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "migdip/core/json_string.h"

namespace migdip::cli {

using migdip::json_string;  // migdip/core/json_string.h

class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  /// The name of the next member of the object being written.
  JsonWriter& key(std::string_view name);
  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(double number);
  JsonWriter& value(std::int64_t number);
  JsonWriter& value(std::uint64_t number);
  JsonWriter& value(bool flag);
  JsonWriter& null();
  JsonWriter& strings(const std::vector<std::string>& texts);

  /// The document, ending with a line break; every object and array must be closed.
  std::string text() const;

 private:
  void before_value();
  void open(char bracket);
  void close(char bracket);

  std::string out_;
  struct Level {
    char bracket;
    bool empty = true;
  };
  std::vector<Level> levels_;
  bool after_key_ = false;
};

}  // namespace migdip::cli
