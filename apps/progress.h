#pragma once
// Progress of a long command on stderr: a bar with rate and ETA on a terminal, a plain line
// every few seconds when stderr is a file or a pipe (batch logs), nothing when quiet.

#include <chrono>
#include <cstdint>
#include <string>

namespace migdip::cli {

class Progress {
 public:
  enum class Style { bar, lines, silent };

  /// Chooses the bar when stderr is a terminal, lines otherwise; silent when `quiet`.
  static Style style_for_stderr(bool quiet);

  /// `total` runs to do in this process; `already` were done before it started (resume).
  Progress(Style style, std::string what, std::uint64_t total, std::uint64_t already);

  /// Records `done` runs finished by this process so far; redraws when it is time to.
  void update(std::uint64_t done);
  /// Draws the final state and ends the line.
  void finish();

  /// Runs per second so far in this process.
  double rate() const;
  double elapsed_seconds() const;

 private:
  void draw(bool final);

  Style style_;
  std::string what_;
  std::uint64_t total_;
  std::uint64_t already_;
  std::uint64_t done_ = 0;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

/// "1h02m", "3m05s", "42s".
std::string format_duration(double seconds);

}  // namespace migdip::cli
