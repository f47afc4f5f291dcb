#!/usr/bin/python3
"""`migdip export --format csv`: every number of the CSV tables is the number in the HDF5 file.

Usage:
    PYTHONPATH=python test_export.py MIGDIP_BINARY SOURCE_DIR   (this is what CTest runs)

Runs the minimal scenario, the strategic flagship (deals and a negotiation log), the flagship
with yearly float32 outputs (other auxiliary coordinates, rounded values), and a small sweep
(a grid over a number and a word, two replicates, two kept series), exports each, reads the
CSVs back with pandas (float_precision="round_trip", as docs/csv-export.md says) and compares
every cell with what h5py and xarray read from the file, exactly (NaN equal to NaN). Also an
interrupted sweep (its done runs only), --force, and stop signals leaving nothing behind.
"""

import os
import pathlib
import signal
import subprocess
import sys
import tempfile
import unittest

import h5py
import numpy as np
import pandas as pd
import xarray as xr

from migdip import open_sweep  # the package's reader (PYTHONPATH=python, set by ctest)

BINARY = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else os.environ["MIGDIP_BINARY"])
SOURCE_DIR = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else os.environ["MIGDIP_SOURCE_DIR"])
SCENARIOS = SOURCE_DIR / "scenarios"

PLAN = """\
[sweep]
name = export-test
sampler = grid
replicates = 2
seed = 5
series = states.arrivals, corridors.deaths

[parameter state.TUR.exit_enforcement]
levels = 0.1, 0.35

[parameter scenario.mode]
levels = expected, stochastic
"""


def migdip(*arguments, check=True):
    result = subprocess.run([str(BINARY), *map(str, arguments)], capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(f"migdip {' '.join(map(str, arguments))}: {result.stderr}")
    return result


def read_csv(path):
    """As docs/csv-export.md reads them: exact numbers, empty text kept as empty text."""
    return pd.read_csv(path, float_precision="round_trip", keep_default_na=False,
                       na_values=["NaN"])


def text(values):
    return [v.decode() if isinstance(v, bytes) else str(v) for v in values]


def assert_numbers_equal(test, actual, expected, what):
    actual = np.asarray(actual, dtype=np.float64)
    expected = np.asarray(expected, dtype=np.float64)
    test.assertEqual(actual.shape, expected.shape, what)
    same = (actual == expected) | (np.isnan(actual) & np.isnan(expected))
    test.assertTrue(same.all(), f"{what}: {actual[~same][:5]} != {expected[~same][:5]}")
    # The bits too: -0 is not 0 in a file that must read back exactly.
    finite = np.isfinite(expected)
    test.assertTrue((np.signbit(actual[finite]) == np.signbit(expected[finite])).all(), what)


class ExportTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.dir = pathlib.Path(cls.tmp.name)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def export(self, source, name, *extra):
        out = self.dir / name
        result = migdip("export", source, "-o", out, *extra)
        self.assertIn(f"wrote {out}/", result.stdout)
        return out

    # A run's groups: each variable in exactly one file of its group, with its coordinates.
    def check_run(self, h5_path, out):
        written = {p.name for p in out.iterdir()}
        seen = set()
        with h5py.File(h5_path, "r") as f:
            # /tables holds the netCDF-4 copies of the tables, exported as events.csv etc.
            groups = [name for name in f
                      if isinstance(f[name], h5py.Group) and name != "tables"]
            for group in groups:
                ds = xr.open_dataset(h5_path, group=group, engine="h5netcdf")
                files = sorted(n for n in written
                               if n == f"{group}.csv" or n.startswith(f"{group}_by_")
                               or n.startswith(f"{group}_over_"))
                self.assertIn(f"{group}.csv", files)
                for name in files:
                    seen.add(name)
                    self.check_group_file(f, ds, group, out / name)
                covered = set()
                for name in files:
                    covered |= set(read_csv(out / name).columns)
                self.assertTrue(set(ds.data_vars) <= covered, group)
            self.check_tables(f, out)
            seen |= {"events.csv", "deals.csv", "negotiation_log.csv", "attributes.csv"}
            attributes = read_csv(out / "attributes.csv").astype(str)
            expected = {k: (v if isinstance(v, str) else repr(float(v)))
                        for k, v in f.attrs.items()}
            got = dict(zip(attributes["name"], attributes["value"]))
            self.assertEqual(set(got), set(expected))
            for key, value in expected.items():
                if isinstance(f.attrs[key], str):
                    self.assertEqual(got[key], value, key)
                else:
                    self.assertEqual(float(got[key]), float(f.attrs[key]), key)
        self.assertEqual(seen, written)

    def check_group_file(self, f, ds, group, path):
        frame = read_csv(path)
        variables = [c for c in frame.columns if c in ds.data_vars]
        self.assertTrue(variables, path)
        dims = list(ds[variables[0]].dims)
        coordinate_columns = [c for c in frame.columns if c not in variables]
        # The coordinates, outermost dimension first, each followed by its auxiliaries.
        expected_columns = []
        for dim in dims:
            expected_columns.append(dim)
            expected_columns += [c for c in ds.coords
                                 if c != dim and ds[c].dims == (dim,)]
        self.assertEqual(coordinate_columns, expected_columns, path)
        index = pd.MultiIndex.from_product([range(ds.sizes[d]) for d in dims])
        self.assertEqual(len(frame), len(index), path)
        for position, dim in enumerate(dims):
            at = index.get_level_values(position)
            for column in [dim] + [c for c in expected_columns
                                   if c != dim and ds[c].dims == (dim,)]:
                stored = f[group][column]
                if h5py.check_string_dtype(stored.dtype):
                    self.assertEqual(list(frame[column].astype(str)),
                                     [text(stored[()])[i] for i in at], f"{path} {column}")
                elif np.issubdtype(ds[column].dtype, np.datetime64):
                    dates = pd.DatetimeIndex(ds[column].values).strftime("%Y-%m-%d")
                    self.assertEqual(list(frame[column]), [dates[i] for i in at], f"{path} {column}")
                else:
                    assert_numbers_equal(self, frame[column], stored[()][at], f"{path} {column}")
        for variable in variables:
            self.assertEqual(list(ds[variable].dims), dims, f"{path} {variable}")
            assert_numbers_equal(self, frame[variable], f[group][variable][()].ravel(),
                                 f"{path} {variable}")

    def check_tables(self, f, out):
        for table in ["events", "deals", "negotiation_log"]:
            frame = read_csv(out / f"{table}.csv")
            stored = f[table][()]
            self.assertEqual(list(frame.columns), list(stored.dtype.names), table)
            self.assertEqual(len(frame), len(stored), table)
            for column in stored.dtype.names:
                values = stored[column]
                if values.dtype.kind == "O":
                    self.assertEqual(list(frame[column].astype(str)), text(values),
                                     f"{table}.{column}")
                else:
                    assert_numbers_equal(self, frame[column], values, f"{table}.{column}")

    def test_minimal_run(self):
        h5 = self.dir / "minimal.h5"
        migdip("run", SCENARIOS / "minimal.ini", "-o", h5, "-q")
        self.check_run(h5, self.export(h5, "minimal-csv"))

    def test_strategic_flagship_with_its_deals(self):
        h5 = self.dir / "ems.h5"
        migdip("run", SCENARIOS / "eastern-mediterranean-2015-2017-strategic.ini", "-o", h5, "-q")
        out = self.export(h5, "ems-csv")
        self.check_run(h5, out)
        self.assertGreater(len(read_csv(out / "deals.csv")), 0)
        self.assertGreater(len(read_csv(out / "negotiation_log.csv")), 0)
        # Several sets of dimensions in one group: a file each.
        self.assertTrue((out / "corridors_by_nationality.csv").exists())
        self.assertTrue((out / "nationalities_by_status.csv").exists())

    def test_yearly_float32_outputs(self):
        h5 = self.dir / "yearly.h5"
        migdip("run", SCENARIOS / "eastern-mediterranean-2015-2017.ini", "-o", h5, "-q",
               "--set", "outputs.interval=year", "--set", "outputs.precision=float32")
        out = self.export(h5, "yearly-csv")
        self.check_run(h5, out)
        states = read_csv(out / "states.csv")
        self.assertEqual(list(states.columns[:4]), ["time", "first_tick", "ticks", "interval_days"])
        self.assertEqual(sorted(set(states["time"])), ["2015-01-01", "2016-01-01", "2017-01-01"])

    def run_sweep(self, name, *extra):
        plan = self.dir / "plan.ini"
        plan.write_text(PLAN)
        h5 = self.dir / f"{name}.h5"
        migdip("sweep", SCENARIOS / "eastern-mediterranean-2015-2017.ini", "--plan", plan,
               "-o", h5, "--threads", "1", "-q", *extra)
        return h5

    def check_sweep(self, h5, out, done_only=False):
        with h5py.File(h5, "r") as f:
            runs = read_csv(out / "runs.csv")
            parameters = text(f["parameter"][()])
            metrics = text(f["metric"][()])
            # Each parameter also under the formula-safe name Sweep.runs gives it.
            formula = list(open_sweep(h5).formula_columns.values())
            self.assertEqual(len(formula), len(parameters))
            self.assertEqual(list(runs.columns), ["run", "point", "replicate", "seed"]
                             + parameters + formula + metrics)
            done = f["done"][()]
            points, replicates = np.nonzero(done)
            rows = len(points)
            self.assertEqual(len(runs), rows)
            replicate_count = f["replicate"].shape[0]
            global_points = f["point"][()][points]
            self.assertEqual(list(runs["point"]), list(global_points))
            self.assertEqual(list(runs["replicate"]), list(replicates))
            self.assertEqual(list(runs["run"]),
                             list(global_points * replicate_count + replicates))
            # Seeds above 2^63 exactly: compared as text, not through a float.
            seeds = pd.read_csv(out / "runs.csv", dtype={"seed": str})["seed"]
            self.assertEqual(list(seeds), [str(s) for s in f["seed"][()][points, replicates]])
            values = f["value"][()]
            value_texts = f["value_text"].asstr()[()]
            for j, parameter in enumerate(parameters):
                column = values[points, j]
                for name in (parameter, formula[j]):
                    if np.isnan(column).all():
                        self.assertEqual(list(runs[name]), list(value_texts[points, j]))
                    else:
                        assert_numbers_equal(self, runs[name], column, name)
            for m, metric in enumerate(metrics):
                assert_numbers_equal(self, runs[metric], f["metrics"][()][points, replicates, m],
                                     metric)
            kept = f["series"].attrs["order"].split() if "series" in f else []
            for name in kept:
                group, variable = name.split(".")
                frame = read_csv(out / f"series.{group}.{variable}.csv")
                ds = xr.open_dataset(h5, group=f"series/{group}", engine="h5netcdf")
                data = f["series"][group][variable][()][points, replicates]
                self.assertEqual(len(frame), data.size, name)
                assert_numbers_equal(self, frame[variable], data.ravel(), name)
                per_run = data[0].size
                assert_numbers_equal(self, frame["run"],
                                     np.repeat(global_points * replicate_count + replicates,
                                               per_run), name)
                dates = pd.DatetimeIndex(ds["time"].values).strftime("%Y-%m-%d")
                n_other = per_run // len(dates)
                self.assertEqual(list(frame["time"][:per_run]), list(np.repeat(dates, n_other)))
            written = {p.name for p in out.iterdir()}
            self.assertEqual(written, {"runs.csv", "attributes.csv"}
                             | {f"series.{name}.csv" for name in kept})
            if done_only:
                self.assertLess(rows, done.size)

    def test_sweep(self):
        h5 = self.run_sweep("sweep")
        out = self.export(h5, "sweep-csv")
        self.check_sweep(h5, out)
        runs = read_csv(out / "runs.csv")
        self.assertEqual(sorted(set(runs["scenario.mode"])), ["expected", "stochastic"])
        attributes = read_csv(out / "attributes.csv")
        self.assertEqual(dict(zip(attributes["name"], attributes["value"]))["complete"], "1")

    def test_interrupted_sweep_gives_its_done_runs(self):
        h5 = self.run_sweep("whole")
        partial = self.dir / "cut.h5.partial"
        # A partial file: the whole sweep with half its runs marked not done.
        import shutil
        shutil.copy(h5, partial)
        with h5py.File(partial, "r+") as f:
            done = f["done"][()]
            done[1::2] = 0
            f["done"][...] = done
            f["metrics"][1::2] = np.nan
            f.attrs["complete"] = 0
        result = migdip("export", partial, "-o", self.dir / "cut-csv")
        self.assertIn("done runs only", result.stdout)
        self.check_sweep(partial, self.dir / "cut-csv", done_only=True)

    def test_force_replaces_an_export_and_nothing_else(self):
        h5 = self.dir / "force.h5"
        migdip("run", SCENARIOS / "minimal.ini", "-o", h5, "-q")
        out = self.export(h5, "force-csv")
        again = migdip("export", h5, "-o", out, check=False)
        self.assertEqual(again.returncode, 2)
        self.assertIn("--force", again.stderr)
        (out / "states.csv").write_text("stale\n")
        self.export(h5, "force-csv", "--force")
        self.assertNotEqual((out / "states.csv").read_text(), "stale\n")
        (out / "notes.txt").write_text("mine\n")
        refused = migdip("export", h5, "-o", out, "--force", check=False)
        self.assertEqual(refused.returncode, 2)
        self.assertIn("notes.txt", refused.stderr)
        self.assertTrue((out / "notes.txt").exists())
        leftovers = [p.name for p in self.dir.iterdir() if p.name.startswith(".force-csv")]
        self.assertEqual(leftovers, [])

    def test_stop_signal_leaves_nothing(self):
        # A large export, stopped while it writes: no directory, no temporary, status 128 + N.
        h5 = self.dir / "large.h5"
        migdip("run", SCENARIOS / "eastern-mediterranean-2015-2017.ini", "-o", h5, "-q",
               "--set", "scenario.tick_length=day", "--set", "scenario.ticks=2000")
        out = self.dir / "large-csv"
        process = subprocess.Popen([str(BINARY), "export", str(h5), "-o", str(out)],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        # Wait until the temporary directory holds a file, then stop.
        import time
        deadline = time.time() + 60
        while time.time() < deadline and process.poll() is None:
            if any(p.name.startswith(".large-csv.tmp-") and any(p.iterdir())
                   for p in self.dir.iterdir()):
                break
            time.sleep(0.005)
        process.send_signal(signal.SIGTERM)
        process.communicate()
        if process.returncode == 0:
            self.skipTest("the export finished before the signal")
        self.assertEqual(process.returncode, -signal.SIGTERM)
        self.assertFalse(out.exists())
        self.assertEqual([p.name for p in self.dir.iterdir() if p.name.startswith(".large-csv")],
                         [])


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
