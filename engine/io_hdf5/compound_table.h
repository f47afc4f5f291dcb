#pragma once
// Compound tables: one 1-D HDF5 dataset with a row per entry and fields of int32, float64 or
// UTF-8 text, so that h5py reads it in one call (`f["events"][:]`) and pandas turns it into a
// DataFrame. Each table gets a dimension scale holding its row numbers: netCDF readers (xarray
// via h5netcdf) refuse a dataset whose axes have no dimension scale.
//
// RowLayout maps a row struct onto such a table, field by field; the events table, the deals
// table and the negotiation log all go through it.

#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "io_hdf5/hdf5_helpers.h"

namespace migdip::hdf5 {

/// The values of one field, a value per row.
using ColumnValues =
    std::variant<std::vector<std::int32_t>, std::vector<double>, std::vector<std::string>>;

/// What a field means, for the netCDF group of its table (table_group.h): its CF `long_name`
/// and `units` (empty: none), and whether its text is a date, `YYYY-MM-DD`, which the group
/// stores as a CF time.
struct ColumnMeaning {
  const char* long_name = "";
  const char* units = "";
  bool date = false;
};

/// One field of a table: its name and its values. The kind of `values` is the field's type:
/// int32, float64 or variable-length UTF-8 string.
struct Column {
  const char* name;
  ColumnValues values;
  ColumnMeaning meaning{};
};

/// Writes `columns` (all of one length) as the compound dataset `table` under `parent`, a row
/// per value and a field per column in the order given, stored packed (no padding), with the
/// dimension scale `row_dimension` (int32 0, 1, ..., n-1) attached to its axis. A table of no
/// rows is written too, with its fields. Throws Error for columns of unequal length or text
/// that is not storable UTF-8.
void write_compound_table(const H5::Group& parent, const char* table, const char* row_dimension,
                          const std::vector<Column>& columns);

/// Reads the fields named in `columns` from the compound dataset `table` under `parent`,
/// replacing their values; each is converted to the kind of its `values`. Fields of the file
/// that are not asked for are ignored. Throws Error when `table` is not a compound dataset or
/// lacks one of the fields.
void read_compound_table(const H5::Group& parent, const char* table, std::vector<Column>& columns);

/// A row struct as a compound table: which member goes to which field.
template <typename Row>
class RowLayout {
 public:
  using Member = std::variant<std::int32_t Row::*, double Row::*, std::string Row::*>;
  struct Field {
    const char* name;
    Member member;
    ColumnMeaning meaning{};
  };

  /// `description`: one sentence on what a row is, the `description` of the table's group.
  RowLayout(const char* table, const char* row_dimension, const char* description,
            std::vector<Field> fields)
      : table_(table),
        row_dimension_(row_dimension),
        description_(description),
        fields_(std::move(fields)) {}

  const char* table() const { return table_; }
  const char* row_dimension() const { return row_dimension_; }
  const char* description() const { return description_; }
  const std::vector<Field>& fields() const { return fields_; }

  /// The rows as columns, a column per field in field order.
  std::vector<Column> columns(const std::vector<Row>& rows) const {
    std::vector<Column> columns;
    columns.reserve(fields_.size());
    for (const Field& field : fields_) {
      columns.push_back({field.name,
                         std::visit(
                             [&rows](auto member) -> ColumnValues {
                               std::vector<Value<decltype(member)>> values;
                               values.reserve(rows.size());
                               for (const Row& row : rows) {
                                 values.push_back(row.*member);
                               }
                               return values;
                             },
                             field.member),
                         field.meaning});
    }
    return columns;
  }

  void write(const H5::Group& parent, const std::vector<Row>& rows) const {
    write_compound_table(parent, table_, row_dimension_, columns(rows));
  }

  std::vector<Row> read(const H5::Group& parent) const {
    std::vector<Column> columns;
    columns.reserve(fields_.size());
    for (const Field& field : fields_) {
      columns.push_back({field.name, std::visit(
                                         [](auto member) -> ColumnValues {
                                           return std::vector<Value<decltype(member)>>{};
                                         },
                                         field.member)});
    }
    read_compound_table(parent, table_, columns);
    std::vector<Row> rows;
    for (std::size_t f = 0; f < fields_.size(); ++f) {
      std::visit(
          [&rows, &columns, f](auto member) {
            auto& values = std::get<std::vector<Value<decltype(member)>>>(columns[f].values);
            rows.resize(values.size());
            for (std::size_t i = 0; i < values.size(); ++i) {
              rows[i].*member = std::move(values[i]);
            }
          },
          fields_[f].member);
    }
    return rows;
  }

 private:
  /// The member type a pointer to member of Row points at.
  template <typename Pointer>
  using Value = std::remove_cvref_t<decltype(std::declval<Row&>().*std::declval<Pointer>())>;

  const char* table_;
  const char* row_dimension_;
  const char* description_;
  std::vector<Field> fields_;
};

}  // namespace migdip::hdf5
