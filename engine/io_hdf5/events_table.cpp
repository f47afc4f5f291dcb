#include "io_hdf5/events_table.h"

#include <hdf5.h>

#include <cstddef>
#include <numeric>

#include <fmt/format.h>

#include "io_hdf5/results_layout.h"

namespace migdip::hdf5 {

namespace {

namespace layout = results_layout;

/// One row as HDF5 sees it in memory; the compound type below mirrors it field by field.
struct EventRecord {
  std::int32_t tick;
  const char* date;
  const char* event;
  const char* type;
  const char* target;
  const char* parameter;
  double value;
};

/// The in-memory compound type of EventRecord. Fields are matched by name when reading, so
/// the order here is the column order of the table and nothing else.
Handle memory_type() {
  Handle type{check_id(H5Tcreate(H5T_COMPOUND, sizeof(EventRecord)), "creating the event type")};
  Handle text = utf8_string_type();
  auto insert = [&](const char* field, std::size_t offset, Id field_type) {
    check_status(H5Tinsert(type.get(), field, offset, field_type),
                 fmt::format("adding field '{}' to the event type", field));
  };
  insert(layout::kTickField, offsetof(EventRecord, tick), H5T_NATIVE_INT32);
  insert(layout::kDateField, offsetof(EventRecord, date), text.get());
  insert(layout::kEventField, offsetof(EventRecord, event), text.get());
  insert(layout::kTypeField, offsetof(EventRecord, type), text.get());
  insert(layout::kTargetField, offsetof(EventRecord, target), text.get());
  insert(layout::kParameterField, offsetof(EventRecord, parameter), text.get());
  insert(layout::kValueField, offsetof(EventRecord, value), H5T_NATIVE_DOUBLE);
  return type;
}

}  // namespace

void write_events_table(Id file, const std::vector<EventRow>& events) {
  std::vector<EventRecord> records;
  records.reserve(events.size());
  for (const EventRow& row : events) {
    for (const std::string* text :
         {&row.date, &row.event, &row.type, &row.target, &row.parameter}) {
      check_storable(layout::kEvents, *text);
    }
    records.push_back({row.tick, row.date.c_str(), row.event.c_str(), row.type.c_str(),
                       row.target.c_str(), row.parameter.c_str(), row.value});
  }
  Handle in_memory = memory_type();
  // On disk without the padding the C++ struct needs.
  Handle on_disk{check_id(H5Tcopy(in_memory.get()), "copying the event type")};
  check_status(H5Tpack(on_disk.get()), "packing the event type");

  std::vector<std::int32_t> row_numbers(events.size());
  std::iota(row_numbers.begin(), row_numbers.end(), 0);
  Handle rows = write_integers(file, layout::kEventRow, row_numbers);
  make_dimension_scale(rows.get(), layout::kEventRow);

  const hsize_t count = records.size();
  Handle space{check_id(H5Screate_simple(1, &count, nullptr), "creating a dataspace")};
  Handle table{check_id(H5Dcreate2(file, layout::kEvents, on_disk.get(), space.get(), H5P_DEFAULT,
                                   H5P_DEFAULT, H5P_DEFAULT),
                        "creating the events table")};
  if (!records.empty()) {
    check_status(
        H5Dwrite(table.get(), in_memory.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, records.data()),
        "writing the events table");
  }
  attach_dimension_scale(table.get(), rows.get(), 0);
}

std::vector<EventRow> read_events_table(Id file) {
  Handle table = open_dataset(file, layout::kEvents);
  Handle on_disk{check_id(H5Dget_type(table.get()), "reading the events table type")};
  if (H5Tget_class(on_disk.get()) != H5T_COMPOUND) {
    throw Error("'events' is not a table");
  }
  // HDF5 would leave a field missing from the file silently unset; refuse such a table.
  for (const char* field :
       {layout::kTickField, layout::kDateField, layout::kEventField, layout::kTypeField,
        layout::kTargetField, layout::kParameterField, layout::kValueField}) {
    if (H5Tget_member_index(on_disk.get(), field) < 0) {
      H5Eclear2(H5E_DEFAULT);
      throw Error(fmt::format("the events table has no field '{}'", field));
    }
  }
  Handle space{check_id(H5Dget_space(table.get()), "reading the events table shape")};
  const hssize_t count = H5Sget_simple_extent_npoints(space.get());
  if (count < 0) {
    fail("reading the events table shape");
  }
  std::vector<EventRecord> records(static_cast<std::size_t>(count), EventRecord{});
  std::vector<EventRow> events;
  if (records.empty()) {
    return events;
  }
  Handle in_memory = memory_type();
  check_status(H5Dread(table.get(), in_memory.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, records.data()),
               "reading the events table");
  auto text = [](const char* pointer) { return std::string(pointer == nullptr ? "" : pointer); };
  events.reserve(records.size());
  for (const EventRecord& record : records) {
    events.push_back({record.tick, text(record.date), text(record.event), text(record.type),
                      text(record.target), text(record.parameter), record.value});
  }
  release_variable_length(in_memory.get(), space.get(), records.data());
  return events;
}

}  // namespace migdip::hdf5
