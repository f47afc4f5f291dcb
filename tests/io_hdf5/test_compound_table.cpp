// Compound tables: a row struct to an HDF5 compound dataset and back, through RowLayout.

#include "io_hdf5/compound_table.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "io_hdf5/temporary_path.h"

namespace migdip::hdf5 {
namespace {

/// Fields of every kind, in an order that needs padding in memory.
struct Sample {
  std::int32_t id = 0;
  std::string label;
  double amount = 0;
  std::int32_t count = 0;
  std::int32_t other = 0;
  std::string note;
  bool operator==(const Sample&) const = default;
};

const RowLayout<Sample>& sample_layout() {
  static const RowLayout<Sample> layout{"samples",
                                        "sample_row",
                                        "a sample per row",
                                        {{"id", &Sample::id},
                                         {"label", &Sample::label},
                                         {"amount", &Sample::amount},
                                         {"count", &Sample::count},
                                         {"other", &Sample::other},
                                         {"note", &Sample::note}}};
  return layout;
}

class CompoundTableTest : public ::testing::Test {
 protected:
  TemporaryPath file_{"migdip-table-"};
  const std::string& path_ = file_.path();
};

TEST_F(CompoundTableTest, RowsRoundTrip) {
  const std::vector<Sample> rows = {
      {0, "Türkiye → Ελλάδα", 2.5e9, 3, -1, ""},
      {1, "", -0.125, 0, 7, "🇪🇺 statement"},
      {2147483647, "x", 1e-300, -2147483647, 0, "last"},
  };
  {
    File file = create_file(path_);
    sample_layout().write(file, rows);
  }
  File file = open_file(path_, false);
  EXPECT_EQ(sample_layout().read(file), rows);
  H5::DataSet scale = open_dataset(file, "sample_row");
  EXPECT_TRUE(is_dimension_scale(scale));
  EXPECT_EQ(read_numbers(scale), (std::vector<double>{0, 1, 2}));
  H5::DataSet table = open_dataset(file, "samples");
  EXPECT_EQ(dataset_shape(table), std::vector<std::size_t>{3});
  EXPECT_EQ(attached_scale_name(table, 0), "sample_row");
}

TEST_F(CompoundTableTest, ZeroRowsAreWrittenWithTheirFields) {
  {
    File file = create_file(path_);
    sample_layout().write(file, {});
  }
  File file = open_file(path_, false);
  ASSERT_TRUE(has_link(file, "samples"));
  H5::DataSet table = open_dataset(file, "samples");
  EXPECT_EQ(dataset_shape(table), std::vector<std::size_t>{0});
  EXPECT_EQ(attached_scale_name(table, 0), "sample_row");
  // Reading checks every field of the layout is there.
  EXPECT_TRUE(sample_layout().read(file).empty());
}

TEST_F(CompoundTableTest, ReadsTheFieldsAskedForByName) {
  {
    File file = create_file(path_);
    sample_layout().write(file, {{4, "four", 4.5, 40, 400, "n"}});
  }
  // Another order, a subset, and a number widened from int32 to float64.
  std::vector<Column> columns = {{"note", std::vector<std::string>{"stale"}},
                                 {"count", std::vector<double>{}},
                                 {"id", std::vector<std::int32_t>{}}};
  File file = open_file(path_, false);
  read_compound_table(file, "samples", columns);
  EXPECT_EQ(std::get<std::vector<std::string>>(columns[0].values), std::vector<std::string>{"n"});
  EXPECT_EQ(std::get<std::vector<double>>(columns[1].values), std::vector<double>{40});
  EXPECT_EQ(std::get<std::vector<std::int32_t>>(columns[2].values), std::vector<std::int32_t>{4});
}

TEST_F(CompoundTableTest, RefusesAMissingFieldOrANonTable) {
  {
    File file = create_file(path_);
    write_compound_table(
        file, "samples", "sample_row",
        {{"id", std::vector<std::int32_t>{1}}, {"label", std::vector<std::string>{"one"}}});
    write_numbers(file, "plain", {2}, {1, 2}, false);
  }
  File file = open_file(path_, false);
  try {
    sample_layout().read(file);
    FAIL() << "no exception";
  } catch (const Error& error) {
    EXPECT_STREQ(error.what(), "the samples table has no field 'amount'");
  }
  std::vector<Column> columns = {{"x", std::vector<double>{}}};
  EXPECT_THROW(read_compound_table(file, "plain", columns), Error);
}

TEST_F(CompoundTableTest, RefusesUnequalColumnsAndBadText) {
  File file = create_file(path_);
  EXPECT_THROW(
      write_compound_table(file, "t", "t_row",
                           {{"a", std::vector<std::int32_t>{1, 2}}, {"b", std::vector<double>{1}}}),
      Error);
  EXPECT_THROW(sample_layout().write(file, {{0, "\xff", 0, 0, 0, ""}}), Error);
}

}  // namespace
}  // namespace migdip::hdf5
