// Writes a synthetic scenario of a given size, for benchmarks of loading and running large
// worlds (issue 15). The same options always give the same bytes: every number comes from one
// SplitMix64 stream seeded by --seed and is written with fmt, which formats alike everywhere.
//
// The world has three tiers, as the flagship scenarios do: origins (one per nationality, at war
// or in crisis, with people already displaced), transit states (hosting people in camps) and rich
// destinations with asylum systems. Corridors make a connected network: every transit state is
// reached from an origin or an earlier transit state, every destination from a transit state,
// and every origin from a neighbouring transit state (secondary movements); the rest are
// distinct (from, to) pairs drawn at random, never into an origin and never from a destination
// back to an origin. A few negotiation tables (a destination bargaining with a transit state on
// a corridor between them) and a few scheduled events give the strategic layer and the
// scheduled-events phase real work.
//
//   generate_world --states 200 --corridors 5000 --nationalities 10 --ticks 365
//                  --tick-length day --tables 5 --seed 1 -o benchmarks/world-200x5000.ini

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <boost/program_options.hpp>

#include "splitmix.h"

namespace {

struct Options {
  int states = 200;
  int corridors = 5000;
  int nationalities = 10;
  int ticks = 365;
  int days = 0;  ///< when given instead of ticks: the run ends on start_date + days - 1
  std::string tick_length = "day";
  int tables = 5;
  std::uint64_t seed = 1;
  std::string output;
};

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

using Draws = migdip::bench::SplitMix64;

enum class Tier { origin, transit, destination };

struct State {
  std::string id;
  Tier tier;
};

struct Corridor {
  int from;
  int to;
};

// Four significant digits: plausible values, short lines, the same text everywhere.
std::string number(double value) {
  return fmt::format("{:.4g}", value);
}

std::string padded(char prefix, int index, int count) {
  const int width = static_cast<int>(std::to_string(count).size());
  return fmt::format("{}{:0{}}", prefix, index + 1, width);
}

Options parse_options(int argc, char** argv) {
  namespace po = boost::program_options;
  Options options;
  po::options_description description("generate_world options");
  description.add_options()("help,h", "show this help")(
      "states", po::value<int>(&options.states)->default_value(options.states),
      "number of states (origins + transit states + destinations)")(
      "corridors", po::value<int>(&options.corridors)->default_value(options.corridors),
      "number of corridors (distinct ordered pairs of states)")(
      "nationalities", po::value<int>(&options.nationalities)->default_value(options.nationalities),
      "number of nationalities (origin states)")(
      "ticks", po::value<int>(&options.ticks)->default_value(options.ticks), "number of ticks")(
      "days", po::value<int>(&options.days),
      "length of the run in days, instead of --ticks (written as end_date)")(
      "tick-length", po::value<std::string>(&options.tick_length)->default_value("day"),
      "day, week or month")("tables",
                            po::value<int>(&options.tables)->default_value(options.tables),
                            "number of negotiation tables")(
      "seed", po::value<std::uint64_t>(&options.seed)->default_value(options.seed),
      "seed of the generator and of the scenario")(
      "output,o", po::value<std::string>(&options.output), "file to write (required)");
  po::variables_map values;
  try {
    po::store(po::command_line_parser(argc, argv).options(description).run(), values);
    po::notify(values);
  } catch (const po::error& error) {
    throw UsageError(error.what());
  }
  if (values.count("help") != 0) {
    std::cout << "Usage: generate_world [options] -o FILE\n" << description;
    std::exit(0);
  }
  if (options.output.empty()) {
    throw UsageError("the option '--output' (-o FILE) is required");
  }
  if (values.count("days") != 0 && !values["ticks"].defaulted()) {
    throw UsageError("give --ticks or --days, not both");
  }
  if (values.count("days") != 0) {
    if (options.days < 1) {
      throw UsageError("--days must be at least 1");
    }
    options.ticks = 0;
  } else if (options.ticks < 1) {
    throw UsageError("--ticks must be at least 1");
  }
  if (options.tick_length != "day" && options.tick_length != "week" &&
      options.tick_length != "month") {
    throw UsageError("--tick-length must be day, week or month, not '" + options.tick_length + "'");
  }
  if (options.nationalities < 1) {
    throw UsageError("--nationalities must be at least 1");
  }
  // At least one transit state and one destination beside the origins.
  if (options.states < options.nationalities + 2) {
    throw UsageError(fmt::format("--states must be at least --nationalities + 2 = {}",
                                 options.nationalities + 2));
  }
  if (options.tables < 0) {
    throw UsageError("--tables must be at least 0");
  }
  return options;
}

/// The states of the world: origins, then transit states, then destinations (a fifth of the
/// states that are not origins, at least one).
std::vector<State> make_states(const Options& options) {
  const int others = options.states - options.nationalities;
  const int destinations = std::max(1, others / 5);
  const int transits = others - destinations;
  std::vector<State> states;
  for (int i = 0; i < options.nationalities; ++i) {
    states.push_back({padded('O', i, options.nationalities), Tier::origin});
  }
  for (int i = 0; i < transits; ++i) {
    states.push_back({padded('T', i, transits), Tier::transit});
  }
  for (int i = 0; i < destinations; ++i) {
    states.push_back({padded('D', i, destinations), Tier::destination});
  }
  return states;
}

bool allowed(const std::vector<State>& states, int from, int to) {
  const Tier a = states[static_cast<std::size_t>(from)].tier;
  const Tier b = states[static_cast<std::size_t>(to)].tier;
  return from != to && b != Tier::origin && !(a == Tier::destination && b == Tier::origin);
}

std::vector<Corridor> make_corridors(const Options& options, const std::vector<State>& states,
                                     Draws& draws) {
  const int n = static_cast<int>(states.size());
  std::vector<Corridor> corridors;
  std::unordered_set<std::int64_t> taken;
  auto key = [n](int from, int to) { return static_cast<std::int64_t>(from) * n + to; };
  auto add = [&](int from, int to) {
    if (taken.insert(key(from, to)).second) {
      corridors.push_back({from, to});
    }
  };
  const int origins = options.nationalities;
  int first_destination = n;
  while (first_destination > 0 &&
         states[static_cast<std::size_t>(first_destination - 1)].tier == Tier::destination) {
    --first_destination;
  }
  // The backbone: each transit state from an origin or an earlier transit state, each
  // destination from a transit state, each origin from a transit state.
  for (int t = origins; t < first_destination; ++t) {
    const int from = t == origins || draws.below(3) == 0 ? draws.below(origins)
                                                         : origins + draws.below(t - origins);
    add(from, t);
  }
  for (int d = first_destination; d < n; ++d) {
    add(origins + draws.below(first_destination - origins), d);
  }
  for (int o = 0; o < origins; ++o) {
    corridors.push_back({origins + draws.below(first_destination - origins), o});
    taken.insert(key(corridors.back().from, o));
  }
  if (static_cast<int>(corridors.size()) > options.corridors) {
    throw UsageError(
        fmt::format("--corridors must be at least {} to connect {} states", corridors.size(), n));
  }
  // The rest: every allowed pair not yet taken, shuffled (Fisher-Yates on our own draws).
  std::vector<Corridor> candidates;
  for (int from = 0; from < n; ++from) {
    for (int to = 0; to < n; ++to) {
      if (allowed(states, from, to) && taken.count(key(from, to)) == 0) {
        candidates.push_back({from, to});
      }
    }
  }
  const std::size_t wanted = static_cast<std::size_t>(options.corridors) - corridors.size();
  if (wanted > candidates.size()) {
    throw UsageError(
        fmt::format("--corridors must be at most {} for {} states and {} "
                    "nationalities",
                    corridors.size() + candidates.size(), n, origins));
  }
  for (std::size_t i = 0; i < wanted; ++i) {
    const std::size_t j = i + static_cast<std::size_t>(draws.next() % (candidates.size() - i));
    std::swap(candidates[i], candidates[j]);
    corridors.push_back(candidates[i]);
  }
  return corridors;
}

std::string corridor_id(const std::vector<State>& states, const Corridor& corridor) {
  return states[static_cast<std::size_t>(corridor.from)].id + "-" +
         states[static_cast<std::size_t>(corridor.to)].id;
}

std::string world_text(const Options& options) {
  Draws draws(options.seed);
  const std::vector<State> states = make_states(options);
  const std::vector<Corridor> corridors = make_corridors(options, states, draws);
  std::string out;
  auto line = [&out](const std::string& text) {
    out += text;
    out += '\n';
  };

  line(
      fmt::format("# A synthetic world written by benchmarks/generate_world: {} states, {} "
                  "corridors,",
                  states.size(), corridors.size()));
  line(
      fmt::format("# {} nationalities, {} negotiation tables. Numbers are plausible, not "
                  "calibrated.",
                  options.nationalities, options.tables));
  line(
      fmt::format("# Regenerate: generate_world --states {} --corridors {} --nationalities {} {} "
                  "--tick-length {} --tables {} --seed {} -o FILE",
                  options.states, options.corridors, options.nationalities,
                  options.ticks > 0 ? fmt::format("--ticks {}", options.ticks)
                                    : fmt::format("--days {}", options.days),
                  options.tick_length, options.tables, options.seed));
  line("");
  line("[scenario]");
  line(fmt::format("name = world-{}x{}", states.size(), corridors.size()));
  line("description = Synthetic world for benchmarks (benchmarks/generate_world)");
  line("start_date = 2030-01-01");
  if (options.ticks > 0) {
    line(fmt::format("ticks = {}", options.ticks));
  } else {
    // The day before start + days, by the proleptic Gregorian calendar.
    using namespace std::chrono;
    const year_month_day end{sys_days{year{2030} / 1 / 1} + days{options.days - 1}};
    line(fmt::format("end_date = {:04}-{:02}-{:02}", static_cast<int>(end.year()),
                     static_cast<unsigned>(end.month()), static_cast<unsigned>(end.day())));
  }
  line(fmt::format("tick_length = {}", options.tick_length));
  line(fmt::format("seed = {}", options.seed));
  line("mode = expected");
  line("");
  line("[model]");
  line("income_elasticity = 0.5");
  line("network_elasticity = 2");
  line("route_substitution = 0.3");
  line("home_weight = 0.05");
  line("sea_seasonality = 0.6, 0.6, 0.8, 1, 1.2, 1.3, 1.4, 1.4, 1.2, 1, 0.8, 0.7");
  line("");

  for (const State& state : states) {
    line(fmt::format("[state {}]", state.id));
    switch (state.tier) {
      case Tier::origin:
        line("roles = origin");
        line(fmt::format("population = {}", number(draws.uniform(2e6, 6e7))));
        line(fmt::format("income_per_head = {}", number(draws.uniform(600, 4000))));
        line(fmt::format("emigration_rate = {}", number(draws.uniform(2e-5, 2e-4))));
        line(fmt::format("push_intensity = {}", number(draws.uniform(0.1, 1))));
        line(fmt::format("protection_need = {}", number(draws.uniform(0.2, 0.9))));
        line(fmt::format("readmission_acceptance = {}", number(draws.uniform(0.3, 1))));
        break;
      case Tier::transit:
        line("roles = transit");
        line(fmt::format("population = {}", number(draws.uniform(5e6, 9e7))));
        line(fmt::format("income_per_head = {}", number(draws.uniform(3000, 15000))));
        line(fmt::format("hosting_capacity = {}", number(draws.uniform(5e4, 5e5))));
        line(fmt::format("recognition_rate = {}", number(draws.uniform(0.2, 0.5))));
        line(fmt::format("exit_enforcement = {}", number(draws.uniform(0.05, 0.3))));
        line(fmt::format("policy_lag_days = {}", number(draws.uniform(5, 30))));
        line(fmt::format("hosting_cost = {}", number(draws.uniform(20, 60))));
        line(fmt::format("enforcement_cost = {}", number(draws.uniform(200, 400))));
        line(fmt::format("bargaining_power = {}", number(draws.uniform(0.4, 0.6))));
        line(fmt::format("democracy = {}", number(draws.uniform(0.1, 0.6))));
        line(fmt::format("reputation_stake = {}", number(draws.uniform(1e7, 1e8))));
        line(fmt::format("compliance = {}", number(draws.uniform(0.8, 1))));
        break;
      case Tier::destination:
        line("roles = destination");
        line(fmt::format("population = {}", number(draws.uniform(2e6, 8e7))));
        line(fmt::format("income_per_head = {}", number(draws.uniform(25000, 60000))));
        line(fmt::format("recognition_rate = {}", number(draws.uniform(0.4, 0.8))));
        line(fmt::format("asylum_processing_rate = {}", number(draws.uniform(0.1, 0.3))));
        line(fmt::format("return_rate = {}", number(draws.uniform(0.05, 0.15))));
        line(fmt::format("entry_enforcement = {}", number(draws.uniform(0.05, 0.3))));
        line(fmt::format("arrival_cost = {}", number(draws.uniform(1000, 5000))));
        line(fmt::format("polarisation = {}", number(draws.uniform(0, 0.8))));
        line(fmt::format("democracy = {}", number(draws.uniform(0.7, 1))));
        line(fmt::format("audience_cost = {}", number(draws.uniform(5e6, 3e7))));
        break;
    }
    line("");
  }

  for (const Corridor& corridor : corridors) {
    const Tier to = states[static_cast<std::size_t>(corridor.to)].tier;
    const bool sea = draws.below(4) == 0;
    const bool air = !sea && to == Tier::destination && draws.below(10) == 0;
    line(fmt::format("[corridor {}]", corridor_id(states, corridor)));
    line(fmt::format("from = {}", states[static_cast<std::size_t>(corridor.from)].id));
    line(fmt::format("to = {}", states[static_cast<std::size_t>(corridor.to)].id));
    line(fmt::format("mode = {}", air ? "air" : sea ? "sea" : "land"));
    const double dearer = to == Tier::destination ? 2.5 : 1.0;
    line(fmt::format("cost = {}", number(draws.uniform(300, 1200) * dearer * (air ? 3 : 1))));
    line(fmt::format("travel_days = {}", number(air ? 1 : draws.uniform(2, 15))));
    line(fmt::format("mortality = {}",
                     number(draws.uniform(0.0005, 0.005) * (sea ? 4 : 1) * (air ? 0.01 : 1))));
    line("");
  }

  // Stocks: the displaced inside each origin, people hosted in the transit states its
  // corridors reach and people protected in up to two destinations.
  for (int o = 0; o < options.nationalities; ++o) {
    const State& origin = states[static_cast<std::size_t>(o)];
    line(fmt::format("[stock {} in {}]", origin.id, origin.id));
    line(fmt::format("in_transit = {}", number(draws.uniform(1e4, 2e5))));
    line("");
    int hosts = 0;
    std::vector<int> stocked;  // where this nationality has a stock already
    for (const Corridor& corridor : corridors) {
      if (corridor.from == o && hosts < 3) {
        ++hosts;
        stocked.push_back(corridor.to);
        line(fmt::format("[stock {} in {}]", origin.id,
                         states[static_cast<std::size_t>(corridor.to)].id));
        line(fmt::format("hosted = {}", number(draws.uniform(5e3, 1e5))));
        line(fmt::format("in_transit = {}", number(draws.uniform(1e3, 2e4))));
        line("");
      }
    }
    const int first_destination =
        static_cast<int>(states.size()) - std::max(1, (options.states - options.nationalities) / 5);
    const int destinations = static_cast<int>(states.size()) - first_destination;
    const int first = draws.below(destinations);
    for (int k = 0; k < std::min(2, destinations); ++k) {
      const int destination = first_destination + (first + k) % destinations;
      // In a dense world an origin's first corridors may lead straight to this destination: its
      // stock there is written already (one section per nationality and place).
      if (std::find(stocked.begin(), stocked.end(), destination) != stocked.end()) {
        continue;
      }
      line(fmt::format("[stock {} in {}]", origin.id,
                       states[static_cast<std::size_t>(destination)].id));
      line(fmt::format("protected = {}", number(draws.uniform(1e3, 5e4))));
      line(fmt::format("arrived = {}", number(draws.uniform(1e2, 5e3))));
      line("");
    }
  }

  // Negotiation tables on corridors from a transit state to a destination, spread over the
  // list: the destination asks for exit enforcement (and on every other table readmission on
  // the corridor) and pays for it; the transit state may threaten to open the gates.
  std::vector<int> onward;
  for (std::size_t c = 0; c < corridors.size(); ++c) {
    if (states[static_cast<std::size_t>(corridors[c].from)].tier == Tier::transit &&
        states[static_cast<std::size_t>(corridors[c].to)].tier == Tier::destination) {
      onward.push_back(static_cast<int>(c));
    }
  }
  std::vector<int> seated;  // transit states already at a table: one table each
  int tables = 0;
  for (std::size_t k = 0; k < onward.size() && tables < options.tables; ++k) {
    const Corridor& corridor =
        corridors[static_cast<std::size_t>(onward[(k * 7919) % onward.size()])];
    if (std::find(seated.begin(), seated.end(), corridor.from) != seated.end()) {
      continue;
    }
    seated.push_back(corridor.from);
    const std::string& transit = states[static_cast<std::size_t>(corridor.from)].id;
    const std::string& destination = states[static_cast<std::size_t>(corridor.to)].id;
    const std::string table = fmt::format("table_{}", tables + 1);
    line(fmt::format("[instrument {}_exit]", table));
    line("type = exit_enforcement");
    line(fmt::format("user = {}", transit));
    line(fmt::format("level = {}", number(draws.uniform(0.5, 0.7))));
    line("");
    const bool readmission = tables % 2 == 0;
    if (readmission) {
      line(fmt::format("[instrument {}_readmission]", table));
      line("type = readmission");
      line(fmt::format("user = {}", transit));
      line(fmt::format("corridor = {}", corridor_id(states, corridor)));
      line(fmt::format("level = {}", number(draws.uniform(0.2, 0.5))));
      line("");
    }
    line(fmt::format("[instrument {}_payment]", table));
    line("type = transfer");
    line(fmt::format("user = {}", destination));
    line(fmt::format("target = {}", transit));
    line(fmt::format("amount = {}", number(draws.uniform(5e6, 4e7))));
    line("");
    line(fmt::format("[instrument {}_gates]", table));
    line("type = open_gates");
    line(fmt::format("user = {}", transit));
    line("level = 1");
    line(fmt::format("cost_to_user = {}", number(draws.uniform(1e6, 3e6))));
    line("");
    line(fmt::format("[negotiation {}]", table));
    line(fmt::format("demander = {}", destination));
    line(fmt::format("partner = {}", transit));
    line(readmission ? fmt::format("asks = {0}_exit, {0}_readmission", table)
                     : fmt::format("asks = {}_exit", table));
    line(fmt::format("payment = {}_payment", table));
    line(fmt::format("threats = {}_gates", table));
    line("duration_months = 12");
    line("");
    ++tables;
  }

  // Scheduled events at a third and two thirds of the run: a transit state's crackdown, a
  // corridor closed, and money from a destination to a transit state.
  const int ticks = options.ticks > 0 ? options.ticks : 0;
  if (ticks >= 3) {
    const State& transit = states[static_cast<std::size_t>(options.nationalities)];
    line("[event crackdown]");
    line(fmt::format("tick = {}", ticks / 3));
    line("type = set");
    line(fmt::format("state = {}", transit.id));
    line("parameter = exit_enforcement");
    line("value = 0.6");
    line("");
    line("[event closure]");
    line(fmt::format("tick = {}", 2 * ticks / 3));
    line("type = close_corridor");
    line(fmt::format("corridor = {}", corridor_id(states, corridors.back())));
    line("");
    line("[event aid]");
    line(fmt::format("tick = {}", ticks / 3));
    line("type = transfer");
    line(fmt::format("from = {}", states.back().id));
    line(fmt::format("to = {}", transit.id));
    line("amount = 1e8");
    line("over_months = 6");
  }
  return out;
}

// Written beside the target, then renamed over it: a reader never sees half a world.
void write_atomically(const std::string& path, const std::string& text) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path temporary = target.string() + ".tmp-generate_world";
  {
    std::ofstream stream(temporary, std::ios::binary | std::ios::trunc);
    stream << text;
    stream.flush();
    if (!stream) {
      std::error_code ignored;
      fs::remove(temporary, ignored);
      throw std::runtime_error("cannot write " + temporary.string());
    }
  }
  std::error_code failed;
  fs::rename(temporary, target, failed);
  if (failed) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    throw std::runtime_error("cannot rename " + temporary.string() + " to " + path + ": " +
                             failed.message());
  }
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options options = parse_options(argc, argv);
    write_atomically(options.output, world_text(options));
    return 0;
  } catch (const UsageError& error) {
    std::cerr << "generate_world: " << error.what() << '\n';
    return 2;
  } catch (const std::exception& error) {
    std::cerr << "generate_world: " << error.what() << '\n';
    return 1;
  }
}
