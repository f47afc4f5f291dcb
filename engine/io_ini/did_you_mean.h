#pragma once
// Suggestions for misspelt names, so that an unknown key or id error points at the fix.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace migdip::ini {

/// Edit distance (insertions, deletions, substitutions and swaps of adjacent characters),
/// ignoring ASCII case, when it is at most `limit`; otherwise limit + 1. Takes time linear in the
/// names' length for a fixed limit, and memory linear in the shorter one.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);

/// The candidate closest to `word` when it is close enough to be a likely typo. Ties go to the
/// earliest candidate, so suggestions are stable.
std::optional<std::string> closest_match(std::string_view word,
                                         std::span<const std::string> candidates);

/// " (did you mean 'x'?)" for the closest candidate when it is close enough to be a likely typo,
/// otherwise "".
std::string did_you_mean(std::string_view word, std::span<const std::string> candidates);

}  // namespace migdip::ini
