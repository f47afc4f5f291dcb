#pragma once
// The tables of a run record, as compound datasets in the root group (docs/results-format.md):
// the events applied (`/events`), the deals signed (`/deals`, from format 1.1) and the
// negotiation log (`/negotiation_log`, from format 1.1). Each field is named after its member in
// EventRow, DealRow or NegotiationRow. From format 1.2 the same rows are also written as the open
// tables, a netCDF-4 group each under `/tables` (table_group.h), for netCDF tools.

#include "io_hdf5/compound_table.h"
#include "io_hdf5/table_group.h"
#include "migdip/recording/record_sink.h"
#include "migdip/recording/run_record.h"

namespace migdip::hdf5 {

const RowLayout<EventRow>& events_table();
const RowLayout<DealRow>& deals_table();
const RowLayout<NegotiationRow>& negotiation_log_table();

/// Writes the group `/tables` under `file` and in it each table as a netCDF-4 group named after
/// the table, its dates as days since `times.reference`.
void write_open_tables(const H5::Group& file, const RecordTables& tables, const TableTimes& times);

}  // namespace migdip::hdf5
