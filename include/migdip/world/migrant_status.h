#pragma once
// The statuses a migrant cohort can hold. Every person who enters the simulation is, at every
// tick, in exactly one status at one location, or travelling on a corridor.

#include <array>
#include <cstddef>
#include <string_view>

namespace migdip {

enum class MigrantStatus : int {
  in_transit,   ///< in a state and looking for a way onward (includes the displaced at origin)
  hosted,       ///< hosted or contained in a state's camps or reception system
  intercepted,  ///< detained after an interception; processed at the next tick
  pushed_back,  ///< expelled across the border they came over; back in the pool next tick
  arrived,      ///< arrived irregularly and claimed asylum; decision pending
  rejected,     ///< asylum refused; liable to be returned
  protected_,   ///< granted international protection
  returned,     ///< returned to their own country (absorbing)
  dead,         ///< dead or missing on a corridor, counted where the crossing began (absorbing)
  legal,        ///< arrived through a legal pathway (resettlement, labour)
};

inline constexpr std::size_t kStatusCount = 10;

inline constexpr std::array<std::string_view, kStatusCount> kStatusNames = {
    "in_transit", "hosted",    "intercepted", "pushed_back", "arrived",
    "rejected",   "protected", "returned",    "dead",        "legal"};

constexpr std::string_view to_string(MigrantStatus status) {
  return kStatusNames[static_cast<std::size_t>(status)];
}

constexpr std::size_t index_of(MigrantStatus status) {
  return static_cast<std::size_t>(status);
}

}  // namespace migdip
