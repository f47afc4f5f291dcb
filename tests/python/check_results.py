#!/usr/bin/python3
"""Checks that Python's usual tools open migdip results files with no custom code.

Usage:
    check_results.py MIGDIP_BINARY SCENARIO_DIR
        Runs `MIGDIP_BINARY run SCENARIO -o <tmp>/<name>.h5` for every SCENARIO_DIR/*.ini and
        checks each results file (this is what CTest runs).
    check_results.py --file RESULTS.h5 [RESULTS.h5 ...]
        Checks existing results files only (for development).

Each file is opened with h5py and with xarray (engine="h5netcdf") on the root and on every
group: dimensions must be named and have coordinates, time must be non-empty and decode to
datetime64, units must survive (and every numeric data variable have some), and the events table
must load into pandas, and the open tables (/tables/*) must open in xarray with the same rows as
the compound tables. Other empty dimensions (a scenario may have no pathways) are noted only. Exits 0 when every check passes, 1 with
a list of problems otherwise, 2 on bad usage. See docs/results-format.md.
"""

import argparse
import importlib
import pathlib
import subprocess
import sys
import tempfile
import warnings

try:
    import h5py
    import numpy as np
    import pandas as pd
    import xarray as xr
    importlib.import_module("h5netcdf")
    import open_tables  # xarray's engine: fail early and clearly without it
except ImportError as missing:
    print(f"check_results: missing Python package: {missing}", file=sys.stderr)
    sys.exit(1)

EVENT_FIELDS = ["tick", "date", "event", "type", "target", "parameter", "value"]
# The tables of format 1.1 (docs/results-format.md), written even when empty.
TABLE_FIELDS = {
    "deals": ["deal", "negotiation", "demander", "partner", "terms", "conditionality",
              "payment_per_month", "signed_tick", "signed_date", "end_tick", "end_date",
              "status", "paid", "compliance", "demander_gain", "partner_gain"],
    "negotiation_log": ["tick", "date", "negotiation", "deal", "action", "actor",
                        "instrument", "value"],
}
TABLE_ROWS = {"deals": "deal_row", "negotiation_log": "negotiation_row"}
ROOT_DATASETS = {"scenario_text", "resolved_scenario_text", "events", "event_row",
                 *TABLE_FIELDS, *TABLE_ROWS.values()}
# The group of open tables (format 1.2): not a group of series.
OPEN_TABLES = "tables"


class Problems:
    """Collects every problem in a file rather than stopping at the first."""

    def __init__(self, where):
        self.where = where
        self.items = []

    def add(self, message):
        self.items.append(f"{self.where}: {message}")

    def check(self, condition, message):
        if not condition:
            self.add(message)
        return condition


def decode(value):
    return value.decode("utf-8") if isinstance(value, bytes) else value


def events_frame(table):
    """The events table as a DataFrame of str, int and float columns."""
    frame = pd.DataFrame(table[:])
    for column in frame.columns:
        if frame[column].dtype == object:
            frame[column] = frame[column].map(decode)
    return frame


def check_h5py(path, problems):
    """Root attributes, texts and the events table, through h5py and pandas."""
    with h5py.File(path, "r") as f:
        version = f.attrs.get("format_version")
        problems.check(isinstance(version, str) and version.startswith("1."),
                       f"format_version is {version!r}, expected '1.x'")
        for name in ("scenario_text", "resolved_scenario_text"):
            if problems.check(name in f, f"no /{name} dataset"):
                text = f[name].asstr()[()]
                problems.check(isinstance(text, str) and text.strip() != "",
                               f"/{name} is empty or not text")

        event_count = 0
        if problems.check("events" in f, "no /events table"):
            table = f["events"]
            problems.check(
                table.dtype.names is not None and list(table.dtype.names) == EVENT_FIELDS,
                f"/events fields are {table.dtype.names}, expected {EVENT_FIELDS}")
            problems.check(len(table.dims[0]) == 1 and table.dims[0][0].name == "/event_row",
                           "/events has no dimension scale /event_row")
            frame = events_frame(table)
            event_count = len(frame)
            if event_count > 0:
                problems.check(frame["tick"].dtype == np.int32, "events.tick is not int32")
                problems.check(frame["value"].dtype == np.float64, "events.value is not float64")
                problems.check(all(isinstance(v, str) for v in frame["event"]),
                               "events.event does not decode to str")
                dates = pd.to_datetime(frame["date"], format="%Y-%m-%d", errors="coerce")
                problems.check(not dates.isna().any(),
                               "events.date has values that are not YYYY-MM-DD")

        for name, fields in TABLE_FIELDS.items():
            if problems.check(name in f, f"no /{name} table"):
                table = f[name]
                problems.check(table.dtype.names is not None and list(table.dtype.names) == fields,
                               f"/{name} fields are {table.dtype.names}, expected {fields}")
                scale = f"/{TABLE_ROWS[name]}"
                problems.check(len(table.dims[0]) == 1 and table.dims[0][0].name == scale,
                               f"/{name} has no dimension scale {scale}")
                events_frame(table)  # loads into pandas

        groups = [name for name, item in f.items()
                  if isinstance(item, h5py.Group) and name != OPEN_TABLES]
        problems.check(groups, "no groups")
        problems.check(OPEN_TABLES in f, f"no /{OPEN_TABLES} group")
        for name in f:
            problems.check(name in ROOT_DATASETS or name in groups or name == OPEN_TABLES,
                           f"unexpected root member /{name}")
        units = {}
        for group in groups:
            for name, item in f[group].items():
                if "units" in item.attrs:
                    units[(group, name)] = item.attrs["units"]
        return event_count, groups, units


def check_root_xarray(path, problems):
    with xr.open_dataset(path, engine="h5netcdf") as ds:
        ds.load()
        problems.check("format_version" in ds.attrs, "xarray: root has no format_version")
        for name in ("events", *TABLE_FIELDS):
            problems.check(name in ds.variables, f"xarray: root shows no {name} table")


def check_group_xarray(path, group, units, problems, notes):
    """One group through xarray; returns 'name=size' strings for the summary. Findings that are
    not failures go to `notes`."""
    with xr.open_dataset(path, group=group, engine="h5netcdf") as ds:
        ds.load()
        where = f"group '{group}'"
        problems.check("description" in ds.attrs, f"{where}: no description attribute")
        problems.check(len(ds.data_vars) > 0, f"{where}: no data variables")
        for dim, size in ds.sizes.items():
            problems.check(not dim.startswith("phony_dim"), f"{where}: unnamed dimension {dim}")
            problems.check(dim in ds.coords, f"{where}: dimension '{dim}' has no coordinate")
            # A scenario may legitimately have none of something (e.g. no pathways), but a
            # run always has time steps.
            if size == 0:
                if np.issubdtype(ds[dim].dtype, np.datetime64) or dim == "time":
                    problems.add(f"{where}: time dimension '{dim}' is empty")
                else:
                    notes.append(f"{where}: dimension '{dim}' is empty")
        for name, variable in ds.variables.items():
            stored = units.get((group, name))
            shown = variable.attrs.get("units", variable.encoding.get("units"))
            if stored is not None:
                problems.check(shown == stored,
                               f"{where}: units of '{name}' are {shown!r}, stored {stored!r}")
            if stored is not None and " since " in stored:
                if problems.check(np.issubdtype(variable.dtype, np.datetime64),
                                  f"{where}: '{name}' ({stored}) did not decode to datetime64"):
                    problems.check(not np.isnat(variable.values).any(),
                                   f"{where}: '{name}' decoded to NaT")
        for name, variable in ds.data_vars.items():
            if np.issubdtype(variable.dtype, np.number):
                problems.check(variable.attrs.get("units", "") != "",
                               f"{where}: data variable '{name}' has no units")
        with h5py.File(path, "r") as f:
            listed = f[group].attrs.get("coordinates", "")
        for name in listed.split():
            problems.check(name in ds.coords and name not in ds.data_vars,
                           f"{where}: auxiliary coordinate '{name}' is not shown as a coordinate")
        has_time = any(np.issubdtype(ds[dim].dtype, np.datetime64) for dim in ds.dims if dim in ds)
        return [f"{dim}={size}" for dim, size in ds.sizes.items()], has_time


def check_file(path, label):
    """Every check on one results file; returns (problems, summary)."""
    problems = Problems(label)
    notes = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            event_count, groups, units = check_h5py(path, problems)
            check_root_xarray(path, problems)
            parts = []
            any_time = False
            for group in groups:
                dims, has_time = check_group_xarray(path, group, units, problems, notes)
                any_time = any_time or has_time
                parts.append(f"{group}({', '.join(dims)})")
            problems.check(any_time, "no group has a time coordinate decoded to datetime64")
            for difference in open_tables.differences(path):
                problems.add(difference)
        for warning in caught:
            message = f"warning from {warning.category.__name__}: {warning.message}"
            # Deprecations speak of future library versions, not of this file.
            if issubclass(warning.category, (DeprecationWarning, PendingDeprecationWarning,
                                             FutureWarning)):
                notes.append(message)
            else:
                problems.add(message)
    except Exception as error:  # any failure to open or read is a finding, not a crash
        problems.add(f"{type(error).__name__}: {error}")
        return problems.items, "unreadable"
    summary = f"{len(groups)} groups: {'; '.join(parts)}; {event_count} events"
    if notes:
        summary += "\n  note: " + "\n  note: ".join(notes)
    return problems.items, summary


def run_scenarios(binary, scenario_dir):
    binary = pathlib.Path(binary)
    scenario_dir = pathlib.Path(scenario_dir)
    if not binary.is_file():
        return [f"migdip binary not found: {binary}"], []
    scenarios = sorted(scenario_dir.glob("*.ini"))
    if not scenarios:
        return [f"no scenario files (*.ini) in {scenario_dir}"], []
    all_problems = []
    summaries = []
    with tempfile.TemporaryDirectory(prefix="migdip-check-") as tmp:
        for scenario in scenarios:
            output = pathlib.Path(tmp) / (scenario.stem + ".h5")
            command = [str(binary), "run", str(scenario), "-o", str(output)]
            try:
                done = subprocess.run(command, capture_output=True, text=True, timeout=600)
            except subprocess.TimeoutExpired:
                all_problems.append(f"{scenario.name}: `{' '.join(command)}` took over 600 s")
                continue
            if done.returncode != 0:
                detail = (done.stderr or done.stdout).strip().splitlines()
                all_problems.append(f"{scenario.name}: `{' '.join(command)}` exited with "
                                    f"{done.returncode}: {detail[-1] if detail else 'no output'}")
                continue
            if not output.is_file():
                all_problems.append(f"{scenario.name}: the run succeeded but wrote no {output}")
                continue
            leftovers = [p.name for p in pathlib.Path(tmp).iterdir() if ".tmp-" in p.name]
            if leftovers:
                all_problems.append(f"{scenario.name}: temporary files left: {leftovers}")
            problems, summary = check_file(str(output), scenario.name)
            all_problems.extend(problems)
            summaries.append(f"{scenario.name}: {summary}")
    return all_problems, summaries


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary", nargs="?", help="the migdip program")
    parser.add_argument("scenario_dir", nargs="?", help="directory of *.ini scenarios")
    parser.add_argument("--file", nargs="+", metavar="RESULTS", help="check these files instead")
    args = parser.parse_args()
    if args.file:
        problems, summaries = [], []
        for path in args.file:
            found, summary = check_file(path, path)
            problems.extend(found)
            summaries.append(f"{path}: {summary}")
    elif args.binary and args.scenario_dir:
        problems, summaries = run_scenarios(args.binary, args.scenario_dir)
    else:
        parser.print_usage(sys.stderr)
        return 2
    for line in summaries:
        print(line)
    if problems:
        print(f"check_results: {len(problems)} problem(s):", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(f"check_results: {len(summaries)} results file(s) open cleanly with h5py, "
          f"xarray (h5netcdf) and pandas")
    return 0


if __name__ == "__main__":
    sys.exit(main())
