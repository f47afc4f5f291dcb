#pragma once
// One CSV file of `migdip export`: RFC 4180 cells (quoted only when they must be), numbers in
// the shortest text that reads back as the same double, written through a buffer and checked,
// so that a full disk is an error naming the file rather than a short file.

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <string_view>

namespace migdip::cli {

/// A number as `migdip export` writes it: fmt's shortest round-trip form ("0.1", "468975",
/// "1e+20"), NaN as "NaN" and infinities as "Inf" and "-Inf" (read as such by pandas and R).
std::string csv_number(double value);

/// A text cell: as it is, or in double quotes (inner quotes doubled) when it holds a comma, a
/// quote, a line break or leading or trailing blanks.
std::string csv_text(std::string_view text);

class CsvFile {
 public:
  /// Creates `path`. `shown` names it in messages (the final name, not the temporary one);
  /// `between_blocks` is called after each block of about a megabyte is written (to notice a
  /// stop signal).
  CsvFile(const std::filesystem::path& path, std::string shown,
          std::function<void()> between_blocks);
  ~CsvFile();
  CsvFile(const CsvFile&) = delete;
  CsvFile& operator=(const CsvFile&) = delete;

  void header(std::span<const std::string> names);
  /// A cell already in CSV form (from csv_number or csv_text).
  void cell(std::string_view formatted);
  void text(std::string_view text) { cell(csv_text(text)); }
  void number(double value);
  void integer(std::int64_t value);
  void unsigned_integer(std::uint64_t value);
  void end_row();
  std::uint64_t rows() const { return rows_; }

  /// Writes what is buffered, syncs the file to disk and closes it. Throws InputError naming
  /// the file when the system refuses (disk full, quota, I/O error).
  void close();

 private:
  void separate();
  void flush_buffer();
  [[noreturn]] void fail(int error) const;

  std::string shown_;
  std::function<void()> between_blocks_;
  std::FILE* file_ = nullptr;
  std::string buffer_;
  bool row_started_ = false;
  std::uint64_t rows_ = 0;  ///< data rows, the header not counted
};

}  // namespace migdip::cli
