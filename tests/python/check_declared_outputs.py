#!/usr/bin/python3
"""A results file written with declared outputs opens in xarray as any other.

Usage:
    check_declared_outputs.py MIGDIP_BINARY SOURCE_DIR

Runs the flagship scenario with daily ticks twice: once per tick (the default), once with
`interval=month`, `precision=float32` and an `exclude`. The monthly file must pass every check
of check_results.py (h5py, xarray, units, datetime64 time), have one time step per calendar month
starting on its first day, the number of ticks of each month beside it, only the variables not
excluded, float32 series, and monthly sums of a flow that add up, over each year, to the tick
file's sums (to float32's precision). Exits 0 when every check passes, 1 otherwise.
"""

import pathlib
import subprocess
import sys
import tempfile

import h5py
import numpy as np
import xarray as xr

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from check_results import check_file  # noqa: E402  (the checks every results file passes)

DAILY = ["--set", "scenario.tick_length=day"]  # 2015-01-01 to its end_date, 2017-12-31
DECLARED = ["--set", "outputs.interval=month", "--set", "outputs.precision=float32",
            "--set", "outputs.exclude=states/salience, blocs, corridors/deaths"]


def run(binary, scenario, output, extra):
    command = [binary, "run", scenario, "-o", output, "-q", *extra]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise SystemExit(f"`{' '.join(command)}` exited with {done.returncode}: {done.stderr}")


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    binary, source = sys.argv[1], pathlib.Path(sys.argv[2])
    scenario = str(source / "scenarios" / "eastern-mediterranean-2015-2017.ini")
    problems = []

    def check(condition, message):
        if not condition:
            problems.append(message)

    with tempfile.TemporaryDirectory(prefix="migdip-declared-") as tmp:
        ticks_path = str(pathlib.Path(tmp) / "ticks.h5")
        months_path = str(pathlib.Path(tmp) / "months.h5")
        run(binary, scenario, ticks_path, DAILY)
        run(binary, scenario, months_path, DAILY + DECLARED)

        found, _ = check_file(months_path, "monthly file")
        problems.extend(found)

        with xr.open_dataset(ticks_path, group="states", engine="h5netcdf") as ticks, \
                xr.open_dataset(months_path, group="states", engine="h5netcdf") as months:
            expected_starts = np.arange("2015-01", "2018-01", dtype="datetime64[M]")
            check(np.array_equal(months["time"].values.astype("datetime64[M]"), expected_starts)
                  and np.array_equal(months["time"].values,
                                     expected_starts.astype("datetime64[ns]")),
                  f"monthly time is {months['time'].values[:3]}..., expected the 1st of each month")
            days = expected_starts.astype("datetime64[D]")
            lengths = np.diff(np.append(days, np.datetime64("2018-01-01"))).astype(int)
            check(np.array_equal(months["ticks"].values, lengths),
                  f"ticks per month are {months['ticks'].values}, expected {lengths}")
            check("salience" not in months.data_vars, "states/salience was excluded but written")
            check("arrivals" in months.data_vars, "states/arrivals is missing")
            check(months["arrivals"].dtype == np.float32, "series are not float32")
            check(months["time"].encoding.get("dtype", np.float64) == np.float64,
                  "the time coordinate is not float64")
            check(months["arrivals"].attrs.get("units") == "people/month",
                  f"units of monthly arrivals are {months['arrivals'].attrs.get('units')!r}")
            check(months["arrivals"].attrs.get("cell_methods") == "time: sum",
                  "monthly arrivals have no cell_methods 'time: sum'")
            for year in ("2015", "2016", "2017"):
                by_tick = ticks["arrivals"].sel(time=year).sum("time").values
                by_month = months["arrivals"].sel(time=year).astype(np.float64).sum("time").values
                check(by_tick.sum() > 0, f"no arrivals in {year}")
                check(np.allclose(by_month, by_tick, rtol=1e-6, atol=1e-3),
                      f"{year}: monthly arrivals sum to {by_month}, ticks to {by_tick}")
            # A stock is taken at the end of the month: the value of its last day.
            last_days = ticks["hosted"].sel(time=ticks["time"].dt.is_month_end)
            check(np.allclose(months["hosted"].values, last_days.values, rtol=1e-6),
                  "monthly hosted is not the stock at the end of each month")
        with xr.open_dataset(months_path, group="corridors", engine="h5netcdf") as corridors:
            check("deaths" not in corridors.data_vars, "corridors/deaths was excluded but written")
            check("deaths_by_nationality" in corridors.data_vars,
                  "corridors/deaths_by_nationality is missing")
        with h5py.File(months_path, "r") as f:
            check("blocs" not in f, "the blocs group was excluded but written")
            check("states" in f and "nationalities" in f, "groups not excluded are missing")

    for problem in problems:
        print(problem)
    print("declared outputs: " + ("FAILED" if problems else "ok"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
