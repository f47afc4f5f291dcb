#include "io_hdf5/table_group.h"

#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <regex>
#include <type_traits>

#include <fmt/format.h>

#include "io_hdf5/results_layout.h"
#include "migdip/core/calendar.h"

namespace migdip::hdf5 {

namespace {

namespace layout = results_layout;

std::size_t size_of(const ColumnValues& values) {
  return std::visit([](const auto& vector) { return vector.size(); }, values);
}

/// Days from `times.reference` to each date; NaN for "".
std::vector<double> days_of(const char* table, const Column& column,
                            const std::vector<std::string>& dates, const TableTimes& times) {
  std::vector<double> days;
  days.reserve(dates.size());
  for (const std::string& date : dates) {
    if (date.empty()) {
      days.push_back(std::numeric_limits<double>::quiet_NaN());
      continue;
    }
    const std::optional<std::chrono::sys_days> parsed = parse_date(date);
    if (!parsed) {
      throw Error(fmt::format("field '{}' of the {} table holds '{}', not a date (YYYY-MM-DD)",
                              column.name, table, date));
    }
    days.push_back(static_cast<double>((*parsed - times.reference).count()));
  }
  return days;
}

void describe(const H5::DataSet& dataset, const ColumnMeaning& meaning, const std::string& units) {
  if (*meaning.long_name != '\0') {
    write_new_char_attribute(dataset, layout::kLongName, meaning.long_name);
  }
  if (!units.empty()) {
    write_new_char_attribute(dataset, layout::kUnits, units);
  }
}

}  // namespace

TableTimes table_times(std::chrono::sys_days reference) {
  return {reference, "days since " + format_date(reference) + " 00:00:00"};
}

std::optional<TableTimes> table_times_of(const std::string& units) {
  static const std::regex days_since(R"(days since (\d{4}-\d{2}-\d{2})(?: 00:00:00)?)");
  std::smatch match;
  if (!std::regex_match(units, match, days_since)) {
    return std::nullopt;
  }
  const std::optional<std::chrono::sys_days> reference = parse_date(match[1].str());
  if (!reference) {
    return std::nullopt;
  }
  return table_times(*reference);
}

void write_table_group(const H5::Group& parent, const char* name, const char* description,
                       const std::vector<Column>& columns, const TableTimes& times) {
  const std::size_t count = columns.empty() ? 0 : size_of(columns.front().values);
  for (const Column& column : columns) {
    if (size_of(column.values) != count) {
      throw Error(fmt::format("field '{}' of the {} table has {} values for {} rows", column.name,
                              name, size_of(column.values), count));
    }
    if (column.meaning.date && !std::holds_alternative<std::vector<std::string>>(column.values)) {
      throw Error(fmt::format("date field '{}' of the {} table is not text", column.name, name));
    }
  }
  const H5::Group group = create_group(parent, name);
  write_text_attribute(group, layout::kDescription, description);

  std::vector<std::int32_t> row_numbers(count);
  std::iota(row_numbers.begin(), row_numbers.end(), 0);
  const H5::DataSet rows = write_integers(group, layout::kTableRow, row_numbers);
  make_dimension_scale(rows, layout::kTableRow);
  write_new_char_attribute(rows, layout::kLongName, "row number");

  ScaleReferences references;
  for (const Column& column : columns) {
    std::string units = column.meaning.units;
    const H5::DataSet variable = std::visit(
        [&](const auto& values) -> H5::DataSet {
          using Values = std::decay_t<decltype(values)>;
          if constexpr (std::is_same_v<Values, std::vector<std::string>>) {
            if (column.meaning.date) {
              units = times.units;
              return write_numbers(group, column.name, {count},
                                   days_of(name, column, values, times), false);
            }
            return write_texts(group, column.name, values);
          } else if constexpr (std::is_same_v<Values, std::vector<double>>) {
            return write_numbers(group, column.name, {count}, values, false);
          } else {
            return write_integers(group, column.name, values);
          }
        },
        column.values);
    references.attach(variable, {&rows});
    describe(variable, column.meaning, units);
  }
  references.write_reference_lists();
}

}  // namespace migdip::hdf5
