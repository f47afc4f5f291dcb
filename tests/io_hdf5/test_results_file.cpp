// write_results_file and read_results_file: round trips, overwriting, atomicity, bad files.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "io_hdf5/compound_table.h"
#include "io_hdf5/hdf5_helpers.h"
#include "io_hdf5/record_tables.h"
#include "io_hdf5/temporary_path.h"
#include "migdip/core/error.h"
#include "migdip/io/results_file.h"

namespace migdip {
namespace {

namespace fs = std::filesystem;
using hdf5::TemporaryDirectory;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Two groups with numeric and label coordinates, auxiliary coordinates, 0-D to 3-D
/// variables, unicode everywhere text can go.
RunRecord sample_record() {
  RunRecord record;
  record.text_attributes = {
      {"model", "migdip"}, {"scenario_name", "Türkiye–EU statement"}, {"engine_version", "0.1.0"}};
  record.number_attributes = {{"seed", 42}, {"tick_days", 7}, {"start_jd", 2457023.5}};
  record.scenario_text = "[run]\nname = Türkiye–EU statement\n# Ελλάδα, Україна\n";
  record.resolved_scenario_text = "[run]\nname = Türkiye–EU statement\nseed = 42\n";

  RecordGroup national;
  national.name = "national";
  national.description = "One value per state and time step";
  national.coordinates.push_back(
      {"time", "start of the time step", "days since 2015-01-01", {0, 7, 14, 21}, {}});
  national.coordinates.push_back({"state", "state id", "", {}, {"TUR", "DEU", "GRC"}});
  national.auxiliary.push_back(
      {"state_name", "state", "state name", "", {}, {"Türkiye", "Deutschland", "Ελλάδα"}});
  national.auxiliary.push_back({"tick", "time", "tick number", "1", {0, 1, 2, 3}, {}});
  national.variables.push_back({"population",
                                {"time", "state"},
                                "resident population",
                                "person",
                                {85e6, 83e6, 10.4e6, 85.1e6, 83.1e6, 10.39e6, 85.2e6, 83.2e6,
                                 10.38e6, 85.3e6, 83.3e6, 10.37e6}});
  national.variables.push_back(
      {"treasury", {"state"}, "treasury balance", "EUR", {1.5e9, -2.25e8, kNaN}});
  national.variables.push_back({"total_budget", {}, "budget of all states", "EUR", {3.25e9}});

  RecordGroup corridors;
  corridors.name = "corridors";
  corridors.description = "Flows along corridors by pathway";
  corridors.coordinates.push_back(
      {"time", "start of the time step", "days since 2015-01-01", {0, 7, 14, 21}, {}});
  corridors.coordinates.push_back({"corridor", "corridor id", "", {}, {"TUR-GRC", "GRC-DEU"}});
  corridors.coordinates.push_back(
      {"pathway", "pathway", "", {}, {"regular", "irregular", "asylum"}});
  corridors.auxiliary.push_back({"origin", "corridor", "origin state", "", {}, {"TUR", "GRC"}});
  corridors.auxiliary.push_back(
      {"destination", "corridor", "destination state", "", {}, {"GRC", "DEU"}});
  Variable flow{"flow", {"time", "corridor", "pathway"}, "people moving", "person day-1", {}};
  for (int i = 0; i < 4 * 2 * 3; ++i) {
    flow.data.push_back(0.25 * i - 1.0);
  }
  flow.data[5] = std::numeric_limits<double>::infinity();
  corridors.variables.push_back(flow);
  corridors.variables.push_back(
      {"distance", {"corridor"}, "travel distance", "km", {550.0, 2100.5}});

  record.groups = {national, corridors};
  record.events = {
      {0, "2015-01-01", "statement", "fund", "Türkiye", "", 3e9},
      {3, "2015-01-22", "closure", "set", "corridor TUR-GRC", "border_control", 0.9},
      {3, "2015-01-22", "ελληνικά", "facilitate", "Україна → Polska", "", 0.5},
  };
  record.deals = {
      {0, "eu-türkiye", "EU", "TUR", "readmission+coast_guard", "positive", 2.5e8, 2, "2015-01-15",
       26, "2015-07-02", "breached", 1.5e9, 0.375, 1.2e8, 4.5e7},
      {1, "", "", "GRC", "", "", 0, 0, "", 0, "", "active", 0, 0, -0.0, kNaN},
      {2, "ελλάδα–україна", "GRC", "UKR", "hosting", "none", 1e6, 3, "2015-01-22", 3, "2015-01-22",
       "renegotiated", -0.5, 1, 0, 0},
  };
  record.negotiation_log = {
      {1, "2015-01-08", "eu-türkiye", -1, "proposed", "EU", "", 2.5e8},
      {2, "2015-01-15", "eu-türkiye", 0, "accepted", "TUR", "", 2.5e8},
      {2, "2015-01-15", "eu-türkiye", -1, "threat_announced", "TUR", "open_the_gates 🚪", 0.75},
      {3, "", "", -1, "", "", "", kNaN},
  };
  return record;
}

/// What reading gives back for `record`: the file's format version comes first among the text
/// attributes.
RunRecord with_version(RunRecord record) {
  record.text_attributes.insert(record.text_attributes.begin(),
                                {"format_version", kResultsFormatVersion});
  return record;
}

bool same_number(double a, double b) {
  return (std::isnan(a) && std::isnan(b)) || a == b;
}

void expect_same_numbers(const std::vector<double>& expected, const std::vector<double>& actual,
                         const std::string& what) {
  ASSERT_EQ(expected.size(), actual.size()) << what;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_TRUE(same_number(expected[i], actual[i]))
        << what << "[" << i << "]: " << expected[i] << " != " << actual[i];
  }
}

/// Rows compared member by member, through the layout that stores them (whose field list
/// tests/python/test_reader.py checks against the documented one).
template <typename Row>
void expect_same_rows(const hdf5::RowLayout<Row>& layout, const std::vector<Row>& expected,
                      const std::vector<Row>& actual) {
  SCOPED_TRACE(layout.table());
  ASSERT_EQ(expected.size(), actual.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    for (const auto& field : layout.fields()) {
      std::visit(
          [&](auto member) {
            const auto& want = expected[i].*member;
            const auto& got = actual[i].*member;
            if constexpr (std::is_same_v<std::decay_t<decltype(want)>, double>) {
              EXPECT_TRUE(same_number(want, got))
                  << "row " << i << " " << field.name << ": " << want << " != " << got;
            } else {
              EXPECT_EQ(want, got) << "row " << i << " " << field.name;
            }
          },
          field.member);
    }
  }
}

void expect_same(const RunRecord& expected, const RunRecord& actual) {
  EXPECT_EQ(expected.text_attributes, actual.text_attributes);
  EXPECT_EQ(expected.number_attributes, actual.number_attributes);
  EXPECT_EQ(expected.scenario_text, actual.scenario_text);
  EXPECT_EQ(expected.resolved_scenario_text, actual.resolved_scenario_text);
  ASSERT_EQ(expected.groups.size(), actual.groups.size());
  for (std::size_t g = 0; g < expected.groups.size(); ++g) {
    const RecordGroup& want = expected.groups[g];
    const RecordGroup& got = actual.groups[g];
    SCOPED_TRACE("group " + want.name);
    EXPECT_EQ(want.name, got.name);
    EXPECT_EQ(want.description, got.description);
    ASSERT_EQ(want.coordinates.size(), got.coordinates.size());
    for (std::size_t i = 0; i < want.coordinates.size(); ++i) {
      EXPECT_EQ(want.coordinates[i].name, got.coordinates[i].name);
      EXPECT_EQ(want.coordinates[i].long_name, got.coordinates[i].long_name);
      EXPECT_EQ(want.coordinates[i].units, got.coordinates[i].units);
      EXPECT_EQ(want.coordinates[i].labels, got.coordinates[i].labels);
      expect_same_numbers(want.coordinates[i].values, got.coordinates[i].values,
                          want.coordinates[i].name);
    }
    ASSERT_EQ(want.auxiliary.size(), got.auxiliary.size());
    for (std::size_t i = 0; i < want.auxiliary.size(); ++i) {
      EXPECT_EQ(want.auxiliary[i].name, got.auxiliary[i].name);
      EXPECT_EQ(want.auxiliary[i].dimension, got.auxiliary[i].dimension);
      EXPECT_EQ(want.auxiliary[i].long_name, got.auxiliary[i].long_name);
      EXPECT_EQ(want.auxiliary[i].units, got.auxiliary[i].units);
      EXPECT_EQ(want.auxiliary[i].labels, got.auxiliary[i].labels);
      expect_same_numbers(want.auxiliary[i].values, got.auxiliary[i].values,
                          want.auxiliary[i].name);
    }
    ASSERT_EQ(want.variables.size(), got.variables.size());
    for (std::size_t i = 0; i < want.variables.size(); ++i) {
      EXPECT_EQ(want.variables[i].name, got.variables[i].name);
      EXPECT_EQ(want.variables[i].dimensions, got.variables[i].dimensions);
      EXPECT_EQ(want.variables[i].long_name, got.variables[i].long_name);
      EXPECT_EQ(want.variables[i].units, got.variables[i].units);
      expect_same_numbers(want.variables[i].data, got.variables[i].data, want.variables[i].name);
    }
  }
  expect_same_rows(hdf5::events_table(), expected.events, actual.events);
  expect_same_rows(hdf5::deals_table(), expected.deals, actual.deals);
  expect_same_rows(hdf5::negotiation_log_table(), expected.negotiation_log, actual.negotiation_log);
}

template <typename Exception, typename Action>
std::string message_of(Action action) {
  try {
    action();
  } catch (const Exception& error) {
    return error.what();
  }
  ADD_FAILURE() << "no exception thrown";
  return "";
}

/// 'name', built without `"'" + name`, on which GCC 12 gives a false -Wrestrict warning.
std::string quoted(const std::string& name) {
  std::string text = "'";
  text += name;
  text += '\'';
  return text;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(ResultsFile, RoundTripKeepsEverything) {
  TemporaryDirectory directory;
  const std::string path = directory.file("run.h5");
  const RunRecord record = sample_record();
  write_results_file(record, path, false);
  expect_same(with_version(record), read_results_file(path));

  // Leaves a sample for developing tests/python/check_results.py against.
  if (const char* sample = std::getenv("MIGDIP_RESULTS_SAMPLE")) {
    fs::copy_file(path, sample, fs::copy_options::overwrite_existing);
  }
}

TEST(ResultsFile, StoresFormatVersionAndCfAttributes) {
  TemporaryDirectory directory;
  const std::string path = directory.file("run.h5");
  write_results_file(sample_record(), path, false);

  hdf5::File file = hdf5::open_file(path, false);
  EXPECT_EQ(hdf5::read_text_attribute(file, "format_version"), kResultsFormatVersion);
  H5::Group group = hdf5::open_group(file, "corridors");
  EXPECT_EQ(hdf5::read_text_attribute(group, "coordinates"), "origin destination");
  H5::DataSet flow = hdf5::open_dataset(group, "flow");
  EXPECT_EQ(hdf5::read_text_attribute(flow, "coordinates"), "origin destination");
  EXPECT_EQ(hdf5::read_text_attribute(flow, "units"), "person day-1");
  EXPECT_EQ(hdf5::attached_scale_name(flow, 2), "pathway");
  H5::DataSet time = hdf5::open_dataset(group, "time");
  EXPECT_TRUE(hdf5::is_dimension_scale(time));
  EXPECT_EQ(hdf5::read_text_attribute(time, "units"), "days since 2015-01-01");
  H5::DataSet distance = hdf5::open_dataset(group, "distance");
  EXPECT_EQ(hdf5::read_text_attribute(distance, "coordinates"), "origin destination");
  H5::Group national = hdf5::open_group(file, "national");
  H5::DataSet treasury = hdf5::open_dataset(national, "treasury");
  EXPECT_EQ(hdf5::read_text_attribute(treasury, "coordinates"), "state_name");
}

TEST(ResultsFile, EmptyGroupsAndZeroLengthDimensionsRoundTrip) {
  RunRecord record;
  RecordGroup empty;
  empty.name = "empty";
  RecordGroup zero;
  zero.name = "zero";
  zero.description = "nothing happened";
  zero.coordinates.push_back({"time", "time", "days since 2015-01-01", {}, {}});
  zero.coordinates.push_back({"state", "state", "", {}, {"TUR", "DEU"}});
  zero.coordinates.push_back({"corridor", "corridor", "", {}, {}});
  zero.auxiliary.push_back({"tick", "time", "tick", "1", {}, {}});
  zero.auxiliary.push_back({"origin", "corridor", "origin", "", {}, {}});
  zero.variables.push_back({"population", {"time", "state"}, "population", "person", {}});
  zero.variables.push_back({"flow", {"corridor"}, "flow", "person", {}});
  record.groups = {empty, zero};

  TemporaryDirectory directory;
  const std::string path = directory.file("empty.h5");
  write_results_file(record, path, false);
  expect_same(with_version(record), read_results_file(path));
}

TEST(ResultsFile, RefusesToReplaceAFileWithoutOverwrite) {
  TemporaryDirectory directory;
  const std::string path = directory.file("run.h5");
  RunRecord first = sample_record();
  write_results_file(first, path, false);

  RunRecord second = sample_record();
  second.scenario_text = "[run]\nname = second\n";
  const std::string message =
      message_of<InputError>([&] { write_results_file(second, path, false); });
  EXPECT_TRUE(contains(message, "results file '" + path + "' exists; use --force to replace it"))
      << message;
  EXPECT_EQ(read_results_file(path).scenario_text, first.scenario_text);
  EXPECT_EQ(directory.entries(), std::vector<std::string>{"run.h5"});

  write_results_file(second, path, true);
  EXPECT_EQ(read_results_file(path).scenario_text, second.scenario_text);
  EXPECT_EQ(directory.entries(), std::vector<std::string>{"run.h5"});
}

TEST(ResultsFile, RefusesADirectoryAsTarget) {
  TemporaryDirectory directory;
  fs::create_directory(directory.path() / "out.h5");
  const std::string message = message_of<InputError>(
      [&] { write_results_file(sample_record(), directory.file("out.h5"), true); });
  EXPECT_TRUE(contains(message, "is a directory")) << message;
}

TEST(ResultsFile, LeavesOnlyTheFinalFileAfterSuccess) {
  TemporaryDirectory directory;
  write_results_file(sample_record(), directory.file("a.h5"), false);
  write_results_file(sample_record(), directory.file("b.h5"), false);
  EXPECT_EQ(directory.entries(), (std::vector<std::string>{"a.h5", "b.h5"}));
}

TEST(ResultsFile, MissingDirectoryIsAnInputErrorAndLeavesNothing) {
  TemporaryDirectory directory;
  const std::string path = (directory.path() / "missing" / "run.h5").string();
  const std::string message =
      message_of<InputError>([&] { write_results_file(sample_record(), path, false); });
  EXPECT_TRUE(contains(message, path)) << message;
  EXPECT_TRUE(contains(message, "does not exist")) << message;
  EXPECT_TRUE(directory.entries().empty());
}

TEST(ResultsFile, UnwritableDirectoryIsAnInputError) {
  if (::geteuid() == 0) {
    GTEST_SKIP() << "permissions do not bind root";
  }
  TemporaryDirectory directory;
  fs::create_directory(directory.path() / "locked");
  fs::permissions(directory.path() / "locked", fs::perms::owner_read | fs::perms::owner_exec);
  const std::string path = (directory.path() / "locked" / "run.h5").string();
  const std::string message =
      message_of<InputError>([&] { write_results_file(sample_record(), path, false); });
  EXPECT_TRUE(contains(message, path)) << message;
  EXPECT_TRUE(contains(message, "Permission denied")) << message;
  fs::permissions(directory.path() / "locked", fs::perms::owner_all);
  EXPECT_TRUE(fs::is_empty(directory.path() / "locked"));
}

TEST(ResultsFile, FailureWhileWritingRemovesTheTemporaryFile) {
  TemporaryDirectory directory;
  RunRecord record = sample_record();
  record.resolved_scenario_text = "name = \xff\xfe broken";  // not UTF-8: fails mid-write
  const std::string path = directory.file("run.h5");
  const std::string message =
      message_of<InternalError>([&] { write_results_file(record, path, false); });
  EXPECT_TRUE(contains(message, "resolved_scenario_text")) << message;
  EXPECT_TRUE(directory.entries().empty());
}

TEST(ResultsFile, FailedOverwriteKeepsTheOldFile) {
  TemporaryDirectory directory;
  const std::string path = directory.file("run.h5");
  const RunRecord good = sample_record();
  write_results_file(good, path, false);
  RunRecord bad = sample_record();
  bad.events[1].target = std::string("nul\0inside", 10);
  EXPECT_THROW(write_results_file(bad, path, true), InternalError);
  expect_same(with_version(good), read_results_file(path));
  EXPECT_EQ(directory.entries(), std::vector<std::string>{"run.h5"});
}

TEST(ResultsFile, InconsistentRecordsAreInternalErrors) {
  TemporaryDirectory directory;
  const std::string path = directory.file("run.h5");
  auto expect_refused = [&](const RunRecord& record, const std::string& part) {
    const std::string message =
        message_of<InternalError>([&] { write_results_file(record, path, false); });
    EXPECT_TRUE(contains(message, part)) << message;
    EXPECT_TRUE(directory.entries().empty());
  };
  RunRecord unknown_dimension = sample_record();
  unknown_dimension.groups[0].variables[0].dimensions[1] = "country";
  expect_refused(unknown_dimension, "'country'");

  RunRecord wrong_size = sample_record();
  wrong_size.groups[1].variables[0].data.pop_back();
  expect_refused(wrong_size, "'flow'");

  RunRecord duplicate = sample_record();
  duplicate.groups[0].variables[1].name = "population";
  expect_refused(duplicate, "'population' is used twice");

  for (const char* name :
       {"events", "event_row", "deals", "deal_row", "negotiation_log", "negotiation_row"}) {
    RunRecord reserved = sample_record();
    reserved.groups[1].name = name;
    expect_refused(reserved, quoted(name));
  }

  RunRecord version_attribute = sample_record();
  version_attribute.number_attributes.emplace_back("format_version", 9);
  expect_refused(version_attribute, "'format_version'");

  RunRecord spaced = sample_record();
  spaced.groups[0].auxiliary[0].name = "state name";
  expect_refused(spaced, "'state name'");

  RunRecord repeated = sample_record();
  repeated.groups[0].variables[0].dimensions = {"state", "state"};
  repeated.groups[0].variables[0].data.resize(9);
  expect_refused(repeated, "twice");

  RunRecord misaligned = sample_record();
  misaligned.groups[0].auxiliary[1].values.pop_back();
  expect_refused(misaligned, "'tick'");
}

TEST(ResultsFile, TablesAreWrittenEvenWithoutRows) {
  TemporaryDirectory directory;
  const std::string path = directory.file("run.h5");
  RunRecord record = sample_record();
  record.deals.clear();
  record.negotiation_log.clear();
  write_results_file(record, path, false);
  expect_same(with_version(record), read_results_file(path));

  hdf5::File file = hdf5::open_file(path, false);
  for (const auto& [table, rows] :
       {std::pair{"deals", "deal_row"}, std::pair{"negotiation_log", "negotiation_row"}}) {
    SCOPED_TRACE(table);
    ASSERT_TRUE(hdf5::has_link(file, table));
    H5::DataSet dataset = hdf5::open_dataset(file, table);
    EXPECT_EQ(hdf5::dataset_shape(dataset), std::vector<std::size_t>{0});
    EXPECT_EQ(hdf5::attached_scale_name(dataset, 0), rows);
    H5::DataSet scale = hdf5::open_dataset(file, rows);
    EXPECT_TRUE(hdf5::is_dimension_scale(scale));
  }
}

TEST(ResultsFile, TablesHaveARowScaleEach) {
  TemporaryDirectory directory;
  const std::string path = directory.file("run.h5");
  write_results_file(sample_record(), path, false);
  hdf5::File file = hdf5::open_file(path, false);
  H5::DataSet deals = hdf5::open_dataset(file, "deals");
  EXPECT_EQ(hdf5::dataset_shape(deals), std::vector<std::size_t>{3});
  EXPECT_EQ(hdf5::attached_scale_name(deals, 0), "deal_row");
  H5::DataSet deal_rows = hdf5::open_dataset(file, "deal_row");
  EXPECT_EQ(hdf5::read_numbers(deal_rows), (std::vector<double>{0, 1, 2}));
  H5::DataSet log = hdf5::open_dataset(file, "negotiation_log");
  EXPECT_EQ(hdf5::dataset_shape(log), std::vector<std::size_t>{4});
  EXPECT_EQ(hdf5::attached_scale_name(log, 0), "negotiation_row");
}

/// Turns a file just written into one of layout 1.0: no deals or negotiation log, version "1.0"
/// (which, rewritten, becomes the last root attribute).
void make_format_1_0(const std::string& path) {
  hdf5::File file = hdf5::open_file(path, true);
  for (const char* name : {"deals", "deal_row", "negotiation_log", "negotiation_row"}) {
    hdf5::delete_link(file, name);
  }
  hdf5::write_text_attribute(file, "format_version", "1.0");
}

TEST(ResultsFile, VersionOnePointZeroFilesReadWithEmptyTables) {
  TemporaryDirectory directory;
  const std::string path = directory.file("old.h5");
  const RunRecord record = sample_record();
  write_results_file(record, path, false);
  make_format_1_0(path);

  const RunRecord read = read_results_file(path);
  EXPECT_TRUE(read.deals.empty());
  EXPECT_TRUE(read.negotiation_log.empty());
  // Everything else as written; the replaced version attribute now comes last.
  RunRecord expected = record;
  expected.text_attributes.emplace_back("format_version", "1.0");
  expected.deals.clear();
  expected.negotiation_log.clear();
  expect_same(expected, read);

  // Written again, it becomes a file of today's format with (empty) tables.
  write_results_file(read, directory.file("new.h5"), false);
  hdf5::File file = hdf5::open_file(directory.file("new.h5"), false);
  EXPECT_EQ(hdf5::read_text_attribute(file, "format_version"), kResultsFormatVersion);
  EXPECT_TRUE(hdf5::has_link(file, "deals"));
  EXPECT_TRUE(hdf5::has_link(file, "negotiation_log"));
}

TEST(ResultsFile, ReadingACurrentFileWithoutItsTablesIsAnInputError) {
  TemporaryDirectory directory;
  for (const char* table : {"deals", "negotiation_log"}) {
    const std::string path = directory.file(std::string(table) + ".h5");
    write_results_file(sample_record(), path, false);
    {
      hdf5::File file = hdf5::open_file(path, true);
      hdf5::delete_link(file, table);
    }
    const std::string message = message_of<InputError>([&] { read_results_file(path); });
    EXPECT_TRUE(contains(message, "it has no " + quoted(table) + " table")) << message;
  }
}

TEST(ResultsFile, ReadingATableMissingAFieldIsAnInputError) {
  TemporaryDirectory directory;
  const std::string path = directory.file("run.h5");
  write_results_file(sample_record(), path, false);
  {
    hdf5::File file = hdf5::open_file(path, true);
    hdf5::delete_link(file, "negotiation_log");
    hdf5::delete_link(file, "negotiation_row");
    hdf5::write_compound_table(
        file, "negotiation_log", "negotiation_row",
        {{"tick", std::vector<std::int32_t>{1}}, {"date", std::vector<std::string>{"2015-01-08"}}});
  }
  const std::string message = message_of<InputError>([&] { read_results_file(path); });
  EXPECT_TRUE(contains(message, "the negotiation_log table has no field 'negotiation'")) << message;
}

TEST(ResultsFile, TextThatCannotBeStoredInATableIsAnInternalError) {
  TemporaryDirectory directory;
  const std::string path = directory.file("run.h5");
  RunRecord record = sample_record();
  record.deals[0].terms = "\xc3\x28";
  const std::string message =
      message_of<InternalError>([&] { write_results_file(record, path, false); });
  EXPECT_TRUE(contains(message, "deals")) << message;
  EXPECT_TRUE(directory.entries().empty());

  record = sample_record();
  record.negotiation_log[1].actor = std::string("T\0UR", 4);
  EXPECT_THROW(write_results_file(record, path, false), InternalError);
  EXPECT_TRUE(directory.entries().empty());
}

TEST(ResultsFile, RecordReadBackCanBeWrittenAgain) {
  TemporaryDirectory directory;
  RunRecord record = sample_record();
  record.text_attributes.emplace_back("format_version", "1.9");  // as if read from a newer file
  write_results_file(record, directory.file("a.h5"), false);
  const RunRecord first = read_results_file(directory.file("a.h5"));
  EXPECT_EQ(first.text_attributes.front().second, kResultsFormatVersion);
  write_results_file(first, directory.file("b.h5"), false);
  expect_same(first, read_results_file(directory.file("b.h5")));
}

TEST(ResultsFile, ReadingAMissingFileIsAnInputError) {
  TemporaryDirectory directory;
  const std::string path = directory.file("nowhere.h5");
  const std::string message = message_of<InputError>([&] { read_results_file(path); });
  EXPECT_TRUE(contains(message, path)) << message;
}

TEST(ResultsFile, ReadingANonHdf5FileIsAnInputError) {
  TemporaryDirectory directory;
  const std::string path = directory.file("notes.h5");
  std::ofstream(path) << "[run]\nthis is not HDF5\n";
  const std::string message = message_of<InputError>([&] { read_results_file(path); });
  EXPECT_TRUE(contains(message, "not a migdip results file")) << message;
  EXPECT_TRUE(contains(message, path)) << message;
}

TEST(ResultsFile, ReadingAForeignHdf5FileIsAnInputError) {
  TemporaryDirectory directory;
  const std::string path = directory.file("foreign.h5");
  {
    hdf5::File file = hdf5::create_file(path);
    hdf5::write_text_attribute(file, "title", "someone else's data");
    hdf5::write_numbers(file, "x", {3}, {1, 2, 3}, false);
  }
  const std::string message = message_of<InputError>([&] { read_results_file(path); });
  EXPECT_TRUE(contains(message, "not a migdip results file")) << message;
}

TEST(ResultsFile, ReadingAFutureMajorVersionIsAnInputError) {
  TemporaryDirectory directory;
  const std::string path = directory.file("future.h5");
  write_results_file(sample_record(), path, false);
  {
    hdf5::File file = hdf5::open_file(path, true);
    hdf5::write_text_attribute(file, "format_version", "2.0");
  }
  const std::string message = message_of<InputError>([&] { read_results_file(path); });
  EXPECT_TRUE(contains(message, "format version 2.0 is not supported")) << message;
}

TEST(ResultsFile, ReadingALaterMinorVersionWorks) {
  TemporaryDirectory directory;
  const std::string path = directory.file("minor.h5");
  write_results_file(sample_record(), path, false);
  {
    hdf5::File file = hdf5::open_file(path, true);
    hdf5::write_text_attribute(file, "format_version", "1.7");
  }
  EXPECT_EQ(read_results_file(path).groups.size(), 2u);
}

TEST(ResultsFile, ReadingAGarbledVersionIsAnInputError) {
  TemporaryDirectory directory;
  const std::string path = directory.file("garbled.h5");
  write_results_file(sample_record(), path, false);
  {
    hdf5::File file = hdf5::open_file(path, true);
    hdf5::write_text_attribute(file, "format_version", "one");
  }
  const std::string message = message_of<InputError>([&] { read_results_file(path); });
  EXPECT_TRUE(contains(message, "'one'")) << message;
}

TEST(ResultsFile, ReadingAFileMissingPartsIsAnInputError) {
  TemporaryDirectory directory;
  const std::string path = directory.file("partial.h5");
  {
    hdf5::File file = hdf5::create_file(path);
    hdf5::write_text_attribute(file, "format_version", kResultsFormatVersion);
  }
  const std::string message = message_of<InputError>([&] { read_results_file(path); });
  EXPECT_TRUE(contains(message, "scenario_text")) << message;
}

}  // namespace
}  // namespace migdip
