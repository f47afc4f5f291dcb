// compute_summary_metrics: one value per spec, each the total (or final stock) of the record's
// variables it names, recomputed here independently.

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "migdip/core/error.h"
#include "migdip/recording/summary_metrics.h"
#include "migdip/sweep/run_outputs.h"
#include "support/scenario_builder.h"
#include "support/strategic_scenario.h"

namespace migdip {
namespace {

/// The metrics by name.
std::map<std::string, double> by_name(const std::vector<double>& values) {
  std::map<std::string, double> named;
  const auto specs = summary_metric_specs();
  for (std::size_t i = 0; i < specs.size() && i < values.size(); ++i) {
    named[std::string(specs[i].name)] = values[i];
  }
  return named;
}

double sum_of(const RunRecord& record, const std::string& group, const std::string& name) {
  const Variable* variable = record.find_variable(group, name);
  if (variable == nullptr) {
    ADD_FAILURE() << "the record has no " << group << "." << name;
    return NAN;
  }
  double sum = 0;
  for (double value : variable->data) {
    sum += value;
  }
  return sum;
}

/// The sum over states of a (time, state) variable at its last time step.
double last_row_sum(const RunRecord& record, const std::string& name) {
  const Variable* variable = record.find_variable("states", name);
  const RecordGroup* states = record.find_group("states");
  if (variable == nullptr || states == nullptr) {
    ADD_FAILURE() << "the record has no states." << name;
    return NAN;
  }
  EXPECT_EQ(variable->dimensions, (std::vector<std::string>{"time", "state"}));
  std::size_t width = 0;
  for (const Coordinate& coordinate : states->coordinates) {
    if (coordinate.name == "state") {
      width = coordinate.size();
    }
  }
  double sum = 0;
  for (std::size_t i = variable->data.size() - width; i < variable->data.size(); ++i) {
    sum += variable->data[i];
  }
  return sum;
}

Scenario stochastic_chain() {
  Scenario scenario = testing::chain_scenario();
  scenario.settings.mode = SimulationMode::stochastic;
  scenario.settings.seed = 17;
  return scenario;
}

TEST(SummaryMetrics, OneValuePerSpecWithUniqueNamesAndUnits) {
  const auto specs = summary_metric_specs();
  ASSERT_GE(specs.size(), 17u);
  std::set<std::string_view> names;
  for (const MetricSpec& spec : specs) {
    EXPECT_FALSE(spec.name.empty());
    EXPECT_FALSE(spec.units.empty()) << spec.name;
    EXPECT_FALSE(spec.long_name.empty()) << spec.name;
    EXPECT_EQ(spec.name.find_first_of(" ,./"), std::string_view::npos)
        << "names are identifiers: " << spec.name;
    EXPECT_TRUE(names.insert(spec.name).second) << "repeated metric " << spec.name;
  }
  const RunRecord record = simulate_record(CheckedScenario(testing::share(stochastic_chain())));
  EXPECT_EQ(compute_summary_metrics(record).size(), specs.size());
}

TEST(SummaryMetrics, TheOrderOfTheFirstMetricsIsFixed) {
  // The order is the `metric` dimension of sweep files: append, never reorder.
  const std::vector<std::string_view> expected = {"departures",
                                                  "arrivals",
                                                  "deaths",
                                                  "deaths_per_1000_departures",
                                                  "exit_interceptions",
                                                  "entry_interceptions",
                                                  "pushbacks",
                                                  "readmissions",
                                                  "legal_arrivals",
                                                  "asylum_grants",
                                                  "returns",
                                                  "hosted_at_end",
                                                  "protected_at_end",
                                                  "transfers",
                                                  "deals_signed",
                                                  "deals_breached",
                                                  "threats_carried_out"};
  const auto specs = summary_metric_specs();
  ASSERT_GE(specs.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(specs[i].name, expected[i]) << i;
  }
}

TEST(SummaryMetrics, TotalsAreTheSumsOfTheRecordsFlows) {
  const RunRecord record = simulate_record(CheckedScenario(testing::share(stochastic_chain())));
  const std::map<std::string, double> metric = by_name(compute_summary_metrics(record));

  const double departures = sum_of(record, "corridors", "departures");
  const double deaths = sum_of(record, "corridors", "deaths");
  // The scenario moves people and kills some: the checks below compare non-trivial numbers.
  ASSERT_GT(departures, 100);
  ASSERT_GT(deaths, 0);
  EXPECT_DOUBLE_EQ(metric.at("departures"), departures);
  EXPECT_DOUBLE_EQ(metric.at("arrivals"), sum_of(record, "corridors", "arrivals"));
  EXPECT_GT(metric.at("arrivals"), 0);
  EXPECT_DOUBLE_EQ(metric.at("deaths"), deaths);
  EXPECT_DOUBLE_EQ(metric.at("deaths_per_1000_departures"), 1000 * deaths / departures);
  EXPECT_DOUBLE_EQ(metric.at("deaths_per_1000_departures"),
                   1000 * metric.at("deaths") / metric.at("departures"));
  for (const char* flow :
       {"exit_interceptions", "entry_interceptions", "pushbacks", "readmissions"}) {
    EXPECT_DOUBLE_EQ(metric.at(flow), sum_of(record, "corridors", flow)) << flow;
  }
  for (const char* flow : {"legal_arrivals", "asylum_grants", "returns"}) {
    EXPECT_DOUBLE_EQ(metric.at(flow), sum_of(record, "states", flow)) << flow;
  }
  EXPECT_GT(metric.at("asylum_grants"), 0);
  EXPECT_DOUBLE_EQ(metric.at("transfers"), sum_of(record, "states", "money_paid"));
  EXPECT_DOUBLE_EQ(metric.at("hosted_at_end"), last_row_sum(record, "hosted"));
  EXPECT_DOUBLE_EQ(metric.at("protected_at_end"), last_row_sum(record, "protected"));
  EXPECT_GT(metric.at("protected_at_end"), 0);
  // The state-side view of the same flows agrees.
  EXPECT_NEAR(metric.at("departures"), sum_of(record, "states", "departures"), 1e-9 * departures);
  EXPECT_NEAR(metric.at("arrivals"), sum_of(record, "states", "arrivals"),
              1e-9 * metric.at("arrivals"));
  // No bargaining in the chain world.
  EXPECT_EQ(metric.at("deals_signed"), 0);
  EXPECT_EQ(metric.at("deals_breached"), 0);
  EXPECT_EQ(metric.at("threats_carried_out"), 0);
}

TEST(SummaryMetrics, DealsAndThreatsAreCountedFromTheTables) {
  const RunRecord record =
      simulate_record(CheckedScenario(testing::share(testing::externalisation_scenario(3))));
  const std::map<std::string, double> metric = by_name(compute_summary_metrics(record));
  std::size_t breached = 0;
  for (const DealRow& deal : record.deals) {
    breached += deal.status == "breached" ? 1 : 0;
  }
  std::size_t carried_out = 0;
  for (const NegotiationRow& row : record.negotiation_log) {
    carried_out += row.action == "threat_carried_out" ? 1 : 0;
  }
  EXPECT_EQ(metric.at("deals_signed"), static_cast<double>(record.deals.size()));
  EXPECT_EQ(metric.at("deals_breached"), static_cast<double>(breached));
  EXPECT_EQ(metric.at("threats_carried_out"), static_cast<double>(carried_out));
  EXPECT_DOUBLE_EQ(metric.at("transfers"), sum_of(record, "states", "money_paid"));
}

/// A record made by hand with the variables the metrics read: two states, two corridors, three
/// time steps.
RunRecord hand_made_record() {
  RunRecord record;
  RecordGroup states;
  states.name = "states";
  states.coordinates = {{"time", "", "days since 2020-01-01", {0, 31, 60}, {}},
                        {"state", "", "", {}, {"A", "B"}}};
  const std::vector<std::string> time_state = {"time", "state"};
  auto state_variable = [&](std::string name, std::vector<double> data) {
    states.variables.push_back({std::move(name), time_state, "", "", std::move(data)});
  };
  state_variable("legal_arrivals", {1, 2, 3, 4, 5, 6});
  state_variable("asylum_grants", {10, 0, 0, 20, 0, 30});
  state_variable("returns", {0, 0.5, 0, 0.25, 0, 0});
  state_variable("hosted", {100, 200, 300, 400, 500, 600});
  state_variable("protected", {7, 8, 9, 10, 11, 12});
  state_variable("money_paid", {1e6, 0, 0, 2e6, 0, 0});
  RecordGroup corridors;
  corridors.name = "corridors";
  corridors.coordinates = {{"time", "", "days since 2020-01-01", {0, 31, 60}, {}},
                           {"corridor", "", "", {}, {"A-B", "B-A"}}};
  const std::vector<std::string> time_corridor = {"time", "corridor"};
  auto corridor_variable = [&](std::string name, std::vector<double> data) {
    corridors.variables.push_back({std::move(name), time_corridor, "", "", std::move(data)});
  };
  corridor_variable("departures", {1000, 500, 1000, 500, 1000, 0});
  corridor_variable("arrivals", {900, 450, 950, 400, 990, 0});
  corridor_variable("deaths", {5, 1, 2, 0, 4, 0});
  corridor_variable("exit_interceptions", {50, 1, 0, 0, 0, 0});
  corridor_variable("entry_interceptions", {0, 2, 0, 3, 0, 0});
  corridor_variable("pushbacks", {0, 0, 0, 1, 0, 0});
  corridor_variable("readmissions", {0, 0, 4, 0, 0, 0});
  record.groups = {states, corridors};
  record.deals.resize(3);
  record.deals[0].status = "breached";
  record.deals[1].status = "expired";
  record.deals[2].status = "breached";
  record.negotiation_log.resize(4);
  record.negotiation_log[0].action = "threat_announced";
  record.negotiation_log[1].action = "threat_carried_out";
  record.negotiation_log[2].action = "accepted";
  record.negotiation_log[3].action = "threat_carried_out";
  return record;
}

TEST(SummaryMetrics, HandMadeRecordGivesTheExpectedNumbers) {
  const std::map<std::string, double> metric = by_name(compute_summary_metrics(hand_made_record()));
  EXPECT_EQ(metric.at("departures"), 4000);
  EXPECT_EQ(metric.at("arrivals"), 3690);
  EXPECT_EQ(metric.at("deaths"), 12);
  EXPECT_EQ(metric.at("deaths_per_1000_departures"), 3);
  EXPECT_EQ(metric.at("exit_interceptions"), 51);
  EXPECT_EQ(metric.at("entry_interceptions"), 5);
  EXPECT_EQ(metric.at("pushbacks"), 1);
  EXPECT_EQ(metric.at("readmissions"), 4);
  EXPECT_EQ(metric.at("legal_arrivals"), 21);
  EXPECT_EQ(metric.at("asylum_grants"), 60);
  EXPECT_EQ(metric.at("returns"), 0.75);
  EXPECT_EQ(metric.at("hosted_at_end"), 500 + 600);
  EXPECT_EQ(metric.at("protected_at_end"), 11 + 12);
  EXPECT_EQ(metric.at("transfers"), 3e6);
  EXPECT_EQ(metric.at("deals_signed"), 3);
  EXPECT_EQ(metric.at("deals_breached"), 2);
  EXPECT_EQ(metric.at("threats_carried_out"), 2);
}

TEST(SummaryMetrics, NoDeparturesGivesZeroDeathRateNotNaN) {
  RunRecord record = hand_made_record();
  for (RecordGroup& group : record.groups) {
    for (Variable& variable : group.variables) {
      if (group.name == "corridors") {
        std::fill(variable.data.begin(), variable.data.end(), 0.0);
      }
    }
  }
  const std::map<std::string, double> metric = by_name(compute_summary_metrics(record));
  EXPECT_EQ(metric.at("departures"), 0);
  EXPECT_EQ(metric.at("deaths_per_1000_departures"), 0);
}

TEST(SummaryMetrics, AMissingVariableIsAnInternalError) {
  RunRecord record = hand_made_record();
  auto& corridor_variables = record.groups[1].variables;
  corridor_variables.erase(corridor_variables.begin() + 2);  // deaths
  EXPECT_THROW(compute_summary_metrics(record), InternalError);
  EXPECT_THROW(compute_summary_metrics(RunRecord{}), InternalError);
}

}  // namespace
}  // namespace migdip
