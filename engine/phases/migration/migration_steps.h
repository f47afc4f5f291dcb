#pragma once
// The steps of the migration phase, in the order MigrationPhase::run calls them. Each step moves
// people between the cohorts of Population and books what it moved in Flows; none creates or
// destroys anyone. docs/model.md ("Submodels") gives the equations.

#include <cstdint>
#include <vector>

#include <Eigen/Core>

#include "migdip/scenario/scenario.h"
#include "migdip/world/beliefs.h"
#include "migdip/world/corridor_conditions.h"
#include "migdip/world/flows.h"
#include "migdip/world/population.h"
#include "migdip/world/state_policy.h"
#include "phases/network.h"
#include "phases/tick_context.h"
#include "phases/worker_pool.h"

namespace migdip {

/// The value of a state with no way to stay and no open way on: low enough that exp() of it is
/// exactly zero, finite so that arithmetic on it stays defined.
inline constexpr double kNoOption = -1e6;

/// What every step reads and none changes.
struct MigrationInputs {
  const Scenario& scenario;
  const Network& network;
  const TickContext& tick;
  const StatePolicy& policy;
  /// What migrants believe of corridors and states, which their decisions read (none: they
  /// know the truth, as when beliefs cannot differ from it).
  const Beliefs* beliefs = nullptr;
};

/// Work of the route-value solver (route_values.cpp), sized once per run so that the tick does not
/// allocate.
struct RouteValueWork {
  /// This tick's open corridors by state (shared by every nationality): those leaving state s
  /// are open_corridor[open_start[s] .. open_start[s + 1]), in scenario order.
  std::vector<int> open_start;
  std::vector<int> open_corridor;
  std::vector<int> open_to;
  std::vector<double> open_crossing;  ///< D_c of each, in the same order
  std::vector<double> open_factor;    ///< G_c = exp(-beta (D_c - g_s) / lambda) of each
  std::vector<double> open_floor;     ///< g_s, the least D_c of the open corridors out of s
  /// The strongly connected components of the graph of open corridors, in reverse topological
  /// order (a component comes after every component it leads to): the states of the k-th are
  /// component_states[component_start[k] .. component_start[k + 1]), in state order.
  std::vector<int> component_states;
  std::vector<int> component_start;
  int component_count = 0;
  /// Tarjan's algorithm's own work (an explicit stack instead of recursion).
  std::vector<int> visit_index;
  std::vector<int> visit_low;
  std::vector<int> visit_stack;
  std::vector<char> on_visit_stack;
  std::vector<int> call_state;
  std::vector<int> call_next;
  Eigen::ArrayXd crossing;  ///< D_c by corridor, open or not
  /// By nationality (one column each, so that nationalities solved on different threads never
  /// share a cache line of work): W while it is solved, and the arrival value W~ of each state.
  Eigen::ArrayXXd value;    ///< state x nationality
  Eigen::ArrayXXd arrival;  ///< state x nationality
  /// State x nationality: A(s) = exp(beta (delta W~(s) - a) / lambda).
  Eigen::ArrayXXd arrival_factor;
  /// State x nationality: what the last sweep of its component changed W(s) by (signed).
  Eigen::ArrayXXd last_step;
  std::vector<int> valuations;  ///< by nationality: state values computed at this tick

  RouteValueWork(int nationalities, int states, int corridors);
};

/// Buffers sized once per run: the decisions of this tick, made for everyone on the state at the
/// start of the step, before any of them is carried out.
struct MigrationScratch {
  Eigen::ArrayXXd settlement_utility;         ///< nationality x state
  Eigen::ArrayXXd corridor_value;             ///< nationality x corridor
  Eigen::ArrayXXd leaving_from_transit;       ///< nationality x corridor
  Eigen::ArrayXXd leaving_from_hosting;       ///< nationality x corridor
  Eigen::ArrayXXd wanting_to_stay;            ///< nationality x state, people in transit
  Eigen::ArrayXXd going_home_from_transit;    ///< nationality x state
  Eigen::ArrayXXd going_home_from_hosted;     ///< nationality x state
  Eigen::ArrayXXd going_home_from_protected;  ///< nationality x state
  std::vector<double> probabilities;          ///< per option at one location (or corridor into it)
  std::vector<double> counts;                 ///< per option at one location (or corridor into it)
  /// By state: the share of its arrivals it transferred to its third country at the last tick,
  /// which migrants know when they value arriving there (kept from one tick to the next).
  Eigen::ArrayXd transfer_share;
  RouteValueWork route_work;

  MigrationScratch(int nationalities, int states, int corridors, int max_options);
};

/// Whether nationals of a nationality may settle in a state: anywhere but their own country.
inline bool may_stay(const MigrationInputs& in, int nationality, int state) {
  return state != in.network.origin_of(nationality);
}

/// Random-stream entity of the cohort of a nationality in a state.
inline std::uint32_t cohort_entity(const MigrationInputs& in, int nationality, int state) {
  return static_cast<std::uint32_t>(nationality * in.scenario.state_count() + state);
}

/// Random-stream entity of the people of a nationality on a corridor.
inline std::uint32_t crossing_entity(const MigrationInputs& in, int nationality, int corridor) {
  return static_cast<std::uint32_t>(nationality * in.scenario.corridor_count() + corridor);
}

/// People of a nationality in a state who count as its diaspora there (networks, pull).
double people_present(const Population& population, int nationality, int state);

/// Detainees from last tick are returned to their own country or released; people pushed back
/// last tick rejoin the pool where they were left.
void release_detained(const MigrationInputs& in, Population& population, Flows& flows);

/// Residents of origin states leave under push and pull and join the pool at home.
void emigrate(const MigrationInputs& in, Population& population, Flows& flows);

/// Derives each open corridor's odds this tick from both sides' enforcement and facilitation.
void assess_corridors(const MigrationInputs& in, CorridorConditions& corridors);

/// Beliefs about each corridor's risk and interception and each state's recognition rate move
/// towards the truth observed `lag_ticks` ago and any claim heard (announcement, rumour).
void update_beliefs(const MigrationInputs& in, const CorridorConditions& corridors,
                    Beliefs& beliefs);

/// Solves the expected value of being in each state for each nationality (a logsum value
/// function over staying and moving on), warm-started from the previous tick's solution. Returns
/// how many state values it computed, summed over nationalities (a Gauss-Seidel sweep over every
/// state is one per state; benchmarks report it). With a pool, nationalities are solved on its
/// threads; each solve reads and writes only its own nationality's values, so the results are
/// the same, bit for bit, on any number of threads.
int solve_route_values(const MigrationInputs& in, const CorridorConditions& corridors,
                       const Population& population, MigrationScratch& scratch,
                       Eigen::ArrayXXd& route_value, WorkerPool* pool = nullptr);

/// Decides, for everybody reconsidering this tick, whether to stay or which corridor to take.
void choose_moves(const MigrationInputs& in, const CorridorConditions& corridors,
                  const Population& population, const Eigen::ArrayXXd& route_value,
                  MigrationScratch& scratch);

/// U_home(n): what being back in their own country is worth to nationals of n.
double home_utility(const MigrationInputs& in, int nationality);

/// Decides which of the protected go home of their own accord this tick (the others who go
/// home chose it among their options in choose_moves).
void decide_repatriation(const MigrationInputs& in, const Population& population,
                         MigrationScratch& scratch);

/// Those who chose to stay settle: asylum claims in destinations, hosting elsewhere while room.
void settle(const MigrationInputs& in, MigrationScratch& scratch, Population& population,
            Flows& flows);

/// Departures, thinned to corridor capacity, face exit interception and set out; the demand for
/// each corridor is remembered for its price (assess_corridors).
void depart(const MigrationInputs& in, CorridorConditions& corridors, MigrationScratch& scratch,
            Population& population, Flows& flows);

/// Those who decided to go home join their own country's residents.
void go_home(const MigrationInputs& in, const MigrationScratch& scratch, Population& population,
             Flows& flows);

/// Crossings due this tick end: deaths, entry interceptions, pushbacks, readmissions, arrivals.
void complete_crossings(const MigrationInputs& in, const CorridorConditions& corridors,
                        Population& population, Flows& flows);

/// Hosting above capacity (after a cut, a camp closure) is evicted into the pool.
void enforce_hosting_capacity(const MigrationInputs& in, Population& population, Flows& flows);

/// Where labour demand has fallen, migrant workers (legal and hosted people of other
/// nationalities) lose their place: some go home, the rest join the pool where they are.
void displace_migrant_workers(const MigrationInputs& in, Population& population, Flows& flows);

/// Pending asylum claims are decided: protection granted or refused.
void decide_asylum_claims(const MigrationInputs& in, Population& population, Flows& flows);

/// Refused claimants are returned as far as their own country accepts them.
void return_rejected(const MigrationInputs& in, Population& population, Flows& flows);

/// Legal pathways move people within their quotas.
void move_through_legal_pathways(const MigrationInputs& in, const Eigen::ArrayXd& quota,
                                 Population& population, Flows& flows);

/// People already inside are removed within each state's monthly capacity (home as far as the
/// origin accepts, else to a neighbour under a readmission arrangement) and expelled across
/// borders with an expulsion capacity; what it costs is added to `removal_spending` by state.
void remove_people_inside(const MigrationInputs& in, const CorridorConditions& corridors,
                          MigrationScratch& scratch, Population& population, Flows& flows,
                          Eigen::ArrayXd& removal_spending);

/// This tick's arrivals in a state with a third country are transferred there, within its
/// monthly capacity, and lodge their claims there; what it pays is added to `removal_spending`.
/// The share transferred is kept in `scratch.transfer_share` for the next tick's route values.
void transfer_to_third_countries(const MigrationInputs& in, MigrationScratch& scratch,
                                 Population& population, Flows& flows,
                                 Eigen::ArrayXd& removal_spending);

}  // namespace migdip
