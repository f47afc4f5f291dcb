#pragma once
// Controls by border: the state levers that act at a border (the rows of kLevers with a
// `border` side: exit and entry enforcement, pushbacks, facilitation) may be given per corridor.
// A state's value is the default for each of its borders; a corridor's own value, when it has
// one, overrides it for that corridor only (exit side: the corridor's `from` state; entry side:
// its `to` state). Whether a corridor has its own value is a flag beside the value, so that
// "follow the state" is not a number anyone can type.

#include <array>
#include <cstddef>
#include <optional>

#include <Eigen/Core>

#include "migdip/world/levers.h"

namespace migdip {

constexpr std::size_t border_lever_count() {
  std::size_t count = 0;
  for (const LeverTraits& row : kLevers) {
    count += row.border != Border::none ? 1 : 0;
  }
  return count;
}

/// The levers acting at a border, in table order, as constants (loops over them unroll).
inline constexpr auto kBorderLevers = [] {
  std::array<Lever, border_lever_count()> levers{};
  std::size_t next = 0;
  for (const LeverTraits& row : kLevers) {
    if (row.border != Border::none) {
      levers[next++] = row.lever;
    }
  }
  return levers;
}();

/// Thrown (as InternalError) when a lever that does not act at a border is looked up as one.
[[noreturn]] void not_a_border_lever(Lever lever);

/// The position of a lever among the border levers; with a constant lever it folds away.
constexpr std::size_t border_slot(Lever lever) {
  if (traits_of(lever).border == Border::none) [[unlikely]] {
    not_a_border_lever(lever);
  }
  std::size_t slot = 0;
  while (kBorderLevers[slot] != lever) {
    ++slot;
  }
  return slot;
}

/// A corridor's own values, where the scenario gives them (none: it follows its state).
class BorderOverrides {
 public:
  std::optional<double>& operator()(Lever lever) { return values_[border_slot(lever)]; }
  const std::optional<double>& operator()(Lever lever) const { return values_[border_slot(lever)]; }
  bool any() const {
    for (const std::optional<double>& value : values_) {
      if (value) {
        return true;
      }
    }
    return false;
  }
  bool operator==(const BorderOverrides&) const = default;

 private:
  std::array<std::optional<double>, border_lever_count()> values_{};
};

/// The corridors' own border controls during a run, an Eigen array per border lever.
struct BorderControls {
  template <typename Array>
  class PerLever {
   public:
    Array& operator()(Lever lever) { return arrays_[border_slot(lever)]; }
    const Array& operator()(Lever lever) const { return arrays_[border_slot(lever)]; }

   private:
    std::array<Array, border_lever_count()> arrays_;
  };
  using Flags = Eigen::Array<bool, Eigen::Dynamic, 1>;

  PerLever<Flags> overridden;            ///< true where the corridor has its own value
  PerLever<Eigen::ArrayXd> own;          ///< the corridor's own value in force (where overridden)
  PerLever<Eigen::ArrayXd> target;       ///< a phased lever's own target (where overridden)
  Eigen::ArrayXi facilitation_end_tick;  ///< -1: no scheduled end of a corridor's own surge

  /// The value in force on corridor `corridor`: its own, or else `state_value`, the value of
  /// the state on the lever's side of it.
  double in_force(Lever lever, int corridor, double state_value) const {
    return overridden(lever)(corridor) ? own(lever)(corridor) : state_value;
  }

  /// From now on the corridor has its own value of `lever`, starting from `in_force_now` (its
  /// value in force until now, so that a phased override moves on from there).
  void override_from(Lever lever, int corridor, double in_force_now) {
    if (!overridden(lever)(corridor)) {
      overridden(lever)(corridor) = true;
      own(lever)(corridor) = in_force_now;
      target(lever)(corridor) = in_force_now;
    }
  }

  /// The corridor follows its state again.
  void follow_state(Lever lever, int corridor) { overridden(lever)(corridor) = false; }
};

/// The state whose value of a border lever is the default on corridor (from, to).
constexpr int side_state(Lever lever, int from, int to) {
  return traits_of(lever).border == Border::entry ? to : from;
}

}  // namespace migdip
