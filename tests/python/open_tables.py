"""The open tables of a results file (docs/results-format.md, "Open tables"): each table
(events, deals, negotiation log) is also a netCDF-4 group under /tables, which xarray must open
with the same rows as the compound table. Shared by check_results.py and check_open_tables.py."""

import h5py
import numpy as np
import pandas as pd
import xarray as xr

# The compound tables and their fields' kinds: text fields named "date" or "*_date" are dates.
TABLES = ("events", "deals", "negotiation_log")


def _decode(value):
    return value.decode("utf-8") if isinstance(value, bytes) else value


def compound_frame(f, table):
    """A compound table read with h5py as a DataFrame, its text decoded to str."""
    frame = pd.DataFrame(f[table][()])
    for column in frame.columns:
        if frame[column].dtype == object:
            frame[column] = frame[column].map(_decode)
    return frame


def is_date(field):
    return field == "date" or field.endswith("_date")


def differences(path):
    """Every way in which the open tables of `path`, opened with xarray (engine="h5netcdf"),
    differ from its compound tables, as one-line messages; [] when they hold the same rows."""
    found = []
    with h5py.File(path, "r") as f:
        if "tables" not in f:
            return ["no /tables group"]
        frames = {table: compound_frame(f, table) for table in TABLES}
        fields = {table: list(f[table].dtype.names) for table in TABLES}
    for table in TABLES:
        where = f"/tables/{table}"
        with xr.open_dataset(path, group=f"tables/{table}", engine="h5netcdf") as ds:
            ds.load()
            frame = frames[table]
            if list(ds.dims) != ["row"] or ds.sizes["row"] != len(frame):
                found.append(f"{where}: dimensions {dict(ds.sizes)}, expected row={len(frame)}")
                continue
            if list(ds.data_vars) != fields[table]:
                found.append(f"{where}: variables {list(ds.data_vars)}, expected "
                             f"{fields[table]} (the compound table's fields, in order)")
                continue
            if not np.array_equal(ds["row"].values, np.arange(len(frame))):
                found.append(f"{where}: row is not 0, 1, ..., n-1")
            for field in fields[table]:
                shown = ds[field].values
                stored = frame[field].to_numpy()
                if is_date(field):
                    ok = (np.issubdtype(shown.dtype, np.datetime64)
                          and np.array_equal(shown, pd.to_datetime(stored).to_numpy()))
                elif stored.dtype == object:
                    ok = shown.dtype == object and [str(v) for v in shown] == list(stored)
                else:
                    ok = shown.dtype == stored.dtype and np.array_equal(shown, stored,
                                                                        equal_nan=True)
                if not ok:
                    found.append(f"{where}/{field}: {shown!r} (xarray) differs from "
                                 f"{stored!r} (/{table})")
    return found
