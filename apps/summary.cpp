#include "summary.h"

#include <fmt/format.h>

#include <cmath>
#include <numeric>
#include <string_view>

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

// Whole numbers with thousands separators, right-aligned: 1,234,567.
std::string people(double value) {
  const std::string digits = fmt::format("{:.0f}", std::fabs(value));
  std::string grouped = value < 0 ? "-" : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) {
      grouped.push_back(',');
    }
    grouped.push_back(digits[i]);
  }
  return fmt::format("{:>13}", grouped);
}

}  // namespace

std::string text_attribute(const RunRecord& record, const std::string& name) {
  for (const auto& [key, value] : record.text_attributes) {
    if (key == name) {
      return value;
    }
  }
  return "?";
}

std::string summarise(const RunRecord& record) {
  std::string text;
  text += fmt::format("scenario        {}\n", text_attribute(record, "scenario_name"));
  text += fmt::format("period          {} .. {} ({} ticks of one {})\n",
                      text_attribute(record, "start_date"), text_attribute(record, "end_date"),
                      extent(record, "states", "time"), text_attribute(record, "tick_length"));
  text += fmt::format("world           {} states, {} corridors, {} nationalities, {} pathways\n",
                      extent(record, "states", "state"), extent(record, "corridors", "corridor"),
                      extent(record, "nationalities", "nationality"),
                      extent(record, "pathways", "pathway"));
  text += fmt::format("mode, seed      {}, seed {} run {}\n", text_attribute(record, "mode"),
                      text_attribute(record, "seed"), text_attribute(record, "run"));
  text += "totals over the run (people)\n";
  const double departures = total(record, "corridors", "departures");
  const double deaths = total(record, "corridors", "deaths");
  auto line = [&](std::string_view label, double value) {
    text += fmt::format("  {:<20}{}\n", label, people(value));
  };
  line("emigrated", total(record, "states", "emigrations"));
  line("departures", departures);
  line("intercepted", total(record, "corridors", "exit_interceptions") +
                          total(record, "corridors", "entry_interceptions"));
  line("arrivals", total(record, "corridors", "arrivals"));
  line("dead or missing", deaths);
  text += fmt::format("  {:<20}{:>13.2f}\n", "  per 1000 departures",
                      departures > 0 ? 1000.0 * deaths / departures : 0.0);
  line("returned", total(record, "states", "returns"));
  line("legal pathways", total(record, "states", "legal_arrivals"));
  text += "at the end (people)\n";
  line("protected", final_total(record, "protected"));
  line("hosted", final_total(record, "hosted"));
  text += fmt::format("transfers paid  EUR {}\n", people(total(record, "transfers", "paid")));
  text += fmt::format("events applied  {}\n", record.events.size());
  return text;
}

}  // namespace migdip::cli
