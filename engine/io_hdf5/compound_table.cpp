#include "io_hdf5/compound_table.h"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <set>

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

/// The type in memory of one value of the column's kind; `text` is the string type.
const H5::DataType& field_type(const ColumnValues& values, const H5::StrType& text) {
  switch (values.index()) {
    case 0:
      return H5::PredType::NATIVE_INT32;
    case 1:
      return H5::PredType::NATIVE_DOUBLE;
    default:
      return text;
  }
}

/// The in-memory compound type of `columns` at `layout`. Fields are matched by name when
/// reading, so its order is the column order of the table and nothing else.
H5::CompType memory_type(const char* table, const std::vector<Column>& columns,
                         const MemoryLayout& layout) {
  const H5::StrType text = utf8_text();
  return guarded(fmt::format("making the type of the {} table", table), [&] {
    H5::CompType type(std::max<std::size_t>(layout.row_size, 1));
    for (std::size_t f = 0; f < columns.size(); ++f) {
      type.insertMember(columns[f].name, layout.offsets[f], field_type(columns[f].values, text));
    }
    return type;
  });
}

}  // namespace

void write_compound_table(const H5::Group& parent, const char* table, const char* row_dimension,
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
  const H5::CompType in_memory = memory_type(table, columns, layout);
  // On disk without the padding memory alignment needs.
  H5::CompType on_disk;
  guarded(fmt::format("packing the type of the {} table", table), [&] {
    on_disk.copy(in_memory);
    on_disk.pack();
  });

  std::vector<std::int32_t> row_numbers(count);
  std::iota(row_numbers.begin(), row_numbers.end(), 0);
  const H5::DataSet rows = write_integers(parent, row_dimension, row_numbers);
  make_dimension_scale(rows, row_dimension);

  const hsize_t extent = count;
  const H5::DataSet dataset = create_dataset(parent, table, on_disk, H5::DataSpace(1, &extent));
  if (count > 0) {
    guarded(fmt::format("writing the {} table", table), [&] {
      dataset.write(buffer.data(), in_memory, H5::DataSpace::ALL, H5::DataSpace::ALL,
                    default_transfer());
    });
  }
  attach_dimension_scale(dataset, rows, 0);
}

void read_compound_table(const H5::Group& parent, const char* table, std::vector<Column>& columns) {
  const H5::DataSet dataset = open_dataset(parent, table);
  const H5::DataSpace space = guarded(fmt::format("reading the {} table", table), [&] {
    if (dataset.getTypeClass() != H5T_COMPOUND) {
      throw Error(fmt::format("'{}' is not a table", table));
    }
    // HDF5 would leave a field missing from the file silently unset; refuse such a table.
    const H5::CompType on_disk = dataset.getCompType();
    std::set<std::string> fields;
    for (int f = 0; f < on_disk.getNmembers(); ++f) {
      fields.insert(on_disk.getMemberName(static_cast<unsigned>(f)));
    }
    for (const Column& column : columns) {
      if (fields.count(column.name) == 0) {
        throw Error(fmt::format("the {} table has no field '{}'", table, column.name));
      }
    }
    return dataset.getSpace();
  });
  const std::size_t count = stored_point_count(dataset);
  for (Column& column : columns) {
    std::visit([](auto& values) { values.clear(); }, column.values);
  }
  if (count == 0 || columns.empty()) {
    return;
  }
  const MemoryLayout layout = memory_layout(columns);
  const H5::CompType in_memory = memory_type(table, columns, layout);
  std::vector<unsigned char> buffer(count * layout.row_size);
  guarded(fmt::format("reading the {} table", table), [&] {
    dataset.read(buffer.data(), in_memory, H5::DataSpace::ALL, H5::DataSpace::ALL,
                 default_transfer());
  });
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
  guarded(fmt::format("releasing the strings of the {} table", table),
          [&] { H5::DataSet::vlenReclaim(buffer.data(), in_memory, space); });
}

}  // namespace migdip::hdf5
