// docs/results-format.md lists every group, coordinate and variable the recorder writes, with
// units. The tables are rendered here from a real record and must match the document, so a new
// variable cannot reach a results file undocumented. On a mismatch the expected section is
// written next to the test program; paste it between the markers.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "migdip/recording/series_recorder.h"
#include "migdip/simulation/simulation.h"
#include "support/scenario_builder.h"

namespace migdip {
namespace {

constexpr const char* kBegin =
    "<!-- BEGIN GENERATED: variables (tests/recording/test_results_format_doc.cpp) -->\n";
constexpr const char* kEnd = "<!-- END GENERATED: variables -->\n";

// Every optional output switched on, one of every table row kind present.
RunRecord full_record() {
  Scenario scenario = testing::chain_scenario();
  scenario.settings.ticks = 2;
  scenario.outputs.stocks_by_location = true;
  // A border control of its own: the corridors' controls in force are written.
  scenario.corridors[1].border(Lever::pushback_rate) = 0.5;
  // Beliefs that can differ from the truth: what migrants believe is written.
  scenario.model.belief_memory_days = 30;
  // Learning valuations: what states believe their instruments do is written.
  scenario.diplomacy.learning_memory_months = 6;
  // Pressure on a destination: the governments' pressure and approval are written.
  scenario.states[2].politics.pressure_salience = 1;
  // A limited budget line and an origin whose push answers to aid: budgets and aid felt.
  scenario.states[2].budget.initial = 5e6;
  scenario.states[0].aid.push_effect = 1e-7;
  PathwaySpec pathway;
  pathway.id = "resettle";
  pathway.from = 1;
  pathway.to = 2;
  pathway.nationality = 0;
  scenario.pathways = {pathway};
  EventSpec transfer;
  transfer.id = "aid";
  transfer.type = EventType::transfer;
  transfer.payer = Party{TargetKind::state, 2};
  transfer.payee = Party{TargetKind::state, 1};
  transfer.amount = 1e6;
  transfer.over_months = 1;
  scenario.events = {transfer};
  Simulation simulation(testing::share(scenario));
  SeriesRecorder recorder;
  Observer* observers[] = {&recorder};
  simulation.run(observers);
  return recorder.take_record();
}

std::string dims(const std::vector<std::string>& names) {
  std::string text = "(";
  for (std::size_t i = 0; i < names.size(); ++i)
    text += (i ? ", " : "") + names[i];
  return text + ")";
}

std::string render(const RunRecord& record) {
  std::ostringstream md;
  md << kBegin;
  for (const RecordGroup& group : record.groups) {
    md << "\n### Group `/" << group.name << "`: " << group.description << "\n\n";
    md << "| coordinate | along | units | meaning |\n|---|---|---|---|\n";
    for (const Coordinate& c : group.coordinates) {
      md << "| `" << c.name << "` | " << c.name << " | " << (c.units.empty() ? "" : c.units)
         << " | " << c.long_name << " |\n";
    }
    for (const AuxiliaryCoordinate& c : group.auxiliary) {
      md << "| `" << c.name << "` | " << c.dimension << " | " << c.units << " | " << c.long_name
         << " |\n";
    }
    md << "\n| variable | dimensions | units | over an interval | meaning |\n"
          "|---|---|---|---|---|\n";
    for (const Variable& v : group.variables) {
      md << "| `" << v.name << "` | " << dims(v.dimensions) << " | " << v.units << " | "
         << to_string(v.aggregation) << " | " << v.long_name << " |\n";
    }
  }
  md << "\n" << kEnd;
  return md.str();
}

TEST(ResultsFormatDocument, ListsEveryRecordedVariableWithUnits) {
  const RunRecord record = full_record();
  for (const RecordGroup& group : record.groups) {
    for (const Variable& variable : group.variables) {
      EXPECT_FALSE(variable.units.empty()) << group.name << "/" << variable.name;
      EXPECT_FALSE(variable.long_name.empty()) << group.name << "/" << variable.name;
    }
  }
  const std::string expected = render(record);
  std::ifstream in(std::string(MIGDIP_SOURCE_DIR) + "/docs/results-format.md");
  std::stringstream text;
  text << in.rdbuf();
  const std::string doc = text.str();
  const auto begin = doc.find(kBegin);
  const auto end = doc.find(kEnd);
  std::string actual;
  if (begin != std::string::npos && end != std::string::npos && end > begin) {
    actual = doc.substr(begin, end + std::string(kEnd).size() - begin);
  }
  if (actual != expected) {
    const auto path = std::filesystem::current_path() / "results-format-variables.md";
    std::ofstream(path) << expected;
    FAIL() << "docs/results-format.md is out of date; the expected section is in " << path;
  }
}

}  // namespace
}  // namespace migdip
