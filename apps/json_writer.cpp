#include "json_writer.h"

#include <fmt/format.h>

#include <cmath>
#include <iterator>

#include "migdip/core/error.h"

namespace migdip::cli {

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!levels_.empty()) {
    if (levels_.back().bracket == '{') {
      throw InternalError("JSON: a member of an object written without its key");
    }
    out_ += levels_.back().empty ? "\n" : ",\n";
    out_.append(2 * levels_.size(), ' ');
    levels_.back().empty = false;
  }
}

void JsonWriter::open(char bracket) {
  before_value();
  out_ += bracket;
  levels_.push_back({bracket});
}

void JsonWriter::close(char bracket) {
  if (levels_.empty() || levels_.back().bracket != bracket || after_key_) {
    throw InternalError("JSON: unbalanced brackets");
  }
  const bool empty = levels_.back().empty;
  levels_.pop_back();
  if (!empty) {
    out_ += '\n';
    out_.append(2 * levels_.size(), ' ');
  }
  out_ += bracket == '{' ? '}' : ']';
}

JsonWriter& JsonWriter::begin_object() {
  open('{');
  return *this;
}
JsonWriter& JsonWriter::end_object() {
  close('{');
  return *this;
}
JsonWriter& JsonWriter::begin_array() {
  open('[');
  return *this;
}
JsonWriter& JsonWriter::end_array() {
  close('[');
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  if (levels_.empty() || levels_.back().bracket != '{' || after_key_) {
    throw InternalError("JSON: a key outside an object");
  }
  out_ += levels_.back().empty ? "\n" : ",\n";
  out_.append(2 * levels_.size(), ' ');
  levels_.back().empty = false;
  out_ += json_string(name) + ": ";
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
  before_value();
  out_ += json_string(text);
  return *this;
}

JsonWriter& JsonWriter::value(double number) {
  before_value();
  if (std::isfinite(number)) {
    fmt::format_to(std::back_inserter(out_), "{}", number);
  } else {
    out_ += "null";
  }
  return *this;
}

JsonWriter& JsonWriter::value(std::int64_t number) {
  before_value();
  fmt::format_to(std::back_inserter(out_), "{}", number);
  return *this;
}

JsonWriter& JsonWriter::value(std::uint64_t number) {
  before_value();
  fmt::format_to(std::back_inserter(out_), "{}", number);
  return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
  before_value();
  out_ += flag ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::strings(const std::vector<std::string>& texts) {
  begin_array();
  for (const std::string& text : texts) {
    value(text);
  }
  return end_array();
}

std::string JsonWriter::text() const {
  if (!levels_.empty()) {
    throw InternalError("JSON: unclosed brackets");
  }
  return out_ + "\n";
}

}  // namespace migdip::cli
