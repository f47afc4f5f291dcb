#pragma once
// The events table: one compound HDF5 dataset, a row per EventRow, so that h5py reads it in one
// call (`f["events"][:]`) and pandas turns it into a DataFrame.

#include <vector>

#include "io_hdf5/hdf5_helpers.h"
#include "migdip/recording/run_record.h"

namespace migdip::hdf5 {

/// Writes `/events` (and its row dimension scale `/event_row`) under `file`'s root.
void write_events_table(Id file, const std::vector<EventRow>& events);

/// Reads `/events` back. Throws Error when it is missing a field of the layout.
std::vector<EventRow> read_events_table(Id file);

}  // namespace migdip::hdf5
