#include "io_hdf5/compound_table.h"

#include <hdf5.h>

#include <algorithm>
#include <cstring>
#include <numeric>

#include <fmt/format.h>

namespace migdip::hdf5 {

namespace {

/// Where each field of a row lies in memory, and how large a row is: int32, float64 and
/// `const char*` fields each at their natural alignment, as a C struct would place them.
struct MemoryLayout {
  std::vector<std::size_t> offsets;
  std::size_t row_size = 0;
};

std::size_t size_of(const ColumnValues& values) {
  return std::visit([](const auto& vector) { return vector.size(); }, values);
}

/// Size (and alignment) in memory of one value of the column's kind.
std::size_t field_size(const ColumnValues& values) {
  switch (values.index()) {
    case 0:
      return sizeof(std::int32_t);
    case 1:
      return sizeof(double);
    default:
      return sizeof(const char*);
  }
}

MemoryLayout memory_layout(const std::vector<Column>& columns) {
  MemoryLayout layout;
  std::size_t alignment = 1;
  for (const Column& column : columns) {
    const std::size_t size = field_size(column.values);
    layout.row_size = (layout.row_size + size - 1) / size * size;
    layout.offsets.push_back(layout.row_size);
    layout.row_size += size;
    alignment = std::max(alignment, size);
  }
  layout.row_size = (layout.row_size + alignment - 1) / alignment * alignment;
  return layout;
}

/// The in-memory compound type of `columns` at `layout`. Fields are matched by name when
/// reading, so its order is the column order of the table and nothing else.
Handle memory_type(const char* table, const std::vector<Column>& columns,
                   const MemoryLayout& layout) {
  Handle type{check_id(H5Tcreate(H5T_COMPOUND, std::max<std::size_t>(layout.row_size, 1)),
                       fmt::format("creating the type of the {} table", table))};
  Handle text = utf8_string_type();
  for (std::size_t f = 0; f < columns.size(); ++f) {
    const Id field_type = columns[f].values.index() == 0   ? H5T_NATIVE_INT32
                          : columns[f].values.index() == 1 ? H5T_NATIVE_DOUBLE
                                                           : text.get();
    check_status(
        H5Tinsert(type.get(), columns[f].name, layout.offsets[f], field_type),
        fmt::format("adding field '{}' to the type of the {} table", columns[f].name, table));
  }
  return type;
}

}  // namespace

void write_compound_table(Id parent, const char* table, const char* row_dimension,
                          const std::vector<Column>& columns) {
  const std::size_t count = columns.empty() ? 0 : size_of(columns.front().values);
  for (const Column& column : columns) {
    if (size_of(column.values) != count) {
      throw Error(fmt::format("field '{}' of the {} table has {} values for {} rows", column.name,
                              table, size_of(column.values), count));
    }
  }
  const MemoryLayout layout = memory_layout(columns);
  // Rows as HDF5 sees them in memory; text fields point into the columns' strings.
  std::vector<unsigned char> buffer(count * layout.row_size);
  for (std::size_t f = 0; f < columns.size(); ++f) {
    std::visit(
        [&](const auto& values) {
          for (std::size_t row = 0; row < count; ++row) {
            unsigned char* field = buffer.data() + row * layout.row_size + layout.offsets[f];
            if constexpr (std::is_same_v<std::decay_t<decltype(values)>,
                                         std::vector<std::string>>) {
              check_storable(table, values[row]);
              const char* pointer = values[row].c_str();
              std::memcpy(field, &pointer, sizeof pointer);
            } else {
              std::memcpy(field, &values[row], sizeof values[row]);
            }
          }
        },
        columns[f].values);
  }
  Handle in_memory = memory_type(table, columns, layout);
  // On disk without the padding memory alignment needs.
  Handle on_disk{check_id(H5Tcopy(in_memory.get()), "copying a table type")};
  check_status(H5Tpack(on_disk.get()), fmt::format("packing the type of the {} table", table));

  std::vector<std::int32_t> row_numbers(count);
  std::iota(row_numbers.begin(), row_numbers.end(), 0);
  Handle rows = write_integers(parent, row_dimension, row_numbers);
  make_dimension_scale(rows.get(), row_dimension);

  const hsize_t extent = count;
  Handle space{check_id(H5Screate_simple(1, &extent, nullptr), "creating a dataspace")};
  Handle dataset{check_id(
      H5Dcreate2(parent, table, on_disk.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
      fmt::format("creating the {} table", table))};
  if (count > 0) {
    check_status(
        H5Dwrite(dataset.get(), in_memory.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()),
        fmt::format("writing the {} table", table));
  }
  attach_dimension_scale(dataset.get(), rows.get(), 0);
}

void read_compound_table(Id parent, const char* table, std::vector<Column>& columns) {
  Handle dataset = open_dataset(parent, table);
  Handle on_disk{
      check_id(H5Dget_type(dataset.get()), fmt::format("reading the type of the {} table", table))};
  if (H5Tget_class(on_disk.get()) != H5T_COMPOUND) {
    throw Error(fmt::format("'{}' is not a table", table));
  }
  // HDF5 would leave a field missing from the file silently unset; refuse such a table.
  for (const Column& column : columns) {
    if (H5Tget_member_index(on_disk.get(), column.name) < 0) {
      H5Eclear2(H5E_DEFAULT);
      throw Error(fmt::format("the {} table has no field '{}'", table, column.name));
    }
  }
  Handle space{check_id(H5Dget_space(dataset.get()),
                        fmt::format("reading the shape of the {} table", table))};
  const hssize_t points = H5Sget_simple_extent_npoints(space.get());
  if (points < 0) {
    fail(fmt::format("reading the shape of the {} table", table));
  }
  const auto count = static_cast<std::size_t>(points);
  for (Column& column : columns) {
    std::visit([](auto& values) { values.clear(); }, column.values);
  }
  if (count == 0 || columns.empty()) {
    return;
  }
  const MemoryLayout layout = memory_layout(columns);
  Handle in_memory = memory_type(table, columns, layout);
  std::vector<unsigned char> buffer(count * layout.row_size);
  check_status(
      H5Dread(dataset.get(), in_memory.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()),
      fmt::format("reading the {} table", table));
  for (std::size_t f = 0; f < columns.size(); ++f) {
    std::visit(
        [&](auto& values) {
          values.resize(count);
          for (std::size_t row = 0; row < count; ++row) {
            const unsigned char* field = buffer.data() + row * layout.row_size + layout.offsets[f];
            if constexpr (std::is_same_v<std::decay_t<decltype(values)>,
                                         std::vector<std::string>>) {
              const char* pointer = nullptr;
              std::memcpy(&pointer, field, sizeof pointer);
              values[row] = pointer == nullptr ? "" : pointer;
            } else {
              std::memcpy(&values[row], field, sizeof values[row]);
            }
          }
        },
        columns[f].values);
  }
  release_variable_length(in_memory.get(), space.get(), buffer.data());
}

}  // namespace migdip::hdf5
