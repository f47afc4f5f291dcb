#include "io_ini/did_you_mean.h"

#include <algorithm>
#include <array>
#include <vector>

#include "migdip/core/quote.h"

namespace migdip::ini {
namespace {

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// Short names tolerate fewer edits: with a budget of 3, every 3-letter state code would be
// "close" to every other one.
std::size_t tolerance(std::string_view word) {
  return std::clamp<std::size_t>((word.size() + 2) / 3, 1, 3);
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
  // Optimal string alignment: Levenshtein plus swaps of adjacent letters, the commonest typo.
  // Names come from the user's files and may be megabytes long, so only the cells within `limit`
  // of the diagonal are computed (Ukkonen 1985), three rows at a time, each as long as the
  // shorter name: time O(limit x length), memory O(shorter length).
  if (a.size() < b.size()) {
    std::swap(a, b);
  }
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  const std::size_t beyond = limit + 1;
  if (n - m > limit) {
    return beyond;
  }
  // Row i lives in rows[i % 3]. Cells outside a row's band hold `beyond` where a later row
  // reads them.
  std::array<std::vector<std::size_t>, 3> rows;
  for (auto& row : rows) {
    row.assign(m + 2, beyond);
  }
  for (std::size_t j = 0; j <= std::min(m, limit); ++j) {
    rows[0][j] = j;
  }
  for (std::size_t i = 1; i <= n; ++i) {
    std::vector<std::size_t>& row = rows[i % 3];
    const std::vector<std::size_t>& last = rows[(i - 1) % 3];
    const std::vector<std::size_t>& before_last = rows[(i + 1) % 3];  // row i - 2 when i >= 2
    const std::size_t first = i > limit ? i - limit : 1;
    const std::size_t end = std::min(m, i + limit);
    row[0] = i;
    if (first > 1) {
      row[first - 1] = beyond;  // left of the band; the buffer still holds row i - 3
    }
    std::size_t best = first == 1 ? i : beyond;
    for (std::size_t j = first; j <= end; ++j) {
      const std::size_t substitution = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      std::size_t cell = std::min({last[j] + 1, row[j - 1] + 1, last[j - 1] + substitution});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
          lower(a[i - 2]) == lower(b[j - 1])) {
        cell = std::min(cell, before_last[j - 2] + 1);
      }
      row[j] = std::min(cell, beyond);
      best = std::min(best, row[j]);
    }
    if (end < m) {
      row[end + 1] = beyond;
    }
    // Every later cell comes from this row or the one before plus at least one edit.
    if (best > limit) {
      return beyond;
    }
  }
  return std::min(rows[n % 3][m], beyond);
}

std::optional<std::string> closest_match(std::string_view word,
                                         std::span<const std::string> candidates) {
  const std::string* best = nullptr;
  std::size_t best_distance = tolerance(word) + 1;
  for (const std::string& candidate : candidates) {
    if (best_distance == 0) {
      break;
    }
    if (candidate == word) {
      continue;
    }
    // Only a candidate closer than the best so far can win: earlier ones win ties.
    const std::size_t distance = edit_distance(word, candidate, best_distance - 1);
    if (distance < best_distance) {
      best = &candidate;
      best_distance = distance;
    }
  }
  if (best == nullptr) {
    return std::nullopt;
  }
  return *best;
}

std::string did_you_mean(std::string_view word, std::span<const std::string> candidates) {
  const auto best = closest_match(word, candidates);
  return best ? " (did you mean " + quote(*best) + "?)" : "";
}

}  // namespace migdip::ini
