#include "summary.h"

#include <fmt/format.h>

#include <numeric>

namespace migdip::cli {
namespace {

double total(const RunRecord& record, const std::string& group, const std::string& name) {
  const Variable* variable = record.find_variable(group, name);
  if (variable == nullptr) {
    return 0;
  }
  return std::accumulate(variable->data.begin(), variable->data.end(), 0.0);
}

// The value of a (time, state) variable at the last tick, summed over states.
double final_total(const RunRecord& record, const std::string& name) {
  const Variable* variable = record.find_variable("states", name);
  const RecordGroup* group = record.find_group("states");
  if (variable == nullptr || group == nullptr || group->coordinates.size() < 2) {
    return 0;
  }
  const std::size_t states = group->coordinates[1].size();
  if (variable->data.size() < states) {
    return 0;
  }
  return std::accumulate(variable->data.end() - static_cast<std::ptrdiff_t>(states),
                         variable->data.end(), 0.0);
}

std::string attribute(const RunRecord& record, const std::string& name) {
  for (const auto& [key, value] : record.text_attributes) {
    if (key == name) {
      return value;
    }
  }
  return "?";
}

std::size_t extent(const RunRecord& record, const std::string& group, const std::string& dim) {
  const RecordGroup* found = record.find_group(group);
  if (found != nullptr) {
    for (const Coordinate& coordinate : found->coordinates) {
      if (coordinate.name == dim) {
        return coordinate.size();
      }
    }
  }
  return 0;
}

std::string people(double value) {
  return fmt::format("{:>14.0f}", value);
}

}  // namespace

std::string summarise(const RunRecord& record) {
  std::string text;
  text += fmt::format("scenario      {}\n", attribute(record, "scenario_name"));
  text += fmt::format("period        {} .. {} ({} ticks of one {})\n",
                      attribute(record, "start_date"), attribute(record, "end_date"),
                      extent(record, "states", "time"), attribute(record, "tick_length"));
  text += fmt::format("world         {} states, {} corridors, {} nationalities, {} pathways\n",
                      extent(record, "states", "state"), extent(record, "corridors", "corridor"),
                      extent(record, "nationalities", "nationality"),
                      extent(record, "pathways", "pathway"));
  text += fmt::format("mode, seed    {}, seed {} run {}\n", attribute(record, "mode"),
                      attribute(record, "seed"), attribute(record, "run"));
  text += "totals over the run (people)\n";
  const double departures = total(record, "corridors", "departures");
  const double deaths = total(record, "corridors", "deaths");
  text += fmt::format("  emigrated     {}\n", people(total(record, "states", "emigrations")));
  text += fmt::format("  departures    {}\n", people(departures));
  text += fmt::format("  intercepted   {}\n",
                      people(total(record, "corridors", "exit_interceptions") +
                             total(record, "corridors", "entry_interceptions")));
  text += fmt::format("  arrivals      {}\n", people(total(record, "corridors", "arrivals")));
  text += fmt::format("  deaths        {}  ({:.2f} per 1000 departures)\n", people(deaths),
                      departures > 0 ? 1000.0 * deaths / departures : 0.0);
  text += fmt::format("  returned      {}\n", people(total(record, "states", "returns")));
  text += fmt::format("  legal         {}\n", people(total(record, "states", "legal_arrivals")));
  text +=
      fmt::format("at the end      protected {}, hosted {}\n",
                  people(final_total(record, "protected")), people(final_total(record, "hosted")));
  text += fmt::format("transfers     EUR {:.0f}\n", total(record, "transfers", "paid"));
  text += fmt::format("events        {} applied\n", record.events.size());
  return text;
}

}  // namespace migdip::cli
