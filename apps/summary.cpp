#include "summary.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <string_view>
#include <vector>

#include "migdip/world/diplomacy.h"

namespace migdip::cli {
namespace {

// A number with `decimals` decimals and thousands separators: 1,234,567.8.
std::string grouped(double value, int decimals) {
  const std::string digits = fmt::format("{:.{}f}", std::fabs(value), decimals);
  const std::size_t whole = std::min(digits.find('.'), digits.size());
  std::string text = value < 0 ? "-" : "";
  for (std::size_t i = 0; i < whole; ++i) {
    if (i > 0 && (whole - i) % 3 == 0) {
      text.push_back(',');
    }
    text.push_back(digits[i]);
  }
  return text.append(digits, whole);
}

// Whole numbers with thousands separators, right-aligned: 1,234,567. NaN: a variable the run's
// [outputs] declaration left out of the file.
std::string people(double value) {
  return fmt::format("{:>13}", std::isnan(value) ? "not written" : grouped(value, 0));
}

// Characters as a terminal shows them: UTF-8 code points, not bytes.
std::size_t display_width(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0u) != 0x80u;
  }));
}

// Rows of cells as aligned columns, two spaces apart, each line indented by two spaces.
// Columns whose `right_aligned` flag is set are right-aligned.
std::string columns(const std::vector<std::vector<std::string>>& rows,
                    const std::vector<bool>& right_aligned) {
  std::vector<std::size_t> widths(right_aligned.size(), 0);
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      widths[c] = std::max(widths[c], display_width(row[c]));
    }
  }
  std::string text;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::string padding(widths[c] - display_width(row[c]), ' ');
      line += right_aligned[c] ? fmt::format("  {}{}", padding, row[c])
                               : fmt::format("  {}{}", row[c], padding);
    }
    line.erase(line.find_last_not_of(' ') + 1);
    text += line + "\n";
  }
  return text;
}

// "3 proposed, 1 no agreement": counts in the order of `names`, zero counts left out.
std::string counts(const std::vector<std::string>& names,
                   const std::map<std::string, std::size_t>& count_of, std::string_view prefix) {
  std::string text;
  for (const std::string& name : names) {
    const auto found = count_of.find(name);
    if (found == count_of.end() || found->second == 0) {
      continue;
    }
    std::string shown = name.substr(name.rfind(prefix, 0) == 0 ? prefix.size() : 0);
    std::replace(shown.begin(), shown.end(), '_', ' ');
    text += fmt::format("{}{} {}", text.empty() ? "" : ", ", found->second, shown);
  }
  return text;
}

// The known values first, in the order given, then any others in order of first appearance.
std::vector<std::string> in_order(std::vector<std::string> known,
                                  const std::vector<std::string>& seen) {
  for (const std::string& value : seen) {
    if (std::find(known.begin(), known.end(), value) == known.end()) {
      known.push_back(value);
    }
  }
  return known;
}

std::string or_dash(const std::string& text) {
  return text.empty() ? "-" : text;
}

std::string deals_section(const std::vector<DealRow>& deals) {
  if (deals.empty()) {
    return "deals           none\n";
  }
  std::vector<std::string> known;
  for (auto status = DealStatus::active; status <= DealStatus::renegotiated;
       status = static_cast<DealStatus>(static_cast<int>(status) + 1)) {
    known.emplace_back(to_string(status));
  }
  std::vector<std::string> seen;
  std::map<std::string, std::size_t> count_of;
  std::vector<std::vector<std::string>> rows = {{"negotiation", "demander → partner", "terms",
                                                 "signed", "ends", "status", "EUR M/month",
                                                 "paid EUR M"}};
  for (const DealRow& deal : deals) {
    seen.push_back(deal.status);
    ++count_of[deal.status];
    rows.push_back({or_dash(deal.negotiation),
                    fmt::format("{} → {}", or_dash(deal.demander), or_dash(deal.partner)),
                    or_dash(deal.terms), or_dash(deal.signed_date), or_dash(deal.end_date),
                    or_dash(deal.status), grouped(deal.payment_per_month / 1e6, 1),
                    grouped(deal.paid / 1e6, 1)});
  }
  return fmt::format("deals           {} ({})\n", deals.size(),
                     counts(in_order(known, seen), count_of, "")) +
         columns(rows, {false, false, false, false, false, false, true, true});
}

bool contains(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

std::string log_section(const std::vector<NegotiationRow>& log) {
  // NegotiationAction's vocabulary by kind: threat_* are threats, deal_* the ends of deals.
  std::vector<std::string> offers;
  std::vector<std::string> threats;
  std::vector<std::string> ends;
  for (auto action = NegotiationAction::proposed; action <= NegotiationAction::table_opened;
       action = static_cast<NegotiationAction>(static_cast<int>(action) + 1)) {
    const std::string name(to_string(action));
    (name.rfind("threat_", 0) == 0 ? threats
     : name.rfind("deal_", 0) == 0 ? ends
                                   : offers)
        .push_back(name);
  }
  std::vector<std::string> others;  // actions this build does not know, as they come
  std::map<std::string, std::size_t> count_of;
  for (const NegotiationRow& entry : log) {
    if (++count_of[entry.action] == 1 && !contains(offers, entry.action) &&
        !contains(threats, entry.action) && !contains(ends, entry.action)) {
      others.push_back(entry.action);
    }
  }
  struct Kind {
    const char* label;
    const std::vector<std::string>& actions;
    std::string_view prefix;
  };
  std::string text =
      fmt::format("negotiation log {} entr{}\n", log.size(), log.size() == 1 ? "y" : "ies");
  for (const Kind& kind : {Kind{"offers", offers, ""}, Kind{"threats", threats, "threat_"},
                           Kind{"deal ends", ends, "deal_"}, Kind{"other", others, ""}}) {
    const std::string listed = counts(kind.actions, count_of, kind.prefix);
    if (!listed.empty()) {
      text += fmt::format("  {}: {}\n", kind.label, listed);
    }
  }
  return text;
}

}  // namespace

RunFigures::RunFigures(const RunRecord& record) {
  for (const RecordGroup& group : record.groups) {
    add_extents(group);
    for (const Variable& variable : group.variables) {
      Sums sums{group.name, variable.name, 0, 0, 0};
      sums.total = std::accumulate(variable.data.begin(), variable.data.end(), 0.0);
      // As if its first dimension were time: the last row (only states' are asked for).
      if (group.coordinates.size() >= 2) {
        sums.slice = group.coordinates[1].size();
        if (variable.data.size() >= sums.slice) {
          sums.last = std::accumulate(variable.data.end() - static_cast<std::ptrdiff_t>(sums.slice),
                                      variable.data.end(), 0.0);
        }
      }
      sums_.push_back(std::move(sums));
    }
  }
  text_attributes_ = record.text_attributes;
  number_attributes_ = record.number_attributes;
  events_ = record.events.size();
}

void RunFigures::begin(const RecordLayout& layout) {
  for (const RecordGroup& group : layout.groups) {
    add_extents(group);
    for (const Variable& variable : group.variables) {
      sums_.push_back(
          Sums{group.name, variable.name, RecordLayout::slice_size(group, variable), 0, 0});
    }
  }
}

void RunFigures::write_tick(std::size_t /*tick*/, std::span<const double> values) {
  std::size_t offset = 0;
  for (Sums& sums : sums_) {
    const auto first = values.begin() + static_cast<std::ptrdiff_t>(offset);
    const auto last = first + static_cast<std::ptrdiff_t>(sums.slice);
    // One value at a time onto the running total: the order of std::accumulate over the record.
    for (auto value = first; value != last; ++value) {
      sums.total += *value;
    }
    sums.last = std::accumulate(first, last, 0.0);
    offset += sums.slice;
  }
}

void RunFigures::end_series(RecordTables tables) {
  events_ = tables.events.size();
}

void RunFigures::finish(RecordDescription description) {
  text_attributes_ = std::move(description.text_attributes);
  number_attributes_ = std::move(description.number_attributes);
}

double RunFigures::total(const std::string& group, const std::string& name) const {
  for (const Sums& sums : sums_) {
    if (sums.group == group && sums.name == name) {
      return sums.total;
    }
  }
  return std::numeric_limits<double>::quiet_NaN();
}

double RunFigures::final_total(const std::string& name) const {
  for (const Sums& sums : sums_) {
    if (sums.group == "states" && sums.name == name) {
      return sums.last;
    }
  }
  return std::numeric_limits<double>::quiet_NaN();
}

// Extents, not coordinates: a long run's time coordinate is not copied once more.
void RunFigures::add_extents(const RecordGroup& group) {
  for (const Coordinate& coordinate : group.coordinates) {
    extents_.emplace_back(group.name + "/" + coordinate.name, coordinate.size());
  }
}

std::size_t RunFigures::extent(const std::string& group, const std::string& dimension) const {
  const std::string key = group + "/" + dimension;
  for (const auto& [name, size] : extents_) {
    if (name == key) {
      return size;
    }
  }
  return 0;
}

std::string RunFigures::text_attribute(const std::string& name) const {
  for (const auto& [key, value] : text_attributes_) {
    if (key == name) {
      return value;
    }
  }
  return "?";
}

std::size_t RunFigures::ticks_simulated() const {
  for (const auto& [key, value] : number_attributes_) {
    if (key == "ticks" && value >= 0 && value == std::floor(value)) {
      return static_cast<std::size_t>(value);
    }
  }
  return extent("states", "time");
}

std::string text_attribute(const RunRecord& record, const std::string& name) {
  for (const auto& [key, value] : record.text_attributes) {
    if (key == name) {
      return value;
    }
  }
  return "?";
}

std::string summarise(const RunRecord& record) {
  return summarise(RunFigures(record));
}

HeadlineFigures headline_figures(const RunFigures& figures) {
  const double departures = figures.total("corridors", "departures");
  const double deaths = figures.total("corridors", "deaths");
  HeadlineFigures headline;
  headline.totals = {
      {"emigrated", figures.total("states", "emigrations")},
      {"departures", departures},
      {"intercepted", figures.total("corridors", "exit_interceptions") +
                          figures.total("corridors", "entry_interceptions")},
      {"arrivals", figures.total("corridors", "arrivals")},
      {"dead_or_missing", deaths},
      {"deaths_per_1000_departures", departures > 0 ? 1000.0 * deaths / departures : 0.0},
      {"returned", figures.total("states", "returns")},
      {"legal_pathways", figures.total("states", "legal_arrivals")},
      {"transfers_paid", figures.total("transfers", "paid")},
  };
  headline.at_end = {{"protected", figures.final_total("protected")},
                     {"hosted", figures.final_total("hosted")}};
  return headline;
}

std::string summarise(const RunFigures& figures) {
  std::string text;
  text += fmt::format("scenario        {}\n", figures.text_attribute("scenario_name"));
  // An aggregated file ([outputs] interval) writes fewer time steps than the ticks simulated.
  const std::size_t ticks = figures.ticks_simulated();
  const std::size_t intervals = figures.extent("states", "time");
  text += fmt::format(
      "period          {} .. {} ({} ticks of one {}{})\n", figures.text_attribute("start_date"),
      figures.text_attribute("end_date"), ticks, figures.text_attribute("tick_length"),
      intervals == ticks ? "" : fmt::format(", written as {} intervals", intervals));
  text += fmt::format("world           {} states, {} corridors, {} nationalities, {} pathways\n",
                      figures.extent("states", "state"), figures.extent("corridors", "corridor"),
                      figures.extent("nationalities", "nationality"),
                      figures.extent("pathways", "pathway"));
  text += fmt::format("mode, seed      {}, seed {} run {}\n", figures.text_attribute("mode"),
                      figures.text_attribute("seed"), figures.text_attribute("run"));
  const HeadlineFigures headline = headline_figures(figures);
  auto value = [&](const std::string& name) {
    for (const auto& list : {&headline.totals, &headline.at_end}) {
      for (const auto& [key, number] : *list) {
        if (key == name) {
          return number;
        }
      }
    }
    return std::numeric_limits<double>::quiet_NaN();
  };
  auto line = [&](std::string_view label, double number) {
    text += fmt::format("  {:<20}{}\n", label, people(number));
  };
  text += "totals over the run (people)\n";
  line("emigrated", value("emigrated"));
  line("departures", value("departures"));
  line("intercepted", value("intercepted"));
  line("arrivals", value("arrivals"));
  line("dead or missing", value("dead_or_missing"));
  text += fmt::format("  {:<20}{:>13.2f}\n", "  per 1000 departures",
                      value("deaths_per_1000_departures"));
  line("returned", value("returned"));
  line("legal pathways", value("legal_pathways"));
  text += "at the end (people)\n";
  line("protected", value("protected"));
  line("hosted", value("hosted"));
  text += fmt::format("transfers paid  EUR {}\n", people(value("transfers_paid")));
  text += fmt::format("events applied  {}\n", figures.event_count());
  return text;
}

std::string summarise_diplomacy(const RunRecord& record) {
  if (record.deals.empty() && record.negotiation_log.empty()) {
    return "";
  }
  return deals_section(record.deals) + log_section(record.negotiation_log);
}

}  // namespace migdip::cli
