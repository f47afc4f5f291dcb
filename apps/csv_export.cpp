#include "csv_export.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <string_view>

#include "csv_file.h"
#include "migdip/core/calendar.h"
#include "migdip/core/error.h"
#include "migdip/core/quote.h"
#include "migdip/sweep/formula_names.h"

namespace migdip::cli {

namespace {

constexpr std::string_view kDaysSince = "days since ";

// The day a CF time coordinate ("days since YYYY-MM-DD ...") counts from, if it is one.
std::optional<std::chrono::sys_days> time_origin(const std::string& units) {
  if (units.rfind(kDaysSince, 0) != 0 || units.size() < kDaysSince.size() + 10) {
    return std::nullopt;
  }
  return parse_date(std::string_view(units).substr(kDaysSince.size(), 10));
}

// One coordinate's values as CSV cells: labels as text, CF times of whole days as ISO dates
// (YYYY-MM-DD), other numbers as numbers.
std::vector<std::string> coordinate_cells(const std::vector<std::string>& labels,
                                          const std::vector<double>& values,
                                          const std::string& units) {
  std::vector<std::string> cells;
  if (!labels.empty()) {
    for (const std::string& label : labels) {
      cells.push_back(csv_text(label));
    }
    return cells;
  }
  const std::optional<std::chrono::sys_days> origin = time_origin(units);
  for (const double value : values) {
    if (origin && std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e7) {
      cells.push_back(format_date(*origin + std::chrono::days{static_cast<std::int64_t>(value)}));
    } else {
      cells.push_back(csv_number(value));
    }
  }
  return cells;
}

// The columns that say where a row is along one dimension: the dimension's coordinate, then the
// auxiliary coordinates along it, in the file's order. Each element's cells are joined once.
struct AxisColumns {
  std::vector<std::string> names;
  std::vector<std::string> joined;  ///< per element: its cells, comma-separated
  std::size_t size() const { return joined.size(); }
};

AxisColumns axis_columns(const Coordinate& coordinate,
                         const std::vector<AuxiliaryCoordinate>& auxiliaries,
                         const std::string& where) {
  AxisColumns axis;
  axis.names.push_back(coordinate.name);
  axis.joined = coordinate_cells(coordinate.labels, coordinate.values, coordinate.units);
  for (const AuxiliaryCoordinate& auxiliary : auxiliaries) {
    if (auxiliary.dimension != coordinate.name) {
      continue;
    }
    const std::vector<std::string> cells =
        coordinate_cells(auxiliary.labels, auxiliary.values, auxiliary.units);
    if (cells.size() != axis.size()) {
      throw InputError(
          {where, 0, "", ""},
          fmt::format("malformed: auxiliary coordinate {} has {} values along {} of {}",
                      quote(auxiliary.name), cells.size(), quote(coordinate.name), axis.size()));
    }
    axis.names.push_back(auxiliary.name);
    for (std::size_t i = 0; i < cells.size(); ++i) {
      axis.joined[i] += "," + cells[i];
    }
  }
  return axis;
}

// Rows in C order over the axes: calls row(i, prefix) for the i-th combination, where prefix
// holds the axes' cells joined.
template <typename Row>
void for_each_combination(const std::vector<AxisColumns>& axes, const Row& row) {
  std::size_t count = 1;
  for (const AxisColumns& axis : axes) {
    count *= axis.size();
  }
  std::vector<std::size_t> index(axes.size(), 0);
  std::string prefix;
  for (std::size_t i = 0; i < count; ++i) {
    prefix.clear();
    for (std::size_t a = 0; a < axes.size(); ++a) {
      if (a > 0) {
        prefix += ',';
      }
      prefix += axes[a].joined[index[a]];
    }
    row(i, prefix);
    for (std::size_t a = axes.size(); a-- > 0;) {
      if (++index[a] < axes[a].size()) {
        break;
      }
      index[a] = 0;
    }
  }
}

class Exporter {
 public:
  Exporter(const OutputDirectory& directory, const StopCheck& stop)
      : directory_(directory), stop_(stop) {}

  CsvFile open(const std::string& name) {
    return CsvFile(directory_.file(name), directory_.shown(name), stop_);
  }
  void done(const std::string& name, CsvFile& file) {
    file.close();
    written_.push_back({name, file.rows()});
    if (stop_) {
      stop_();
    }
  }
  std::vector<ExportedFile> written() { return std::move(written_); }

 private:
  const OutputDirectory& directory_;
  const StopCheck& stop_;
  std::vector<ExportedFile> written_;
};

// The variables of a group that share one tuple of dimensions go to one file.
struct DimensionSet {
  std::vector<std::string> dimensions;
  std::vector<const Variable*> variables;
  std::string file;
};

std::string joined(const std::vector<std::string>& names, std::string_view separator) {
  return fmt::format("{}", fmt::join(names, separator));
}

// GROUP.csv for the set with the fewest dimensions (the first such met); GROUP_by_EXTRA.csv for
// another, where EXTRA are its dimensions not in that one (corridors_by_nationality,
// nationalities_by_status); GROUP_over_DIMENSIONS.csv when that is empty or taken.
std::vector<DimensionSet> dimension_sets(const RecordGroup& group) {
  std::vector<DimensionSet> sets;
  for (const Variable& variable : group.variables) {
    auto found = std::find_if(sets.begin(), sets.end(), [&](const DimensionSet& set) {
      return set.dimensions == variable.dimensions;
    });
    if (found == sets.end()) {
      sets.push_back({variable.dimensions, {}, {}});
      found = sets.end() - 1;
    }
    found->variables.push_back(&variable);
  }
  if (sets.empty()) {
    return sets;
  }
  const auto base = std::min_element(sets.begin(), sets.end(), [](const auto& a, const auto& b) {
    return a.dimensions.size() < b.dimensions.size();
  });
  base->file = group.name + ".csv";
  std::vector<std::string> taken = {base->file};
  for (DimensionSet& set : sets) {
    if (&set == &*base) {
      continue;
    }
    std::vector<std::string> extra;
    for (const std::string& dimension : set.dimensions) {
      if (std::find(base->dimensions.begin(), base->dimensions.end(), dimension) ==
          base->dimensions.end()) {
        extra.push_back(dimension);
      }
    }
    set.file = group.name + "_by_" + joined(extra, "_") + ".csv";
    if (extra.empty() || std::find(taken.begin(), taken.end(), set.file) != taken.end()) {
      set.file = group.name + "_over_" + joined(set.dimensions, "_") + ".csv";
    }
    taken.push_back(set.file);
  }
  return sets;
}

void export_group(const RecordGroup& group, const std::string& where, Exporter& exporter) {
  for (const DimensionSet& set : dimension_sets(group)) {
    std::vector<AxisColumns> axes;
    std::vector<std::string> header;
    std::size_t count = 1;
    for (const std::string& dimension : set.dimensions) {
      const auto coordinate =
          std::find_if(group.coordinates.begin(), group.coordinates.end(),
                       [&](const Coordinate& candidate) { return candidate.name == dimension; });
      if (coordinate == group.coordinates.end()) {
        throw InputError({where, 0, "", ""},
                         fmt::format("malformed: dimension {} of group {} has no coordinate",
                                     quote(dimension), quote(group.name)));
      }
      axes.push_back(axis_columns(*coordinate, group.auxiliary, where));
      header.insert(header.end(), axes.back().names.begin(), axes.back().names.end());
      count *= axes.back().size();
    }
    for (const Variable* variable : set.variables) {
      if (variable->data.size() != count) {
        throw InputError({where, 0, "", ""},
                         fmt::format("malformed: {}/{} holds {} values, its coordinates {}",
                                     group.name, variable->name, variable->data.size(), count));
      }
      header.push_back(variable->name);
    }
    CsvFile file = exporter.open(set.file);
    file.header(header);
    for_each_combination(axes, [&](std::size_t row, const std::string& prefix) {
      if (!prefix.empty()) {
        file.cell(prefix);
      }
      for (const Variable* variable : set.variables) {
        file.number(variable->data[row]);
      }
      file.end_row();
    });
    exporter.done(set.file, file);
  }
}

void export_tables(const RunRecord& record, Exporter& exporter) {
  {
    CsvFile file = exporter.open("events.csv");
    const std::vector<std::string> header = {"tick",   "date",      "event", "type",
                                             "target", "parameter", "value"};
    file.header(header);
    for (const EventRow& row : record.events) {
      file.integer(row.tick);
      file.text(row.date);
      file.text(row.event);
      file.text(row.type);
      file.text(row.target);
      file.text(row.parameter);
      file.number(row.value);
      file.end_row();
    }
    exporter.done("events.csv", file);
  }
  {
    CsvFile file = exporter.open("deals.csv");
    const std::vector<std::string> header = {
        "deal",        "negotiation",    "demander",          "partner",
        "terms",       "conditionality", "payment_per_month", "signed_tick",
        "signed_date", "end_tick",       "end_date",          "status",
        "paid",        "compliance",     "demander_gain",     "partner_gain"};
    file.header(header);
    for (const DealRow& row : record.deals) {
      file.integer(row.deal);
      file.text(row.negotiation);
      file.text(row.demander);
      file.text(row.partner);
      file.text(row.terms);
      file.text(row.conditionality);
      file.number(row.payment_per_month);
      file.integer(row.signed_tick);
      file.text(row.signed_date);
      file.integer(row.end_tick);
      file.text(row.end_date);
      file.text(row.status);
      file.number(row.paid);
      file.number(row.compliance);
      file.number(row.demander_gain);
      file.number(row.partner_gain);
      file.end_row();
    }
    exporter.done("deals.csv", file);
  }
  {
    CsvFile file = exporter.open("negotiation_log.csv");
    const std::vector<std::string> header = {"tick",   "date",  "negotiation", "deal",
                                             "action", "actor", "instrument",  "value"};
    file.header(header);
    for (const NegotiationRow& row : record.negotiation_log) {
      file.integer(row.tick);
      file.text(row.date);
      file.text(row.negotiation);
      file.integer(row.deal);
      file.text(row.action);
      file.text(row.actor);
      file.text(row.instrument);
      file.number(row.value);
      file.end_row();
    }
    exporter.done("negotiation_log.csv", file);
  }
}

const std::vector<std::string> kAttributeHeader = {"name", "value"};

}  // namespace

std::vector<ExportedFile> export_results_csv(const RunRecord& record, const std::string& file,
                                             const OutputDirectory& directory,
                                             const StopCheck& stop) {
  Exporter exporter(directory, stop);
  for (const RecordGroup& group : record.groups) {
    export_group(group, file, exporter);
  }
  export_tables(record, exporter);
  CsvFile attributes = exporter.open("attributes.csv");
  attributes.header(kAttributeHeader);
  for (const auto& [name, value] : record.text_attributes) {
    attributes.text(name);
    attributes.text(value);
    attributes.end_row();
  }
  for (const auto& [name, value] : record.number_attributes) {
    attributes.text(name);
    attributes.number(value);
    attributes.end_row();
  }
  exporter.done("attributes.csv", attributes);
  return exporter.written();
}

std::vector<ExportedFile> export_sweep_csv(const SweepContents& sweep,
                                           const OutputDirectory& directory,
                                           const StopCheck& stop) {
  const SweepHeader& header = sweep.header;
  const std::size_t points = header.points;
  const std::size_t replicates = header.replicates;
  const std::size_t parameters = header.parameters.size();
  const std::size_t metrics = sweep.metric_names.size();
  auto run_index = [&](std::size_t point, std::size_t replicate) {
    return (header.first_point + point) * header.replicates + replicate;
  };
  Exporter exporter(directory, stop);

  CsvFile runs = exporter.open("runs.csv");
  std::vector<std::string> names = {"run", "point", "replicate", "seed"};
  names.insert(names.end(), header.parameters.begin(), header.parameters.end());
  // Each parameter again under a name formulas accept (R, Stata, statsmodels), as Sweep.runs
  // has it: unique among every column of the table.
  std::vector<std::string> taken = names;
  taken.insert(taken.end(), sweep.metric_names.begin(), sweep.metric_names.end());
  const std::vector<std::string> formula_columns = formula_names(header.parameters, taken);
  names.insert(names.end(), formula_columns.begin(), formula_columns.end());
  names.insert(names.end(), sweep.metric_names.begin(), sweep.metric_names.end());
  runs.header(names);
  for (std::size_t point = 0; point < points; ++point) {
    for (std::size_t replicate = 0; replicate < replicates; ++replicate) {
      const std::size_t run = point * replicates + replicate;
      if (sweep.done[run] == 0) {
        continue;
      }
      runs.unsigned_integer(run_index(point, replicate));
      runs.unsigned_integer(header.first_point + point);
      runs.unsigned_integer(replicate);
      runs.unsigned_integer(header.seeds[run]);
      for (int copy = 0; copy < 2; ++copy) {  // under the dotted keys, then the formula names
        for (std::size_t p = 0; p < parameters; ++p) {
          const double value = header.values[point * parameters + p];
          // A word (a choice, a date) has no number: its text, exactly as given to the scenario.
          if (std::isnan(value)) {
            runs.text(header.value_texts[point * parameters + p]);
          } else {
            runs.number(value);
          }
        }
      }
      for (std::size_t m = 0; m < metrics; ++m) {
        runs.number(sweep.metrics[run * metrics + m]);
      }
      runs.end_row();
    }
  }
  exporter.done("runs.csv", runs);

  for (std::size_t s = 0; s < header.series.size(); ++s) {
    const SweepSeries& series = header.series[s];
    const std::string name = fmt::format("series.{}.{}.csv", series.group, series.variable);
    std::vector<AxisColumns> axes;
    std::vector<std::string> columns = {"run", "point", "replicate"};
    for (const Coordinate& axis : series.axes) {
      axes.push_back(axis_columns(axis, series.auxiliary, directory.shown(name)));
      columns.insert(columns.end(), axes.back().names.begin(), axes.back().names.end());
    }
    columns.push_back(series.variable);
    const std::size_t elements = series.elements();
    CsvFile file = exporter.open(name);
    file.header(columns);
    const std::vector<double>& values = sweep.series[s];
    for (std::size_t point = 0; point < points; ++point) {
      for (std::size_t replicate = 0; replicate < replicates; ++replicate) {
        const std::size_t run = point * replicates + replicate;
        if (sweep.done[run] == 0) {
          continue;
        }
        const std::string run_cells = fmt::format("{},{},{}", run_index(point, replicate),
                                                  header.first_point + point, replicate);
        for_each_combination(axes, [&](std::size_t element, const std::string& prefix) {
          file.cell(run_cells);
          if (!prefix.empty()) {
            file.cell(prefix);
          }
          file.number(values[run * elements + element]);
          file.end_row();
        });
      }
    }
    exporter.done(name, file);
  }

  CsvFile attributes = exporter.open("attributes.csv");
  attributes.header(kAttributeHeader);
  for (const HeaderField<SweepHeader>& field : sweep_header_fields()) {
    if (field.storage == FieldStorage::kTextDataset) {
      continue;  // the scenario and plan texts: in the sweep file
    }
    attributes.text(field.name);
    std::visit(
        [&](const auto& value) {
          using Value = std::decay_t<decltype(value)>;
          if constexpr (std::is_same_v<Value, std::string>) {
            attributes.text(value);
          } else {
            attributes.number(value);
          }
        },
        stored_value(field, header));
    attributes.end_row();
  }
  attributes.text("complete");
  attributes.number(sweep.complete ? 1 : 0);
  attributes.end_row();
  exporter.done("attributes.csv", attributes);
  return exporter.written();
}

}  // namespace migdip::cli
