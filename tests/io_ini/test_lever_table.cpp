// The lever table (migdip/world/levers.h) is the one description of every lever: each layer
// that lists levers must agree with its rows. A row that is broken, or a layer that stops
// iterating the table, fails here.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <string>

#include "io_ini/key_table.h"
#include "io_ini/value_parsing.h"
#include "migdip/core/error.h"
#include "migdip/recording/series_recorder.h"
#include "migdip/simulation/simulation.h"
#include "migdip/world/world.h"
#include "phases/scheduled_events.h"
#include "support/scenario_builder.h"

namespace migdip {
namespace {

using ini::KeySpec;

std::string section_of(LeverOwner owner) {
  switch (owner) {
    case LeverOwner::state:
      return "state";
    case LeverOwner::corridor:
      return "corridor";
    case LeverOwner::pathway:
      return "pathway";
  }
  return "";
}

/// chain_scenario() with a resettlement pathway TRA -> DST, so that every owner has holders.
Scenario scenario_with_every_owner() {
  Scenario scenario = testing::chain_scenario();
  PathwaySpec pathway;
  pathway.id = "resettle";
  pathway.kind = PathwayKind::resettlement;
  pathway.from = 1;
  pathway.to = 2;
  pathway.nationality = 0;
  scenario.pathways.push_back(pathway);
  return scenario;
}

/// The initial value of a lever in the first holder of its owner.
double& spec_value(Scenario& scenario, Lever lever) {
  switch (owner_of(lever)) {
    case LeverOwner::state:
      return scenario.states[1].lever(lever);
    case LeverOwner::corridor:
      return scenario.corridors[1].lever(lever);
    case LeverOwner::pathway:
      return scenario.pathways[0].lever(lever);
  }
  throw InternalError("unknown owner");
}

// Each lever gets a value of its own, in range, so that a lever read from another's place shows.
double distinct_value(const LeverTraits& row) {
  const double step = 0.01 * static_cast<double>(static_cast<int>(row.lever) + 1);
  return std::isfinite(row.range.high) ? row.range.high - step : 1 + step;
}

TEST(LeverTable, RowsAreWellFormed) {
  std::set<std::string_view> names;
  for (std::size_t i = 0; i < kLeverCount; ++i) {
    const LeverTraits& row = kLevers[i];
    SCOPED_TRACE(std::string(row.name));
    EXPECT_EQ(static_cast<std::size_t>(row.lever), i);
    EXPECT_TRUE(names.insert(row.name).second) << "name used twice";
    EXPECT_EQ(to_string(row.lever), row.name);
    EXPECT_FALSE(row.description.empty());
    EXPECT_EQ(row.keyed, !row.listed_after.empty()) << "a keyed lever needs its place";
    // Only a state's levers have a policy lag to phase them in.
    EXPECT_TRUE(!row.phased || row.owner == LeverOwner::state);
    const double initial = row.initial;
    const bool above_low = row.range.low_open ? initial > row.range.low : initial >= row.range.low;
    EXPECT_TRUE(above_low && initial <= row.range.high) << "initial value out of range";
    EXPECT_TRUE(std::isfinite(initial) || row.range.unlimited);
  }
  std::size_t counted = 0;
  for (LeverOwner owner : {LeverOwner::state, LeverOwner::corridor, LeverOwner::pathway}) {
    for (const LeverTraits& row : levers_of(owner)) {
      EXPECT_EQ(row.owner, owner) << row.name;
      ++counted;
    }
  }
  EXPECT_EQ(counted, kLeverCount);
}

TEST(LeverTable, AnotherOwnersLeverIsAnInternalError) {
  StateSpec state;
  EXPECT_THROW(state.lever(Lever::quota), InternalError);
  EXPECT_NO_THROW(state.lever(Lever::pushback_rate));
}

TEST(LeverTable, EveryKeyedLeverIsAKeyAsItsRowSays) {
  for (const LeverTraits& row : kLevers) {
    SCOPED_TRACE(std::string(row.name));
    const ini::SectionSpec* section = ini::find_section_spec(section_of(row.owner));
    ASSERT_NE(section, nullptr);
    const KeySpec* key = section->find(row.name);
    if (!row.keyed) {
      EXPECT_EQ(key, nullptr);
      continue;
    }
    ASSERT_NE(key, nullptr);
    EXPECT_EQ(key->type, ini::ValueType::number);
    EXPECT_EQ(key->unit, key_unit(row.quantity));
    EXPECT_EQ(key->description, row.description);
    EXPECT_EQ(key->unlimited, row.range.unlimited);
    EXPECT_EQ(key->range.low, row.range.low);
    EXPECT_EQ(key->range.low_open, row.range.low_open);
    EXPECT_EQ(key->range.high, row.range.high);
    EXPECT_FALSE(key->range.high_open);
    const double default_value = key->default_text == "unlimited"
                                     ? std::numeric_limits<double>::infinity()
                                     : ini::parse_number(key->default_text);
    EXPECT_EQ(default_value, row.initial);
    // Listed right after the key its row names.
    const auto position = static_cast<std::size_t>(key - section->keys.data());
    ASSERT_GT(position, 0U);
    EXPECT_EQ(section->keys[position - 1].name, row.listed_after);
  }
}

TEST(LeverTable, SetEventsChangeExactlyTheKeyedLeversAndTheStances) {
  const KeySpec* parameter = ini::find_section_spec("event")->find("parameter");
  ASSERT_NE(parameter, nullptr);
  std::vector<std::string> keyed;
  for (const LeverTraits& row : kLevers) {
    if (row.keyed) {
      keyed.emplace_back(row.name);
      EXPECT_EQ(ini::parameter_key(row.lever).name, row.name);
    }
  }
  // Then the parameters that are not levers (preferences, salience, reputation, budget,
  // instruments' valuations), none of which shares a lever's name.
  for (const StanceTraits& row : kStanceParameters) {
    EXPECT_EQ(std::find(keyed.begin(), keyed.end(), row.name), keyed.end()) << row.name;
    keyed.emplace_back(row.name);
  }
  EXPECT_EQ(parameter->choices, keyed);
}

TEST(LeverTable, ANewGovernmentChoosesExactlyTheCoupChoices) {
  const ini::SectionSpec* event = ini::find_section_spec("event");
  ASSERT_NE(event, nullptr);
  for (const LeverTraits& row : levers_of(LeverOwner::state)) {
    SCOPED_TRACE(std::string(row.name));
    const KeySpec* key = event->find(row.name);
    EXPECT_EQ(key != nullptr && key->used_by("coup"), row.coup_choice);
    EXPECT_EQ(
        ini::describe(EventType::coup).find("`" + std::string(row.name) + "`") != std::string::npos,
        row.coup_choice);
    if (!row.coup_choice) {
      continue;
    }
    EXPECT_EQ(key->unit, key_unit(row.quantity));
    EXPECT_EQ(key->range.low, row.range.low);
    EXPECT_EQ(key->range.high, row.range.high);
    EXPECT_TRUE(key->default_text.empty());
    // The new government's choice replaces what was decided before.
    Scenario scenario = scenario_with_every_owner();
    EventSpec coup;
    coup.id = "coup";
    coup.type = EventType::coup;
    coup.target_kind = TargetKind::state;
    coup.target = 1;
    coup.new_government(row.lever) = distinct_value(row);
    scenario.events = {coup};
    EXPECT_NO_THROW(check_scenario(scenario));
    World world(scenario);
    std::vector<int> applied;
    apply_scheduled_events(
        scenario, 0,
        EventTargets{world.policy, world.corridors, world.pathway_lever, world.treasury}, applied);
    EXPECT_EQ(world.policy.decided(row.lever)(1), distinct_value(row));
  }
}

TEST(LeverTable, SpecsStartAtTheInitialValues) {
  const StateSpec state;
  const CorridorSpec corridor;
  const PathwaySpec pathway;
  for (const LeverTraits& row : kLevers) {
    const double value = row.owner == LeverOwner::state      ? state.lever(row.lever)
                         : row.owner == LeverOwner::corridor ? corridor.lever(row.lever)
                                                             : pathway.lever(row.lever);
    EXPECT_EQ(value, row.initial) << row.name;
  }
}

// A value just outside a range, and values just inside it.
std::vector<double> outside(const LeverRange& range) {
  std::vector<double> values = {std::numeric_limits<double>::quiet_NaN()};
  if (std::isfinite(range.low)) {
    values.push_back(range.low_open ? range.low : std::nextafter(range.low, -1e300));
  }
  if (std::isfinite(range.high)) {
    values.push_back(std::nextafter(range.high, 1e300));
  }
  if (!range.unlimited) {
    values.push_back(std::numeric_limits<double>::infinity());
  }
  return values;
}

std::vector<double> inside(const LeverRange& range) {
  std::vector<double> values;
  if (std::isfinite(range.low)) {
    values.push_back(range.low_open ? std::nextafter(range.low, 1e300) : range.low);
  } else {
    values.push_back(-1e300);
  }
  values.push_back(std::isfinite(range.high) ? range.high : 1e300);
  if (range.unlimited) {
    values.push_back(std::numeric_limits<double>::infinity());
  }
  return values;
}

TEST(LeverTable, CheckScenarioHoldsInitialValuesAndEventValuesToTheRange) {
  for (const LeverTraits& row : kLevers) {
    SCOPED_TRACE(std::string(row.name));
    for (double value : outside(row.range)) {
      Scenario scenario = scenario_with_every_owner();
      spec_value(scenario, row.lever) = value;
      EXPECT_THROW(check_scenario(scenario), InputError) << value;
    }
    for (double value : inside(row.range)) {
      Scenario scenario = scenario_with_every_owner();
      spec_value(scenario, row.lever) = value;
      EXPECT_NO_THROW(check_scenario(scenario)) << value;
    }
    EventSpec event;
    event.id = "e";
    event.type = EventType::set;
    event.target_kind = target_kind_of(row.lever);
    event.target = 0;
    event.parameter = row.lever;
    for (double value : outside(row.range)) {
      Scenario scenario = scenario_with_every_owner();
      event.value = value;
      scenario.events = {event};
      EXPECT_THROW(check_scenario(scenario), InputError) << "event value " << value;
    }
    for (double value : inside(row.range)) {
      Scenario scenario = scenario_with_every_owner();
      event.value = value;
      scenario.events = {event};
      if (row.keyed) {
        EXPECT_NO_THROW(check_scenario(scenario)) << "event value " << value;
      } else {
        EXPECT_THROW(check_scenario(scenario), InputError) << "not a parameter of events";
      }
    }
  }
}

TEST(LeverTable, TheWorldStartsFromTheSpecsAndEventsSetWhatTheRowSays) {
  Scenario scenario = scenario_with_every_owner();
  for (const LeverTraits& row : kLevers) {
    spec_value(scenario, row.lever) = distinct_value(row);
  }
  World world(scenario);
  auto in_force = [&](Lever lever) -> Eigen::ArrayXd& {
    switch (owner_of(lever)) {
      case LeverOwner::state:
        return world.policy.lever(lever);
      case LeverOwner::corridor:
        return world.corridors.lever(lever);
      case LeverOwner::pathway:
        return world.pathway_lever(lever);
    }
    throw InternalError("unknown owner");
  };
  for (const LeverTraits& row : kLevers) {
    SCOPED_TRACE(std::string(row.name));
    const int holder = row.owner == LeverOwner::pathway ? 0 : 1;
    EXPECT_EQ(in_force(row.lever)(holder), distinct_value(row));
    if (row.phased) {
      EXPECT_EQ(world.policy.target(row.lever)(holder), distinct_value(row));
    }
    if (!row.keyed) {
      continue;
    }
    EventSpec event;
    event.id = "e";
    event.type = EventType::set;
    event.target_kind = target_kind_of(row.lever);
    event.target = holder;
    event.parameter = row.lever;
    event.value = row.initial;
    Scenario with_event = scenario;
    with_event.events = {event};
    std::vector<int> applied;
    apply_scheduled_events(
        with_event, 0,
        EventTargets{world.policy, world.corridors, world.pathway_lever, world.treasury}, applied);
    if (row.phased) {
      EXPECT_EQ(world.policy.target(row.lever)(holder), row.initial);
      EXPECT_EQ(in_force(row.lever)(holder), distinct_value(row)) << "phased in later";
    } else {
      EXPECT_EQ(in_force(row.lever)(holder), row.initial);
    }
  }
}

TEST(LeverTable, RecordedLeversHaveTheirSeries) {
  Scenario scenario = scenario_with_every_owner();
  for (const LeverTraits& row : kLevers) {
    spec_value(scenario, row.lever) = distinct_value(row);
  }
  scenario.settings.ticks = 1;
  Simulation simulation(testing::share(scenario));
  SeriesRecorder recorder;
  Observer* observers[] = {&recorder};
  simulation.run(observers);
  const RunRecord record = recorder.take_record();
  for (const LeverTraits& row : kLevers) {
    if (row.recorded_as.empty()) {
      continue;
    }
    SCOPED_TRACE(std::string(row.name));
    const Variable* variable =
        record.find_variable(section_of(row.owner) + "s", std::string(row.name));
    ASSERT_NE(variable, nullptr);
    EXPECT_EQ(variable->long_name, row.recorded_as);
    EXPECT_EQ(variable->units, recorded_unit(row.quantity));
    EXPECT_EQ(variable->dimensions, (std::vector<std::string>{"time", section_of(row.owner)}));
    // Unphased levers nobody moves keep their value; phased ones start in force.
    const std::size_t holder = row.owner == LeverOwner::pathway ? 0 : 1;
    EXPECT_EQ(variable->data.at(holder), distinct_value(row));
  }
}

}  // namespace
}  // namespace migdip
