#pragma once
// The points of a sweep: the value of every parameter at every point, as the text handed to the
// scenario and as a number. Sampling draws from counter-based streams keyed by the plan seed, so
// a plan always gives the same points, on any machine and in any shard.

#include <cstdint>
#include <string>
#include <vector>

#include "migdip/core/saturating.h"
#include "migdip/sweep/sweep_plan.h"

namespace migdip {

struct SweepDesign {
  std::vector<std::string> keys;  ///< the parameters' keys, in plan order
  std::size_t points = 0;
  /// point-major: texts[point * keys.size() + parameter], exactly as passed to --set.
  std::vector<std::string> texts;
  /// The same values as numbers (NaN for a word level), point-major.
  std::vector<double> values;

  const std::string& text(std::size_t point, std::size_t parameter) const {
    return texts[point * keys.size() + parameter];
  }
  /// "key=value" for every parameter of the point, as `migdip run --set` takes them.
  std::vector<std::string> overrides(std::size_t point) const;
};

/// Samples the plan's points. Throws InputError for a plan that gives no point (validated plans
/// always give some) or more than 2^32.
SweepDesign sample_design(const SweepPlan& plan);

// The limits of a sweep: sampling keys a point, and run_seed a replicate, in 32 bits of a random
// stream's key, so more of either would repeat numbers.
inline constexpr std::uint64_t kMaxSweepPoints = std::uint64_t{1} << 32;
inline constexpr std::uint64_t kMaxSweepReplicates = std::uint64_t{1} << 32;
inline constexpr std::uint64_t kMaxSweepRuns = std::uint64_t{1} << 40;

/// The number of points the plan gives, without sampling them; UINT64_MAX when that does not
/// fit in 64 bits.
std::uint64_t count_points(const SweepPlan& plan);

/// The value at `unit` in [0, 1] of a ranged parameter: low + (high - low) unit when uniform,
/// low (high / low)^unit when log-uniform (exactly low and high at 0 and 1).
double scale_unit(const SweepParameter& parameter, double unit);

/// A count as messages show it: the number, or "2^64 or more" for UINT64_MAX.
std::string count_text(std::uint64_t count);

/// Bytes one point of the sampled design holds: the text and the number of every parameter.
std::uint64_t design_bytes_per_point(const SweepPlan& plan);

/// Bytes sample_design needs for the plan (its points, and the strata of a latin hypercube),
/// known before sampling. Saturates at UINT64_MAX.
std::uint64_t estimate_design_memory(const SweepPlan& plan);

/// Formats a sampled number so that parsing the text gives back exactly the same double.
std::string exact_text(double value);

/// The seed of one run: a pure function of the plan seed, the point and the replicate, so any
/// run of a sweep can be re-run alone (`migdip run --seed`) and gives the same numbers.
std::uint64_t run_seed(std::uint64_t plan_seed, std::uint64_t point, std::uint64_t replicate);

}  // namespace migdip
