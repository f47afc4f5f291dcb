// The open tables (docs/results-format.md, "Open tables"): each table of a results file is also a
// netCDF-4 group of 1-D variables under /tables, holding the compound table's rows with its dates
// as CF times. tests/python/check_open_tables.py reads them with ncdump and xarray.

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "io_hdf5/hdf5_helpers.h"
#include "io_hdf5/results_file_writer.h"
#include "io_hdf5/temporary_path.h"
#include "migdip/core/error.h"
#include "migdip/io/results_file.h"

namespace migdip {
namespace {

using hdf5::TemporaryDirectory;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// A record with one group whose time counts days since `start` (none when empty), and rows in
/// every table.
RunRecord record_with_tables(const std::string& start) {
  RunRecord record;
  record.scenario_text = "[scenario]\n";
  record.resolved_scenario_text = "[scenario]\n";
  if (!start.empty()) {
    RecordGroup states;
    states.name = "states";
    states.coordinates.push_back(
        {"time", "start of the tick", "days since " + start + " 00:00:00", {0, 31}, {}});
    record.groups.push_back(states);
  }
  record.events = {{1, "2016-02-01", "closure", "set", "TUR", "exit_enforcement", 0.5}};
  record.deals = {
      {0, "eu_turkey", "EU", "TUR", "readmission+coast_guard", "positive", 2.5e8, 2, "2016-03-01",
       26, "2018-03-01", "active", 1.5e9, 0.375, 1.2e8, 4.5e7},
      {1, "ελλάδα–україна", "GRC", "UKR", "", "none", 0, 0, "", 0, "", "voided", 0, kNaN, -0.0, 0},
  };
  record.negotiation_log = {
      {1, "2016-02-01", "eu_turkey", -1, "proposed", "EU", "", 2.5e8},
      {2, "2016-03-01", "eu_turkey", 0, "accepted", "TUR", "", 2.5e8},
  };
  return record;
}

/// A fixed-length text attribute (netCDF's NC_CHAR), as CF tools want units.
std::string char_attribute(const H5::H5Object& object, const std::string& name) {
  const H5::Attribute attribute = object.openAttribute(name);
  EXPECT_EQ(attribute.getTypeClass(), H5T_STRING) << name;
  EXPECT_FALSE(attribute.getStrType().isVariableStr()) << name << " is not fixed-length";
  return hdf5::read_text_attribute(object, name).value_or("");
}

void expect_numbers(const std::vector<double>& expected, const std::vector<double>& actual,
                    const std::string& what) {
  ASSERT_EQ(expected.size(), actual.size()) << what;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_TRUE((std::isnan(expected[i]) && std::isnan(actual[i])) || expected[i] == actual[i])
        << what << "[" << i << "]: " << expected[i] << " != " << actual[i];
  }
}

TEST(OpenTables, EveryTableIsAGroupOfOneDimensionalVariablesAlongRow) {
  TemporaryDirectory directory;
  const std::string path = directory.file("run.h5");
  write_results_file(record_with_tables("2016-01-01"), path, false);

  hdf5::File file = hdf5::open_file(path, false);
  const H5::Group tables = hdf5::open_group(file, "tables");
  EXPECT_EQ(hdf5::member_names(tables),
            (std::vector<std::string>{"events", "deals", "negotiation_log"}));

  const H5::Group deals = hdf5::open_group(tables, "deals");
  EXPECT_NE(hdf5::read_text_attribute(deals, "description").value_or(""), "");
  EXPECT_EQ(hdf5::member_names(deals),
            (std::vector<std::string>{"row", "deal", "negotiation", "demander", "partner", "terms",
                                      "conditionality", "payment_per_month", "signed_tick",
                                      "signed_date", "end_tick", "end_date", "status", "paid",
                                      "compliance", "demander_gain", "partner_gain"}));
  const H5::DataSet row = hdf5::open_dataset(deals, "row");
  EXPECT_TRUE(hdf5::is_dimension_scale(row));
  expect_numbers({0, 1}, hdf5::read_numbers(row), "row");
  for (const std::string& name : hdf5::member_names(deals)) {
    const H5::DataSet variable = hdf5::open_dataset(deals, name);
    EXPECT_EQ(hdf5::dataset_shape(variable), std::vector<std::size_t>{2}) << name;
    if (name != "row") {
      EXPECT_EQ(hdf5::attached_scale_name(variable, 0), "row") << name;
      EXPECT_NE(char_attribute(variable, "long_name"), "") << name;
    }
  }
  // Int32, text and float64 as stored in the compound table.
  const H5::DataSet signed_tick = hdf5::open_dataset(deals, "signed_tick");
  EXPECT_EQ(signed_tick.getDataType(), H5::PredType::STD_I32LE);
  expect_numbers({2, 0}, hdf5::read_numbers(signed_tick), "signed_tick");
  EXPECT_EQ(hdf5::read_texts(hdf5::open_dataset(deals, "negotiation")),
            (std::vector<std::string>{"eu_turkey", "ελλάδα–україна"}));
  EXPECT_EQ(hdf5::dataset_kind(hdf5::open_dataset(deals, "status")), hdf5::ValueKind::kText);
  expect_numbers({0.375, kNaN}, hdf5::read_numbers(hdf5::open_dataset(deals, "compliance")),
                 "compliance");
  EXPECT_EQ(char_attribute(hdf5::open_dataset(deals, "paid"), "units"), "EUR");
  // Dates: days since the start of the run, in the time coordinate's units; NaN for none.
  const H5::DataSet signed_date = hdf5::open_dataset(deals, "signed_date");
  EXPECT_EQ(hdf5::dataset_kind(signed_date), hdf5::ValueKind::kNumber);
  expect_numbers({60, kNaN}, hdf5::read_numbers(signed_date), "signed_date");
  EXPECT_EQ(char_attribute(signed_date, "units"), "days since 2016-01-01 00:00:00");
  expect_numbers({790, kNaN}, hdf5::read_numbers(hdf5::open_dataset(deals, "end_date")),
                 "end_date");

  const H5::Group log = hdf5::open_group(tables, "negotiation_log");
  expect_numbers({31, 60}, hdf5::read_numbers(hdf5::open_dataset(log, "date")), "log date");
  EXPECT_EQ(hdf5::read_texts(hdf5::open_dataset(log, "action")),
            (std::vector<std::string>{"proposed", "accepted"}));
  const H5::Group events = hdf5::open_group(tables, "events");
  expect_numbers({31}, hdf5::read_numbers(hdf5::open_dataset(events, "date")), "event date");
  EXPECT_EQ(hdf5::read_texts(hdf5::open_dataset(events, "parameter")),
            std::vector<std::string>{"exit_enforcement"});
}

TEST(OpenTables, EmptyTablesAreGroupsOfZeroRows) {
  TemporaryDirectory directory;
  const std::string path = directory.file("run.h5");
  RunRecord record = record_with_tables("2016-01-01");
  record.events.clear();
  record.deals.clear();
  record.negotiation_log.clear();
  write_results_file(record, path, false);

  hdf5::File file = hdf5::open_file(path, false);
  for (const char* table : {"events", "deals", "negotiation_log"}) {
    SCOPED_TRACE(table);
    const H5::Group group = hdf5::open_group(hdf5::open_group(file, "tables"), table);
    EXPECT_TRUE(hdf5::is_dimension_scale(hdf5::open_dataset(group, "row")));
    EXPECT_GT(hdf5::member_names(group).size(), 5U);
    for (const std::string& name : hdf5::member_names(group)) {
      EXPECT_EQ(hdf5::dataset_shape(hdf5::open_dataset(group, name)), std::vector<std::size_t>{0})
          << name;
    }
  }
  const RunRecord read = read_results_file(path);
  EXPECT_TRUE(read.deals.empty());
}

TEST(OpenTables, WithoutTimeCoordinateDatesCountFrom1970) {
  TemporaryDirectory directory;
  const std::string path = directory.file("run.h5");
  write_results_file(record_with_tables(""), path, false);
  hdf5::File file = hdf5::open_file(path, false);
  const H5::DataSet date =
      hdf5::open_dataset(hdf5::open_group(hdf5::open_group(file, "tables"), "events"), "date");
  expect_numbers({16832}, hdf5::read_numbers(date), "date");  // 2016-02-01
  EXPECT_EQ(char_attribute(date, "units"), "days since 1970-01-01 00:00:00");
}

TEST(OpenTables, AreNotReadAsAGroupOfSeries) {
  TemporaryDirectory directory;
  const std::string path = directory.file("run.h5");
  write_results_file(record_with_tables("2016-01-01"), path, false);
  const RunRecord read = read_results_file(path);
  ASSERT_EQ(read.groups.size(), 1U);
  EXPECT_EQ(read.groups.front().name, "states");
  EXPECT_EQ(read.deals.size(), 2U);
  EXPECT_EQ(read.text_attributes.front(),
            (std::pair<std::string, std::string>{"format_version", "1.2"}));
}

TEST(OpenTables, ADateFieldHoldingSomethingElseIsTheRecordersBug) {
  TemporaryDirectory directory;
  RunRecord record = record_with_tables("2016-01-01");
  record.deals[0].end_date = "2018-02-30";
  try {
    write_results_file(record, directory.file("run.h5"), false);
    FAIL() << "no exception";
  } catch (const InternalError& error) {
    EXPECT_NE(std::string(error.what()).find("'2018-02-30', not a date"), std::string::npos)
        << error.what();
  }
  EXPECT_FALSE(std::filesystem::exists(directory.file("run.h5")));
}

TEST(OpenTables, TheirGroupNameIsReserved) {
  RecordGroup tables;
  tables.name = "tables";
  try {
    check_groups({tables}, true);
    FAIL() << "no exception";
  } catch (const InternalError& error) {
    EXPECT_NE(std::string(error.what()).find("'tables' is used twice"), std::string::npos)
        << error.what();
  }
}

}  // namespace
}  // namespace migdip
