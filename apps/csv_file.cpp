#include "csv_file.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <iterator>
#include <utility>

#include "migdip/core/error.h"

namespace migdip::cli {

namespace {

constexpr std::size_t kBlockBytes = std::size_t{1} << 20;

void append_number(std::string& out, double value) {
  if (std::isnan(value)) {
    out += "NaN";
  } else if (std::isinf(value)) {
    out += value > 0 ? "Inf" : "-Inf";
  } else {
    fmt::format_to(std::back_inserter(out), "{}", value);
  }
}

bool needs_quotes(std::string_view text) {
  if (text.empty()) {
    return false;
  }
  if (text.front() == ' ' || text.back() == ' ' || text.front() == '\t' || text.back() == '\t') {
    return true;
  }
  return text.find_first_of(",\"\r\n") != std::string_view::npos;
}

}  // namespace

std::string csv_number(double value) {
  std::string text;
  append_number(text, value);
  return text;
}

std::string csv_text(std::string_view text) {
  if (!needs_quotes(text)) {
    return std::string(text);
  }
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') {
      quoted += '"';
    }
    quoted += c;
  }
  return quoted + "\"";
}

CsvFile::CsvFile(const std::filesystem::path& path, std::string shown,
                 std::function<void()> between_blocks)
    : shown_(std::move(shown)), between_blocks_(std::move(between_blocks)) {
  file_ = std::fopen(path.c_str(), "wbx");
  if (file_ == nullptr) {
    fail(errno);
  }
  buffer_.reserve(kBlockBytes + 4096);
}

CsvFile::~CsvFile() {
  if (file_ != nullptr) {
    std::fclose(file_);  // after a failure: the directory holding it is removed anyway
  }
}

void CsvFile::header(std::span<const std::string> names) {
  for (const std::string& name : names) {
    text(name);
  }
  end_row();
  rows_ = 0;
}

void CsvFile::separate() {
  if (row_started_) {
    buffer_ += ',';
  }
  row_started_ = true;
}

void CsvFile::cell(std::string_view formatted) {
  separate();
  buffer_ += formatted;
}

void CsvFile::number(double value) {
  separate();
  append_number(buffer_, value);
}

void CsvFile::integer(std::int64_t value) {
  separate();
  fmt::format_to(std::back_inserter(buffer_), "{}", value);
}

void CsvFile::unsigned_integer(std::uint64_t value) {
  separate();
  fmt::format_to(std::back_inserter(buffer_), "{}", value);
}

void CsvFile::end_row() {
  buffer_ += '\n';
  row_started_ = false;
  ++rows_;
  if (buffer_.size() >= kBlockBytes) {
    flush_buffer();
    if (between_blocks_) {
      between_blocks_();
    }
  }
}

void CsvFile::flush_buffer() {
  if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
    fail(errno);
  }
  buffer_.clear();
}

void CsvFile::close() {
  flush_buffer();
  if (std::fflush(file_) != 0 || ::fsync(::fileno(file_)) != 0) {
    fail(errno);
  }
  std::FILE* file = file_;
  file_ = nullptr;
  if (std::fclose(file) != 0) {
    fail(errno);
  }
}

void CsvFile::fail(int error) const {
  throw InputError({shown_, 0, "", ""},
                   fmt::format("cannot write the file: {}", std::strerror(error)));
}

}  // namespace migdip::cli
