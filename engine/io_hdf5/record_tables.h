#pragma once
// The tables of a run record, as compound datasets in the root group (docs/results-format.md):
// the events applied (`/events`), the deals signed (`/deals`, from format 1.1) and the
// negotiation log (`/negotiation_log`, from format 1.1). Each field is named after its member in
// EventRow, DealRow or NegotiationRow.

#include "io_hdf5/compound_table.h"
#include "migdip/recording/run_record.h"

namespace migdip::hdf5 {

const RowLayout<EventRow>& events_table();
const RowLayout<DealRow>& deals_table();
const RowLayout<NegotiationRow>& negotiation_log_table();

}  // namespace migdip::hdf5
