#pragma once
// A sweep plan: which scenario keys vary, how their values are sampled, how many replicates each
// point gets, and which outputs are kept. Plans are written in INI (docs/sweeps.md) and read by
// load_plan_file (migdip/io/plan_file.h); this header knows nothing of files.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migdip {

/// How the points of a sweep are chosen from the parameters.
enum class Sampler {
  grid,             ///< every combination of the parameters' levels; the last varies fastest
  list,             ///< point i takes the i-th level of every parameter
  latin_hypercube,  ///< `samples` points, one in each of `samples` equal strata per parameter
  saltelli,         ///< Saltelli's design for Sobol indices, in SALib's row order
  morris,           ///< Morris's elementary-effects trajectories, in SALib's row order
};

std::string_view to_string(Sampler sampler);
std::optional<Sampler> sampler_from_string(std::string_view text);

/// How a ranged parameter's values spread between its low and high ends.
enum class Distribution {
  uniform,      ///< uniform on [low, high]
  log_uniform,  ///< uniform in log(value) on [log low, log high] (SALib's "logunif"); low > 0
};

std::string_view to_string(Distribution distribution);
std::optional<Distribution> distribution_from_string(std::string_view text);

/// One varied scenario key, named as `migdip run --set` names it ("state.TUR.exit_enforcement").
struct SweepParameter {
  std::string key;
  /// The values as written (grid, list). Numbers or words, passed to the scenario as text.
  std::vector<std::string> levels;
  /// The interval sampled (latin_hypercube, saltelli, morris); a grid may give it with
  /// `steps` instead of levels.
  double low = 0;
  double high = 0;
  /// How values spread over [low, high] (the spacing of a grid's steps too).
  Distribution distribution = Distribution::uniform;
};

struct SweepPlan {
  std::string name;
  std::string description;
  Sampler sampler = Sampler::grid;
  std::vector<SweepParameter> parameters;
  /// latin_hypercube: the number of points; saltelli: the base sample N; morris: trajectories.
  std::uint64_t samples = 0;
  /// saltelli: also the rows B_A^(j) that second-order indices need (SALib's calc_second_order).
  bool second_order = false;
  /// saltelli: scramble the Sobol' sequence (LMS + digital shift keyed by `seed`), as SALib does
  /// by default; false gives the plain sequence.
  bool scramble = true;
  /// morris: the number of grid levels p of every parameter (even; SALib's num_levels).
  std::uint64_t morris_levels = 4;
  std::uint64_t replicates = 1;
  /// Keys the sampling and every run's seed (run_seed); the scenario's own seed is replaced.
  std::uint64_t seed = 0;
  /// Time series kept for every run, as "group.variable" of the results file
  /// ("states.arrivals"); empty: summary metrics only.
  std::vector<std::string> series;
};

}  // namespace migdip
