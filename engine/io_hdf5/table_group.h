#pragma once
// Open tables: a table (events, deals, negotiation log) as a netCDF-4 group of 1-D variables
// along one dimension, `row`, so that netCDF tools (ncdump, R's ncdf4, Julia's NCDatasets) and
// xarray read it with no custom code. The compound datasets of compound_table.h hold the same
// rows for h5py and pandas, but netCDF does not see compound types with variable-length strings.
//
// Each field becomes a variable of its own name: int32 and float64 as they are, text as netCDF
// `string` (variable-length UTF-8), and a date field as a float64 CF time, days since a
// reference date, which `ncdump -t` prints as dates and xarray decodes to datetime64.

#include <chrono>
#include <string>
#include <vector>

#include "io_hdf5/compound_table.h"
#include "io_hdf5/hdf5_helpers.h"

namespace migdip::hdf5 {

/// The CF units of a table's times: days since `reference`, as the time coordinates of the
/// results file's groups ("days since YYYY-MM-DD 00:00:00").
struct TableTimes {
  std::chrono::sys_days reference;
  std::string units;
};

/// Times counted from `reference`.
TableTimes table_times(std::chrono::sys_days reference);
/// The times of `units` ("days since YYYY-MM-DD" or "days since YYYY-MM-DD 00:00:00"); nullopt
/// for other units.
std::optional<TableTimes> table_times_of(const std::string& units);

/// Writes `columns` (all of one length) as the group `name` under `parent`: the dimension scale
/// `row` (int32 0, 1, ..., n-1, also for n = 0) and a variable per column, in column order, each
/// with its `long_name` and `units` as fixed-length text attributes (netCDF's NC_CHAR), and the
/// group's `description`. Date columns ("YYYY-MM-DD", "" for none) become float64 days since
/// `times.reference` (NaN for none) with `times.units`. Throws Error for columns of unequal
/// length, text that is not storable UTF-8, or a date column holding something else.
void write_table_group(const H5::Group& parent, const char* name, const char* description,
                       const std::vector<Column>& columns, const TableTimes& times);

}  // namespace migdip::hdf5
