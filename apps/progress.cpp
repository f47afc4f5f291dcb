#include "progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>

namespace migdip::cli {
namespace {

constexpr std::chrono::milliseconds kBarInterval{200};
constexpr std::chrono::seconds kLineInterval{10};
constexpr int kBarWidth = 30;

}  // namespace

Progress::Style Progress::style_for_stderr(bool quiet) {
  if (quiet) {
    return Style::silent;
  }
  return ::isatty(STDERR_FILENO) != 0 ? Style::bar : Style::lines;
}

Progress::Progress(Style style, std::string what, std::uint64_t total, std::uint64_t already)
    : style_(style),
      what_(std::move(what)),
      total_(total),
      already_(already),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

double Progress::elapsed_seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

double Progress::rate() const {
  const double seconds = elapsed_seconds();
  return seconds > 0 ? static_cast<double>(done_) / seconds : 0;
}

void Progress::update(std::uint64_t done) {
  done_ = done;
  if (style_ == Style::silent) {
    return;
  }
  const auto now = std::chrono::steady_clock::now();
  const std::chrono::milliseconds interval = style_ == Style::bar ? kBarInterval : kLineInterval;
  if (now - last_draw_ >= interval) {
    last_draw_ = now;
    draw(false);
  }
}

void Progress::finish() {
  if (style_ != Style::silent) {
    draw(true);
  }
}

void Progress::draw(bool final) {
  const std::uint64_t all = already_ + total_;
  const std::uint64_t finished = already_ + done_;
  const double share = all > 0 ? static_cast<double>(finished) / static_cast<double>(all) : 1;
  const double per_second = rate();
  const std::string eta = per_second > 0 && done_ < total_
                              ? format_duration(static_cast<double>(total_ - done_) / per_second)
                              : "-";
  const std::string counts = fmt::format(
      "{} {}/{} ({:.0f}%)  {:.1f} runs/s  {} {}", what_, finished, all, 100 * share, per_second,
      final ? "took" : "ETA", final ? format_duration(elapsed_seconds()) : eta);
  if (style_ == Style::bar) {
    const int filled = static_cast<int>(std::lround(share * kBarWidth));
    fmt::print(stderr, "\r[{:#<{}}{:.<{}}] {}\x1b[K{}", "", filled, "", kBarWidth - filled, counts,
               final ? "\n" : "");
  } else {
    fmt::print(stderr, "{}\n", counts);
  }
  std::fflush(stderr);
}

std::string format_duration(double seconds) {
  if (seconds < 10) {
    return fmt::format("{:.1f}s", seconds);
  }
  const auto whole = static_cast<long long>(std::ceil(seconds));
  if (whole >= 3600) {
    return fmt::format("{}h{:02}m", whole / 3600, (whole % 3600) / 60);
  }
  if (whole >= 60) {
    return fmt::format("{}m{:02}s", whole / 60, whole % 60);
  }
  return fmt::format("{}s", whole);
}

}  // namespace migdip::cli
