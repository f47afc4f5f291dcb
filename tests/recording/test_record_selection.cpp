// The [outputs] declaration as the recorder applies it: which series are written, that the
// others are not computed, that names are checked, and that large series are opt-in above the
// limit.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "migdip/recording/record_selection.h"
#include "migdip/recording/series_recorder.h"
#include "migdip/simulation/simulation.h"
#include "support/same_bits.h"
#include "support/scenario_builder.h"

namespace migdip {
namespace {

RunRecord record_of(const Scenario& scenario, const RecordSelection& selection) {
  Simulation simulation(testing::share(scenario));
  MemorySink memory;
  SeriesRecorder recorder(memory, selection);
  Observer* observers[] = {&recorder};
  simulation.run(observers);
  return memory.take_record();
}

std::vector<std::string> names_of(const RunRecord& record) {
  std::vector<std::string> names;
  for (const RecordGroup& group : record.groups) {
    for (const Variable& variable : group.variables) {
      names.push_back(group.name + "/" + variable.name);
    }
  }
  return names;
}

OutputSettings declaring(std::vector<std::string> variables, std::vector<std::string> exclude) {
  OutputSettings outputs;
  outputs.variables = std::move(variables);
  outputs.exclude = std::move(exclude);
  return outputs;
}

TEST(RecordSelection, GroupsVariablesAndExclusions) {
  const RecordSelection selection = RecordSelection::declared(
      declaring({"states", "corridors/*", "nationalities/stock"}, {"corridors/deaths"}));
  EXPECT_TRUE(selection.keeps("states", "arrivals", false, 1));
  EXPECT_TRUE(selection.keeps("corridors", "arrivals", false, 1));
  EXPECT_FALSE(selection.keeps("corridors", "deaths", false, 1));
  EXPECT_TRUE(selection.keeps("nationalities", "stock", false, 1));
  EXPECT_FALSE(selection.keeps("nationalities", "arrivals", false, 1));
  EXPECT_FALSE(selection.keeps("blocs", "reputation", false, 1));
  // A prefix of a name is not the name.
  EXPECT_FALSE(RecordSelection::declared(declaring({"states/arrival"}, {}))
                   .keeps("states", "arrivals", false, 1));
  EXPECT_TRUE(RecordSelection::declared(OutputSettings{}).keeps("blocs", "reputation", false, 1));
}

TEST(RecordSelection, LargeSeriesAreOptInAboveTheLimit) {
  OutputSettings outputs;
  outputs.large_series_limit = 100;
  const RecordSelection by_default = RecordSelection::declared(outputs);
  EXPECT_TRUE(by_default.keeps("corridors", "arrivals_by_nationality", true, 100));
  EXPECT_FALSE(by_default.keeps("corridors", "arrivals_by_nationality", true, 101));
  EXPECT_TRUE(by_default.keeps("corridors", "arrivals", false, 101));
  outputs.variables = {"corridors", "corridors/arrivals_by_nationality"};
  const RecordSelection named = RecordSelection::declared(outputs);
  EXPECT_TRUE(named.keeps("corridors", "arrivals_by_nationality", true, 101));
  EXPECT_FALSE(named.keeps("corridors", "deaths_by_nationality", true, 101));
  EXPECT_TRUE(RecordSelection::everything().keeps("corridors", "deaths_by_nationality", true,
                                                  1'000'000'000));
}

TEST(RecordSelection, TheRecorderWritesOnlyTheSelectedSeriesWithTheSameValues) {
  Scenario scenario = testing::chain_scenario();
  const RunRecord everything = record_of(scenario, RecordSelection::everything());
  scenario.outputs = declaring({"states/arrivals", "corridors", "nationalities/*"},
                               {"corridors/deaths", "corridors/open"});
  scenario.outputs.large_series_limit = 1;  // 2 corridors x 1 nationality: above it
  const RunRecord some = record_of(scenario, RecordSelection::declared(scenario.outputs));
  const std::vector<std::string> names = names_of(some);
  EXPECT_NE(std::find(names.begin(), names.end(), "states/arrivals"), names.end());
  EXPECT_EQ(std::find(names.begin(), names.end(), "states/departures"), names.end());
  EXPECT_EQ(std::find(names.begin(), names.end(), "corridors/deaths"), names.end());
  EXPECT_EQ(std::find(names.begin(), names.end(), "corridors/open"), names.end());
  EXPECT_EQ(std::find(names.begin(), names.end(), "corridors/arrivals_by_nationality"),
            names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "corridors/travelling"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "nationalities/stock"), names.end());
  EXPECT_LT(names.size(), names_of(everything).size());
  for (const RecordGroup& group : some.groups) {
    for (const Variable& variable : group.variables) {
      const Variable& full = *everything.find_variable(group.name, variable.name);
      ASSERT_EQ(variable.data.size(), full.data.size());
      EXPECT_TRUE(testing::same_bits(variable.data, full.data))
          << group.name << "/" << variable.name;
    }
  }
  EXPECT_EQ(recorded_slice_sizes(scenario, RecordSelection::declared(scenario.outputs)).size(),
            names.size());
}

TEST(RecordSelection, NamesAreCheckedAgainstEverySeriesTheRecorderCanWrite) {
  EXPECT_FALSE(output_name_problem("states"));
  EXPECT_FALSE(output_name_problem("states/*"));
  EXPECT_FALSE(output_name_problem("states/arrivals"));
  // Optional series are known even where a scenario would not record them.
  EXPECT_FALSE(output_name_problem("states/pressure"));
  EXPECT_FALSE(output_name_problem("instruments/learned_effect"));
  EXPECT_FALSE(output_name_problem("nationalities/stock_by_location"));
  EXPECT_EQ(output_name_problem("state/arrivals"), "unknown group 'state'");
  EXPECT_EQ(output_name_problem("states/arivals"), "unknown variable 'states/arivals'");
  EXPECT_EQ(output_name_problem("states/"), "unknown variable 'states/'");
  const std::vector<std::string> names = output_names();
  EXPECT_NE(std::find(names.begin(), names.end(), "corridors/arrivals_by_nationality"),
            names.end());
  std::size_t large = 0;
  for (const RecordableVariable& variable : recordable_variables()) {
    large += variable.large ? 1 : 0;
    EXPECT_EQ(variable.large,
              variable.group == "corridors" && variable.name.ends_with("_by_nationality"))
        << variable.name;
  }
  EXPECT_EQ(large, 9U);
}

}  // namespace
}  // namespace migdip
