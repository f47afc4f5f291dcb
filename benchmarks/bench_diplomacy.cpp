// What the diplomacy phase costs per tick in a world of 190 states, and what share of a whole
// tick that is. The world is synthetic, built in code from a fixed seed: 40 origins, 100 transit
// states and 50 destinations; every destination bargains with every transit state it has a
// corridor from (239 tables). Run: build/benchmarks/bench_diplomacy (see
// benchmarks/README.md for the figures and the machine they were measured on).
//
// The diplomacy phase is private to the engine, so this benchmark includes engine headers and
// drives a DiplomacyPhase of its own on copies of a Simulation's World, prepared exactly as
// Simulation::step prepares it for phase 4 (engine/simulation/simulation.cpp).

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "heap_allocations.h"
#include "migdip/core/calendar.h"
#include "migdip/scenario/scenario.h"
#include "migdip/simulation/simulation.h"
#include "migdip/world/migrant_status.h"
#include "migdip/world/world.h"
#include "phases/diplomacy/diplomacy_phase.h"
#include "phases/domestic_politics.h"
#include "phases/network.h"
#include "phases/observation.h"
#include "phases/scheduled_events.h"
#include "phases/tick_context.h"
#include "splitmix.h"

namespace {

using migdip::InstrumentType;
using migdip::Lever;
using migdip::Scenario;
using migdip::StateSpec;

constexpr int kOrigins = 40;
constexpr int kTransits = 100;
constexpr int kDestinations = 50;
constexpr int kTicks = 60;
constexpr int kTableStart = 3;
// The phase and the tick are timed over the second year: deals signed from tick 3 are standing
// and monitored, flows have settled around them, and tables re-bargain as the inputs drift.
constexpr int kFirstTimedTick = 12;
constexpr int kTimedTicks = 12;

constexpr std::uint8_t kOrigin = static_cast<std::uint8_t>(migdip::StateRole::origin);
constexpr std::uint8_t kTransit = static_cast<std::uint8_t>(migdip::StateRole::transit);
constexpr std::uint8_t kDestination = static_cast<std::uint8_t>(migdip::StateRole::destination);

constexpr int origin_state(int i) {
  return i;
}
constexpr int transit_state(int i) {
  return kOrigins + i;
}
constexpr int destination_state(int i) {
  return kOrigins + kTransits + i;
}

using Draws = migdip::bench::SplitMix64;

StateSpec make_state(std::string id, std::uint8_t roles, double population, double income) {
  StateSpec state;
  state.name = id;
  state.id = std::move(id);
  state.roles = roles;
  state.population = population;
  state.income_per_head = income;
  return state;
}

int add_corridor(Scenario& scenario, Draws& draws, int from, int to, double low_cost,
                 double high_cost, double low_mortality, double high_mortality) {
  migdip::CorridorSpec corridor;
  corridor.id = scenario.states[static_cast<std::size_t>(from)].id + "-" +
                scenario.states[static_cast<std::size_t>(to)].id;
  corridor.from = from;
  corridor.to = to;
  corridor.mode = draws.below(3) == 0 ? migdip::CorridorMode::sea : migdip::CorridorMode::land;
  corridor.lever(Lever::cost) = draws.uniform(low_cost, high_cost);
  corridor.lever(Lever::mortality) = draws.uniform(low_mortality, high_mortality);
  corridor.travel_days = draws.uniform(3, 15);
  scenario.corridors.push_back(corridor);
  return scenario.corridor_count() - 1;
}

int add_instrument(Scenario& scenario, std::string id, InstrumentType type, int user,
                   int target = -1) {
  migdip::InstrumentSpec instrument;
  instrument.id = std::move(id);
  instrument.type = type;
  instrument.user = migdip::Party{migdip::TargetKind::state, user};
  instrument.target = target;
  scenario.instruments.push_back(instrument);
  return scenario.instrument_count() - 1;
}

migdip::InstrumentSpec& last_instrument(Scenario& scenario) {
  return scenario.instruments.back();
}

/// The synthetic world of 190 states over 60 monthly ticks, in expected-value mode.
Scenario world_190(bool negotiations, double reevaluation_tolerance) {
  Draws draws(190);
  Scenario scenario;
  scenario.settings.name = "synthetic-190";
  scenario.settings.start_date = std::chrono::sys_days{std::chrono::year{2020} / 1 / 1};
  scenario.settings.ticks = kTicks;
  scenario.settings.seed = 190;
  scenario.settings.mode = migdip::SimulationMode::expected;
  scenario.diplomacy.reevaluation_tolerance = reevaluation_tolerance;

  for (int i = 0; i < kOrigins; ++i) {
    StateSpec state = make_state("O" + std::to_string(i), kOrigin, draws.uniform(2e6, 6e7),
                                 draws.uniform(600, 4000));
    state.emigration_rate = draws.uniform(2e-5, 2e-4);
    state.lever(Lever::push_intensity) = draws.uniform(0, 1);
    state.protection_need = draws.uniform(0.2, 0.9);
    state.lever(Lever::readmission_acceptance) = draws.uniform(0.3, 1);
    scenario.states.push_back(state);
  }
  for (int i = 0; i < kTransits; ++i) {
    StateSpec state = make_state("T" + std::to_string(i), kTransit, draws.uniform(5e6, 9e7),
                                 draws.uniform(3000, 15000));
    state.lever(Lever::hosting_capacity) = draws.uniform(5e4, 5e5);
    state.lever(Lever::recognition_rate) = draws.uniform(0.2, 0.5);
    state.lever(Lever::exit_enforcement) = draws.uniform(0.05, 0.3);
    state.policy_lag_days = draws.uniform(5, 30);
    state.preferences.hosting_cost = draws.uniform(20, 60);
    state.preferences.enforcement_cost = draws.uniform(200, 400);
    state.conduct.bargaining_power = draws.uniform(0.4, 0.6);
    state.conduct.democracy = draws.uniform(0.1, 0.6);
    state.conduct.reputation_stake = draws.uniform(1e7, 1e8);
    state.conduct.compliance = draws.uniform(0.8, 1.0);
    scenario.states.push_back(state);
  }
  for (int i = 0; i < kDestinations; ++i) {
    StateSpec state = make_state("D" + std::to_string(i), kDestination, draws.uniform(2e6, 8e7),
                                 draws.uniform(25000, 60000));
    state.lever(Lever::recognition_rate) = draws.uniform(0.4, 0.8);
    state.lever(Lever::return_rate) = draws.uniform(0.05, 0.15);
    state.lever(Lever::entry_enforcement) = draws.uniform(0.05, 0.3);
    state.preferences.arrival_cost = draws.uniform(1000, 5000);
    state.preferences.polarisation = draws.uniform(0, 0.8);
    state.conduct.democracy = draws.uniform(0.7, 1.0);
    state.conduct.audience_cost = draws.uniform(5e6, 3e7);
    scenario.states.push_back(state);
  }
  scenario.index_nationalities();  // nationality i is origin i

  // Origins to transits: every transit is reached from one origin (2-3 transits per origin),
  // 20 more links at random.
  std::vector<int> order(kTransits);
  for (int i = 0; i < kTransits; ++i) {
    order[static_cast<std::size_t>(i)] = i;
  }
  for (int i = kTransits - 1; i > 0; --i) {
    std::swap(order[static_cast<std::size_t>(i)],
              order[static_cast<std::size_t>(draws.below(i + 1))]);
  }
  std::vector<std::vector<int>> nationalities_in(kTransits);
  auto link_origin = [&](int origin, int transit) {
    for (int n : nationalities_in[static_cast<std::size_t>(transit)]) {
      if (n == origin) {
        return;
      }
    }
    add_corridor(scenario, draws, origin_state(origin), transit_state(transit), 300, 1500, 0.001,
                 0.01);
    nationalities_in[static_cast<std::size_t>(transit)].push_back(origin);
  };
  for (int i = 0; i < kTransits; ++i) {
    link_origin(i % kOrigins, order[static_cast<std::size_t>(i)]);
  }
  for (int k = 0; k < 20; ++k) {
    link_origin(draws.below(kOrigins), draws.below(kTransits));
  }
  // Transits to 2-3 destinations each.
  std::vector<std::pair<int, int>> onward;  // (corridor, destination)
  for (int t = 0; t < kTransits; ++t) {
    const int count = 2 + draws.below(2);
    std::vector<int> chosen;
    while (static_cast<int>(chosen.size()) < count) {
      const int d = draws.below(kDestinations);
      bool seen = false;
      for (int c : chosen) {
        seen = seen || c == d;
      }
      if (!seen) {
        chosen.push_back(d);
        onward.emplace_back(add_corridor(scenario, draws, transit_state(t), destination_state(d),
                                         800, 3000, 0.002, 0.03),
                            d);
      }
    }
  }
  // 30 transit-to-transit links, always towards a higher index (no cycles).
  for (int k = 0; k < 30; ++k) {
    const int from = draws.below(kTransits - 1);
    const int to = from + 1 + draws.below(kTransits - 1 - from);
    add_corridor(scenario, draws, transit_state(from), transit_state(to), 300, 1000, 0.001, 0.01);
  }

  // People already hosted in 60 of the transit states, by the nationalities that reach them.
  for (int t = 0; t < kTransits; ++t) {
    if (t % 5 >= 3) {
      continue;
    }
    const double capacity =
        scenario.states[static_cast<std::size_t>(transit_state(t))].lever(Lever::hosting_capacity);
    for (int n : nationalities_in[static_cast<std::size_t>(t)]) {
      migdip::InitialStock stock;
      stock.nationality = n;
      stock.location = transit_state(t);
      stock.people[migdip::index_of(migdip::MigrantStatus::hosted)] =
          capacity * draws.uniform(0.1, 0.4);
      scenario.initial_stocks.push_back(stock);
    }
  }

  if (!negotiations) {
    return scenario;
  }
  // A table for every (destination, transit) pair joined by a corridor: the destination asks
  // the transit state's exit enforcement and can pay for it; the transit state can open the
  // gates. A quarter also ask readmission on the corridor against a resettlement pathway; a
  // third let the destination threaten visa restrictions.
  for (std::size_t k = 0; k < onward.size(); ++k) {
    const auto [corridor, d] = onward[k];
    const int transit = scenario.corridors[static_cast<std::size_t>(corridor)].from;
    const int destination = destination_state(d);
    const std::string& id = scenario.corridors[static_cast<std::size_t>(corridor)].id;
    migdip::NegotiationSpec table;
    table.id = id;
    table.demander = migdip::Party{migdip::TargetKind::state, destination};
    table.partner = {migdip::TargetKind::state, transit};
    table.start_tick = kTableStart;

    table.asks.push_back(
        add_instrument(scenario, id + "/exit", InstrumentType::exit_enforcement, transit));
    last_instrument(scenario).level = draws.uniform(0.5, 0.7);
    table.payment =
        add_instrument(scenario, id + "/pay", InstrumentType::transfer, destination, transit);
    last_instrument(scenario).amount = draws.uniform(5e6, 4e7);
    table.threats.push_back(
        add_instrument(scenario, id + "/gates", InstrumentType::open_gates, transit));
    last_instrument(scenario).level = 1.0;
    last_instrument(scenario).cost_to_user = draws.uniform(1e6, 3e6);

    if (k % 4 == 0) {
      table.asks.push_back(
          add_instrument(scenario, id + "/readmit", InstrumentType::readmission, transit));
      last_instrument(scenario).corridor = corridor;
      last_instrument(scenario).level = draws.uniform(0.3, 0.5);
      migdip::PathwaySpec pathway;
      pathway.id = id + "/resettle";
      pathway.kind = migdip::PathwayKind::resettlement;
      pathway.from = transit;
      pathway.to = destination;
      pathway.nationality = nationalities_in[static_cast<std::size_t>(transit - kOrigins)].front();
      scenario.pathways.push_back(pathway);
      table.offers.push_back(
          add_instrument(scenario, id + "/pathway", InstrumentType::legal_pathway, destination));
      last_instrument(scenario).pathway = scenario.pathway_count() - 1;
      last_instrument(scenario).level = draws.uniform(500, 3000);
    }
    if (k % 3 == 0) {
      table.threats.push_back(add_instrument(
          scenario, id + "/visas", InstrumentType::visa_restriction, destination, transit));
      last_instrument(scenario).value_to_target = -draws.uniform(2e6, 8e6);
      last_instrument(scenario).cost_to_user = draws.uniform(5e5, 2e6);
    }
    scenario.negotiations.push_back(table);
  }
  return scenario;
}

enum class Variant { skip_unmoved, every_table, no_negotiations, with_issue_14_mechanisms };

/// The skip_unmoved world with the mechanisms of issue 14 switched on: pressure on every
/// destination's government (half its agenda at salience 50), learning of what exit and entry
/// controls do (memory 3 months), threats that stand 3 months and bite for 1, and every other
/// table judging compliance on arrivals.
void switch_on_issue_14_mechanisms(Scenario& scenario) {
  for (int d = 0; d < kDestinations; ++d) {
    scenario.states[static_cast<std::size_t>(destination_state(d))].politics.pressure_salience = 50;
  }
  scenario.diplomacy.learning_memory_months = 3;
  scenario.diplomacy.threat_minimum_months = 3;
  scenario.diplomacy.threat_bite_months = 1;
  for (std::size_t k = 0; k < scenario.negotiations.size(); k += 2) {
    scenario.negotiations[k].compliance_basis = migdip::ComplianceBasis::outcome;
  }
}

std::shared_ptr<const Scenario> scenario_for(Variant variant) {
  static std::map<Variant, std::shared_ptr<const Scenario>> cache;
  auto& scenario = cache[variant];
  if (!scenario) {
    Scenario built = world_190(variant != Variant::no_negotiations,
                               variant == Variant::every_table ? 0.0 : 0.05);
    if (variant == Variant::with_issue_14_mechanisms) {
      switch_on_issue_14_mechanisms(built);
    }
    migdip::check_scenario(built);
    scenario = std::make_shared<const Scenario>(std::move(built));
  }
  return scenario;
}

/// A DiplomacyPhase of the benchmark's own, and the world as phase 4 receives it at each tick
/// of the timed window (after events, observation and domestic politics).
struct PhaseFixture {
  explicit PhaseFixture(std::shared_ptr<const Scenario> shared)
      : scenario(std::move(shared)), network(*scenario), phase(*scenario, network) {
    const migdip::Calendar calendar = scenario->calendar();
    migdip::Simulation simulation(scenario);
    while (simulation.world().tick < kFirstTimedTick) {
      simulation.step();
    }
    for (int t = kFirstTimedTick; t < kFirstTimedTick + kTimedTicks; ++t) {
      migdip::World world = simulation.world();
      const migdip::TickContext tick(scenario->settings, t, calendar.tick_days(t));
      // Phases 1-3 of Simulation::step.
      world.applied_events.clear();
      migdip::apply_scheduled_events(
          *scenario, t,
          migdip::EventTargets{world.policy, world.corridors, world.pathway_lever, world.treasury},
          world.applied_events);
      migdip::observe_arrivals(network, world.flows, world.politics);
      migdip::update_salience(*scenario, tick, world.politics);
      migdip::update_pressure(*scenario, world.politics);
      worlds.push_back(std::move(world));
      ticks.push_back(tick);
      simulation.step();
      settled.push_back(simulation.world());
    }
  }
  std::shared_ptr<const Scenario> scenario;
  migdip::Network network;
  migdip::DiplomacyPhase phase;
  std::vector<migdip::World> worlds;
  std::vector<migdip::TickContext> ticks;
  /// The world at the end of each tick of the window: what assess_utility (phase 7) read.
  std::vector<migdip::World> settled;
};

PhaseFixture& phase_fixture(Variant variant) {
  static std::map<Variant, std::unique_ptr<PhaseFixture>> cache;
  auto& fixture = cache[variant];
  if (!fixture) {
    fixture = std::make_unique<PhaseFixture>(scenario_for(variant));
  }
  return *fixture;
}

double seconds_between(std::chrono::steady_clock::time_point start,
                       std::chrono::steady_clock::time_point stop) {
  return std::chrono::duration<double>(stop - start).count();
}

benchmark::Counter per_iteration(double total) {
  return benchmark::Counter(total, benchmark::Counter::kAvgIterations);
}

// One call of the diplomacy phase at a tick of the second year (cycling over its 12 ticks), on
// a fresh copy of the world as the tick had it. The copy is not timed.
void BM_DiplomacyPhase190(benchmark::State& state, Variant variant) {
  PhaseFixture& fixture = phase_fixture(variant);
  const std::size_t window = fixture.worlds.size();
  migdip::World world = fixture.worlds.front();
  // A copy keeps the deals and the log but not the capacity the engine reserves for them
  // (engine/world/world.cpp): reserve it again, so that their growth is not counted below.
  world.diplomacy.deals.reserve(fixture.worlds.back().diplomacy.deals.size() * 2);
  world.diplomacy.log.reserve(fixture.worlds.back().diplomacy.log.size() * 2);
  // The parts of the world Simulation::step hands the phase; `world` is reassigned, not moved.
  const migdip::DiplomacyInputs inputs{world.population, world.flows, world.politics,
                                       world.stances};
  const migdip::DiplomacyTargets targets{world.diplomacy, world.policy, world.corridors,
                                         world.pathway_lever, world.treasury};
  std::size_t next = 0;
  double evaluated = 0;
  double monitored = 0;
  double active_after = 0;
  double allocations = 0;
  for (auto _ : state) {
    const std::size_t k = next++ % window;
    world = fixture.worlds[k];
    const int evaluations_before = world.diplomacy.evaluations.sum();
    monitored += static_cast<double>((world.diplomacy.active_deal >= 0).count());
    const std::uint64_t allocations_before = migdip::bench::heap_allocations_so_far();
    const auto start = std::chrono::steady_clock::now();
    fixture.phase.run(fixture.ticks[k], inputs, targets);
    const auto stop = std::chrono::steady_clock::now();
    allocations +=
        static_cast<double>(migdip::bench::heap_allocations_so_far() - allocations_before);
    state.SetIterationTime(seconds_between(start, stop));
    evaluated += world.diplomacy.evaluations.sum() - evaluations_before;
    active_after += static_cast<double>((world.diplomacy.active_deal >= 0).count());
    benchmark::DoNotOptimize(world.diplomacy.deal_payment.data());
  }
  state.counters["tables"] = fixture.scenario->negotiation_count();
  state.counters["evaluated"] = per_iteration(evaluated);
  state.counters["deals_monitored"] = per_iteration(monitored);
  state.counters["deals_active"] = per_iteration(active_after);
  if (migdip::bench::counts_heap_allocations()) {
    state.counters["allocs"] = per_iteration(allocations);
  }
}
BENCHMARK_CAPTURE(BM_DiplomacyPhase190, skip_unmoved, Variant::skip_unmoved)
    ->UseManualTime()
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_DiplomacyPhase190, every_table, Variant::every_table)
    ->UseManualTime()
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_DiplomacyPhase190, with_issue_14_mechanisms, Variant::with_issue_14_mechanisms)
    ->UseManualTime()
    ->Unit(benchmark::kMicrosecond);

// The diplomacy phase's other per-tick work: assess_utility, which books every state's
// realised utility after migration (phase 7 of the tick). It only reads the world and writes
// Diplomacy::utility, so it is run again on the world as the tick left it.
void BM_AssessUtility190(benchmark::State& state) {
  PhaseFixture& fixture = phase_fixture(Variant::skip_unmoved);
  const std::size_t window = fixture.settled.size();
  std::vector<migdip::World> worlds = fixture.settled;
  std::size_t next = 0;
  double allocations = 0;
  for (auto _ : state) {
    const std::size_t k = next++ % window;
    const std::uint64_t allocations_before = migdip::bench::heap_allocations_so_far();
    const migdip::World& settled = worlds[k];
    fixture.phase.assess_utility(
        fixture.ticks[k], {settled.population, settled.flows, settled.politics, settled.stances},
        settled.treasury, worlds[k].diplomacy);
    allocations +=
        static_cast<double>(migdip::bench::heap_allocations_so_far() - allocations_before);
    benchmark::DoNotOptimize(worlds[k].diplomacy.utility.data());
  }
  if (migdip::bench::counts_heap_allocations()) {
    state.counters["allocs"] = per_iteration(allocations);
  }
}
BENCHMARK(BM_AssessUtility190)->Unit(benchmark::kMicrosecond);

// One whole tick (Simulation::step) of the second year. A new simulation is built and stepped
// to the first tick of the window whenever the window is used up; that is not timed.
void BM_Step190(benchmark::State& state, Variant variant) {
  const std::shared_ptr<const Scenario> scenario = scenario_for(variant);
  std::unique_ptr<migdip::Simulation> simulation;
  double allocations = 0;
  for (auto _ : state) {
    if (!simulation || simulation->world().tick == kFirstTimedTick + kTimedTicks) {
      simulation = std::make_unique<migdip::Simulation>(scenario);
      while (simulation->world().tick < kFirstTimedTick) {
        simulation->step();
      }
    }
    const std::uint64_t allocations_before = migdip::bench::heap_allocations_so_far();
    const auto start = std::chrono::steady_clock::now();
    simulation->step();
    const auto stop = std::chrono::steady_clock::now();
    allocations +=
        static_cast<double>(migdip::bench::heap_allocations_so_far() - allocations_before);
    state.SetIterationTime(seconds_between(start, stop));
  }
  state.counters["tables"] = scenario->negotiation_count();
  state.counters["corridors"] = scenario->corridor_count();
  if (migdip::bench::counts_heap_allocations()) {
    state.counters["allocs"] = per_iteration(allocations);
  }
}
BENCHMARK_CAPTURE(BM_Step190, skip_unmoved, Variant::skip_unmoved)
    ->UseManualTime()
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Step190, every_table, Variant::every_table)
    ->UseManualTime()
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Step190, with_issue_14_mechanisms, Variant::with_issue_14_mechanisms)
    ->UseManualTime()
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Step190, no_negotiations, Variant::no_negotiations)
    ->UseManualTime()
    ->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
