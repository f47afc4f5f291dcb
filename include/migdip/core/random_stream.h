#pragma once
// Counter-based random numbers. Every draw is a pure function of (seed, run, tick, entity,
// purpose, draw index), so a run gives the same numbers whatever the thread count, the order in
// which entities are visited, or how a batch is split across processes. The generator is
// Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC 2011).

#include <array>
#include <cstdint>

namespace migdip {

/// What a draw is for. Part of the stream key, so adding a draw for one purpose never shifts the
/// numbers another purpose sees. Values are fixed forever: append, never renumber.
enum class DrawPurpose : std::uint32_t {
  emigration = 1,
  departure = 2,
  route_choice = 3,
  exit_interception = 4,
  death = 5,
  entry_interception = 6,
  pushback = 7,
  readmission = 8,
  asylum_decision = 9,
  asylum_grant = 10,
  return_to_origin = 11,
  detention_outcome = 12,
  settlement = 13,
  legal_pathway = 14,
  hosting_overflow = 15,
  corridor_capacity = 16,
  hosted_departure = 17,
  hosted_route_choice = 18,
  hosted_corridor_capacity = 19,
  // Sweeps (migdip/sweep): the seed of each run and the sampling of points.
  sweep_run_seed = 20,
  latin_hypercube_order = 21,
  latin_hypercube_position = 22,
  saltelli_sample = 23,  // the Monte Carlo Saltelli design before the Sobol' sequence; unused
  // Labour demand (phases/migration/labour.cpp).
  hosted_worker_displacement = 24,
  legal_worker_displacement = 25,
  displaced_worker_return = 26,
  // Going home (phases/migration/going_home.cpp).
  repatriation = 27,
  // Removals of people already inside (docs/model.md 7.6.13).
  removal_of_refused = 28,
  removal_of_irregular = 29,
  expulsion = 30,
  // Transfers of arrivals to a third country (docs/model.md 7.6.14).
  offshore_transfer = 31,
  // Sweeps again: the scramble of the Sobol' sequence (saltelli) and Morris trajectories.
  sobol_scramble = 32,
  morris_trajectory = 33,
};

/// The largest seed migdip takes or derives: 2^53, so that every seed is exact wherever it is
/// read as a double (R, Excel, JSON, pandas' float columns). A larger seed in a scenario, plan or
/// --seed is refused; a sweep's run seeds (run_seed) are below it.
inline constexpr std::uint64_t kMaxSeed = std::uint64_t{1} << 53;

struct StreamKey {
  std::uint64_t seed = 0;
  std::uint32_t run = 0;
  std::uint32_t tick = 0;
  std::uint32_t entity = 0;
  DrawPurpose purpose = DrawPurpose::emigration;
};

/// One independent stream of uniform numbers for one key.
class RandomStream {
 public:
  explicit RandomStream(const StreamKey& key);

  /// Next 32 random bits.
  std::uint32_t next_u32();
  /// Uniform on the open interval (0, 1); never returns 0 or 1.
  double uniform();

  /// The Philox4x32-10 bijection, exposed for testing against the published known answers.
  static std::array<std::uint32_t, 4> philox(std::array<std::uint32_t, 4> counter,
                                             std::array<std::uint32_t, 2> key);

 private:
  std::array<std::uint32_t, 2> key_;
  std::array<std::uint32_t, 4> counter_;
  std::array<std::uint32_t, 4> block_{};
  int next_in_block_ = 4;
};

}  // namespace migdip
