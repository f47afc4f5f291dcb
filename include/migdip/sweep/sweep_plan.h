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
  saltelli,         ///< Saltelli's design for Sobol indices: samples * (parameters + 2) points
};

std::string_view to_string(Sampler sampler);
std::optional<Sampler> sampler_from_string(std::string_view text);

/// One varied scenario key, named as `migdip run --set` names it ("state.TUR.exit_enforcement").
struct SweepParameter {
  std::string key;
  /// The values as written (grid, list). Numbers or words, passed to the scenario as text.
  std::vector<std::string> levels;
  /// The interval sampled uniformly (latin_hypercube, saltelli); a grid may give it with
  /// `steps` instead of levels.
  double low = 0;
  double high = 0;
};

struct SweepPlan {
  std::string name;
  std::string description;
  Sampler sampler = Sampler::grid;
  std::vector<SweepParameter> parameters;
  /// latin_hypercube: the number of points; saltelli: the base sample N.
  std::uint64_t samples = 0;
  std::uint64_t replicates = 1;
  /// Keys the sampling and every run's seed (run_seed); the scenario's own seed is replaced.
  std::uint64_t seed = 0;
  /// Time series kept for every run, as "group.variable" of the results file
  /// ("states.arrivals"); empty: summary metrics only.
  std::vector<std::string> series;
};

}  // namespace migdip
