#!/usr/bin/python3
"""Tests of the Python reader (python/migdip) against a results file from the real engine.

Usage:
    PYTHONPATH=python test_reader.py MIGDIP_BINARY SOURCE_DIR [unittest options]
        (this is what CTest runs)
    PYTHONPATH=python python3 -m unittest tests.python.test_reader   (from the source dir)
        The binary is then $MIGDIP_BINARY, else SOURCE_DIR/build/apps/migdip, and SOURCE_DIR is
        $MIGDIP_SOURCE_DIR, else the directory two levels above this file.

Runs `migdip run scenarios/minimal.ini` into a temporary directory and opens the file with
`migdip.open_run`: datasets, units, times (of any year), events, attributes, and the refusals
(FormatError, for damaged files too).
The minimal scenario has no negotiations, so the deals table and negotiation log are checked on
files whose tables this test writes itself with h5py, as docs/results-format.md lays them out.
"""

import datetime
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import unittest

import h5py
import numpy as np
import pandas as pd
import xarray as xr

SOURCE_DIR = pathlib.Path(os.environ.get("MIGDIP_SOURCE_DIR",
                                         pathlib.Path(__file__).resolve().parents[2]))
BINARY = pathlib.Path(os.environ.get("MIGDIP_BINARY", SOURCE_DIR / "build" / "apps" / "migdip"))

try:
    import migdip
except ImportError:  # run without PYTHONPATH: use the package of this source tree
    sys.path.insert(0, str(SOURCE_DIR / "python"))
    import migdip

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import damaged_results  # noqa: E402

GROUPS = ["states", "corridors", "nationalities", "pathways", "transfers", "blocs", "negotiations",
          "instruments"]

# The tables' fields as docs/results-format.md documents them: int32, float64 or UTF-8 text.
DEAL_LAYOUT = [("deal", "<i4"), ("negotiation", "str"), ("demander", "str"), ("partner", "str"),
               ("terms", "str"), ("conditionality", "str"), ("payment_per_month", "<f8"),
               ("signed_tick", "<i4"), ("signed_date", "str"), ("end_tick", "<i4"),
               ("end_date", "str"), ("status", "str"), ("paid", "<f8"), ("compliance", "<f8"),
               ("demander_gain", "<f8"), ("partner_gain", "<f8")]
NEGOTIATION_LAYOUT = [("tick", "<i4"), ("date", "str"), ("negotiation", "str"), ("deal", "<i4"),
                      ("action", "str"), ("actor", "str"), ("instrument", "str"),
                      ("value", "<f8")]
DEAL_COLUMNS = [field for field, _ in DEAL_LAYOUT]
NEGOTIATION_COLUMNS = [field for field, _ in NEGOTIATION_LAYOUT]


class ReaderTest(unittest.TestCase):
    """Reading a real run of scenarios/minimal.ini."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="migdip-reader-")
        cls.dir = pathlib.Path(cls.tmp.name)
        cls.path = cls.dir / "minimal.h5"
        command = [str(BINARY), "run", str(SOURCE_DIR / "scenarios" / "minimal.ini"),
                   "-o", str(cls.path)]
        if not BINARY.is_file():
            raise RuntimeError(f"migdip binary not found: {BINARY}")
        done = subprocess.run(command, capture_output=True, text=True, timeout=240)
        if done.returncode != 0 or not cls.path.is_file():
            raise RuntimeError(f"`{' '.join(command)}` failed ({done.returncode}): "
                               f"{done.stderr.strip()}")
        cls.opened = migdip.open_run(cls.path)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def copy(self, name):
        target = self.dir / name
        shutil.copyfile(self.path, target)
        return target

    # The package

    def test_package_exports(self):
        self.assertEqual(migdip.SUPPORTED_FORMAT_MAJOR, 1)
        self.assertIsInstance(migdip.__version__, str)
        self.assertTrue(issubclass(migdip.FormatError, Exception))
        self.assertIsInstance(self.opened, migdip.Run)

    # Root: attributes, texts, groups

    def test_attrs_are_decoded(self):
        attrs = self.opened.attrs
        self.assertEqual(list(attrs)[0], "format_version")
        self.assertTrue(attrs["format_version"].startswith("1."))
        self.assertEqual(self.opened.format_version, attrs["format_version"])
        self.assertEqual(attrs["seed"], "1")
        self.assertEqual(attrs["mode"], "expected")
        self.assertEqual(attrs["scenario_name"], "minimal")
        self.assertEqual(attrs["start_date"], "2020-01-01")
        self.assertEqual(attrs["ticks"], 24.0)
        self.assertIsInstance(attrs["ticks"], float)
        for name, value in attrs.items():
            self.assertNotIsInstance(value, (bytes, np.generic), name)

    def test_scenario_texts(self):
        self.assertIsInstance(self.opened.scenario_text, str)
        self.assertIn("[scenario]", self.opened.scenario_text)
        self.assertIn("name = minimal", self.opened.scenario_text)
        self.assertIsInstance(self.opened.resolved_scenario_text, str)
        self.assertIn("[scenario]", self.opened.resolved_scenario_text)

    def test_groups_in_recorded_order(self):
        self.assertEqual(self.opened.groups, GROUPS)

    # Groups as xarray Datasets

    def test_dimensions_are_named_and_have_coordinates(self):
        for group in GROUPS:
            with self.subTest(group=group):
                ds = self.opened.dataset(group)
                self.assertIn("time", ds.dims)
                for dim in ds.dims:
                    self.assertFalse(dim.startswith("phony_dim"), dim)
                    self.assertIn(dim, ds.coords)
                self.assertEqual(ds.sizes["time"], 24)
                self.assertTrue(np.issubdtype(ds["time"].dtype, np.datetime64))
                self.assertEqual(ds["time"].encoding["units"], "days since 2020-01-01 00:00:00")
                self.assertEqual(pd.Timestamp(ds["time"].values[0]), pd.Timestamp("2020-01-01"))
                self.assertEqual(pd.Timestamp(ds["time"].values[-1]), pd.Timestamp("2021-12-01"))

    def test_units_and_labels_are_kept(self):
        states = self.opened.states
        self.assertEqual(states["arrivals"].dims, ("time", "state"))
        self.assertEqual(states["arrivals"].attrs["units"], "people/tick")
        self.assertEqual(states["hosted"].attrs["units"], "people")
        self.assertEqual(list(states["state"].values), ["ORI", "TRA", "DST"])
        corridors = self.opened.corridors
        self.assertEqual(corridors["arrivals"].attrs["units"], "people/tick")
        self.assertIn("long_name", corridors["arrivals"].attrs)
        self.assertEqual(list(corridors["corridor"].values), ["ORI-TRA", "TRA-DST"])
        # Auxiliary coordinates are coordinates, not data variables.
        self.assertIn("corridor_from", corridors.coords)
        self.assertNotIn("corridor_from", corridors.data_vars)
        self.assertEqual(list(corridors["corridor_to"].values), ["TRA", "DST"])
        self.assertEqual(corridors["arrivals_by_nationality"].dims,
                         ("time", "corridor", "nationality"))
        self.assertGreater(float(corridors["arrivals"].sel(corridor="TRA-DST").sum()), 0)

    def test_properties_are_the_groups(self):
        for group in GROUPS:
            with self.subTest(group=group):
                self.assertTrue(getattr(self.opened, group).identical(self.opened.dataset(group)))

    def test_unknown_group(self):
        with self.assertRaises(KeyError) as caught:
            self.opened.dataset("no_such_group")
        self.assertIn("no_such_group", str(caught.exception))

    def test_no_file_handle_is_kept(self):
        path = self.copy("handles.h5")
        run = migdip.open_run(path)
        states = run.states
        # HDF5 refuses to truncate a file that is still open, in this process or another.
        h5py.File(path, "w").close()
        os.remove(path)
        self.assertEqual(states["arrivals"].attrs["units"], "people/tick")
        self.assertGreater(float(states["arrivals"].sum()), 0)  # the data was loaded
        self.assertEqual(len(run.events), len(self.opened.events))

    # Events

    def test_events_frame(self):
        events = self.opened.events
        self.assertEqual(list(events.columns), migdip.EVENT_COLUMNS)
        self.assertEqual(list(events.columns),
                         ["tick", "date", "event", "type", "target", "parameter", "value"])
        with h5py.File(self.path, "r") as f:
            self.assertEqual(len(events), len(f["events"]))
        self.assertEqual(len(events), 4)
        self.assertTrue(pd.api.types.is_integer_dtype(events["tick"]))
        self.assertTrue(pd.api.types.is_datetime64_dtype(events["date"]))
        self.assertTrue(pd.api.types.is_float_dtype(events["value"]))
        for column in ["event", "type", "target", "parameter"]:
            self.assertTrue(all(isinstance(v, str) for v in events[column]), column)
        aid = events.set_index("event").loc["aid"]
        self.assertEqual(aid["tick"], 12)
        self.assertEqual(aid["date"], pd.Timestamp("2021-01-01"))
        self.assertEqual(aid["type"], "transfer")
        self.assertEqual(aid["target"], "DST->TRA")
        self.assertEqual(aid["parameter"], "")
        self.assertEqual(aid["value"], 3e9)

    def test_events_is_a_copy(self):
        self.opened.events.drop(index=self.opened.events.index, inplace=True)
        self.opened.events["value"] = 0.0
        self.assertEqual(len(self.opened.events), 4)
        self.assertEqual(self.opened.events["value"].max(), 3e9)

    # Deals and the negotiation log

    def test_tables_are_stored_as_documented(self):
        """The engine writes both tables, empty here, with the documented fields and types."""
        with h5py.File(self.path, "r") as f:
            for name, fields, scale in (("deals", DEAL_LAYOUT, "/deal_row"),
                                        ("negotiation_log", NEGOTIATION_LAYOUT,
                                         "/negotiation_row")):
                with self.subTest(table=name):
                    table = f[name]
                    self.assertEqual(table.shape, (0,))
                    self.assertEqual(list(table.dtype.names), [field for field, _ in fields])
                    for field, kind in fields:
                        stored = table.dtype.fields[field][0]
                        if kind == "str":
                            self.assertEqual(h5py.check_string_dtype(stored).encoding, "utf-8",
                                             field)
                        else:
                            self.assertEqual(stored, np.dtype(kind), field)
                    self.assertEqual([item.name for item in table.dims[0].values()], [scale])
                    self.assertEqual(f[scale].shape, (0,))

    def test_no_deals_gives_empty_frames_with_the_columns(self):
        self.assert_empty_tables(self.opened)

    def assert_empty_tables(self, run):
        deals, log = run.deals, run.negotiation_log
        self.assertEqual(len(deals), 0)
        self.assertEqual(len(log), 0)
        self.assertEqual(list(deals.columns), migdip.results.DEAL_COLUMNS)
        self.assertEqual(list(log.columns), migdip.results.NEGOTIATION_COLUMNS)
        self.assertTrue(pd.api.types.is_integer_dtype(deals["signed_tick"]))
        self.assertTrue(pd.api.types.is_float_dtype(deals["paid"]))
        self.assertTrue(pd.api.types.is_datetime64_dtype(deals["end_date"]))
        self.assertTrue(pd.api.types.is_datetime64_dtype(log["date"]))
        self.assertTrue(pd.api.types.is_object_dtype(log["action"]))

    def test_deals_and_negotiation_log_frames(self):
        path = self.with_tables("deals.h5")
        run = migdip.open_run(path)
        deals = run.deals
        self.assertEqual(list(deals.columns), DEAL_COLUMNS)
        self.assertEqual(len(deals), 2)
        for column in ["negotiation", "demander", "partner", "terms", "conditionality", "status"]:
            self.assertTrue(all(isinstance(v, str) for v in deals[column]), column)
        first = deals.iloc[0]
        self.assertEqual(first["negotiation"], "eu-türkiye")
        self.assertEqual((first["demander"], first["partner"]), ("EU", "TUR"))
        self.assertEqual(first["terms"], "readmission+coast_guard")
        self.assertEqual(first["payment_per_month"], 2.5e8)
        self.assertEqual(first["signed_date"], pd.Timestamp("2020-03-01"))
        self.assertEqual(first["end_tick"], 14)
        self.assertEqual(first["status"], "breached")
        self.assertEqual(first["paid"], 1.25e9)
        second = deals.iloc[1]
        self.assertEqual((second["negotiation"], second["terms"], second["conditionality"]),
                         ("", "", ""))
        self.assertTrue(pd.isna(second["end_date"]))
        self.assertTrue(pd.api.types.is_integer_dtype(deals["deal"]))
        self.assertTrue(pd.api.types.is_float_dtype(deals["compliance"]))

        log = run.negotiation_log
        self.assertEqual(list(log.columns), NEGOTIATION_COLUMNS)
        self.assertEqual(list(log["action"]),
                         ["proposed", "threat_announced", "accepted", "deal_breached"])
        self.assertTrue(all(isinstance(v, str) for v in log["instrument"]))
        self.assertEqual(log.loc[1, "instrument"], "open the gates 🚪")
        self.assertEqual(log.loc[1, "value"], 0.75)
        self.assertEqual(log.loc[0, "instrument"], "")
        self.assertEqual(list(log["deal"]), [-1, -1, 0, 0])
        self.assertEqual(log.loc[3, "date"], pd.Timestamp("2020-09-01"))
        # deal refers to a row of the deals table.
        self.assertEqual(deals.set_index("deal").loc[log.loc[2, "deal"], "status"], "breached")
        self.assertIn("2 deals", repr(run))

    def test_tables_are_copies(self):
        run = migdip.open_run(self.with_tables("copies.h5"))
        run.deals.drop(index=run.deals.index, inplace=True)
        run.negotiation_log["action"] = "x"
        self.assertEqual(len(run.deals), 2)
        self.assertEqual(run.negotiation_log.loc[0, "action"], "proposed")

    def test_engine_and_xarray_read_tables_written_by_h5py(self):
        path = self.with_tables("cross.h5")
        info = subprocess.run([str(BINARY), "info", str(path)], capture_output=True, text=True,
                              timeout=60)
        self.assertEqual(info.returncode, 0, info.stderr)
        self.assertIn("deals           2 (1 active, 1 breached)", info.stdout)
        self.assertIn("eu-türkiye", info.stdout)
        self.assertIn("threats: 1 announced", info.stdout)
        with xr.open_dataset(path, engine="h5netcdf") as root:
            self.assertEqual(root["deals"].dims, ("deal_row",))
            self.assertEqual(root["negotiation_log"].dims, ("negotiation_row",))
        with xr.open_dataset(self.path, engine="h5netcdf") as root:
            self.assertEqual(root.sizes["deal_row"], 0)

    def test_format_1_0_has_no_tables(self):
        path = self.copy("format-1.0.h5")
        with h5py.File(path, "r+") as f:
            for name in ("deals", "deal_row", "negotiation_log", "negotiation_row"):
                del f[name]
            f.attrs["format_version"] = "1.0"
        run = migdip.open_run(path)
        self.assertEqual(run.format_version, "1.0")
        self.assert_empty_tables(run)
        self.assertEqual(len(run.events), 4)

    def test_format_1_1_must_have_the_tables(self):
        for name in ("deals", "negotiation_log"):
            with self.subTest(table=name):
                path = self.copy(f"no-{name}.h5")
                with h5py.File(path, "r+") as f:
                    del f[name]
                self.assert_refused(path, f"no /{name}")

    def test_table_missing_a_field(self):
        path = self.copy("short-deals.h5")
        with h5py.File(path, "r+") as f:
            del f["deals"]
            f["deals"] = np.zeros(1, dtype=[("deal", "<i4")])
        self.assert_refused(path, "/deals", "negotiation")

    def with_tables(self, name, year=2020):
        """A copy of the run with deals and log rows written by h5py, as documented, dated in
        `year` and the next."""
        path = self.copy(name)
        deals = [
            (0, "eu-türkiye", "EU", "TUR", "readmission+coast_guard", "positive", 2.5e8,
             2, f"{year}-03-01", 14, f"{year + 1}-03-01", "breached", 1.25e9, 0.25, 1e8, 4e7),
            (1, "", "DST", "ORI", "", "", 0.0, 5, f"{year}-06-01", 0, "", "active", 0.0, 1.0,
             0.0, 0.0),
        ]
        log = [
            (1, f"{year}-02-01", "eu-türkiye", -1, "proposed", "EU", "", 2.5e8),
            (1, f"{year}-02-01", "eu-türkiye", -1, "threat_announced", "TUR",
             "open the gates 🚪", 0.75),
            (2, f"{year}-03-01", "eu-türkiye", 0, "accepted", "TUR", "", 2.5e8),
            (8, f"{year}-09-01", "eu-türkiye", 0, "deal_breached", "EU", "", 0.0),
        ]
        with h5py.File(path, "r+") as f:
            for table, scale, layout, rows in (("deals", "deal_row", DEAL_LAYOUT, deals),
                                               ("negotiation_log", "negotiation_row",
                                                NEGOTIATION_LAYOUT, log)):
                del f[table], f[scale]
                text = h5py.string_dtype("utf-8")
                dtype = np.dtype([(field, text if kind == "str" else kind)
                                  for field, kind in layout])
                f[scale] = np.arange(len(rows), dtype="<i4")
                f[scale].make_scale(scale)
                f[table] = np.array(rows, dtype=dtype)
                f[table].dims[0].attach_scale(f[scale])
        return path

    # Refusals

    def assert_refused(self, path, *fragments):
        with self.assertRaises(migdip.FormatError) as caught:
            migdip.open_run(path)
        message = str(caught.exception)
        self.assertIn(str(path), message)
        self.assertNotIn("\n", message)
        for fragment in fragments:
            self.assertIn(fragment, message)
        return message

    def test_missing_file(self):
        self.assert_refused(self.dir / "no-such-file.h5", "no such file")

    def test_text_file(self):
        path = self.dir / "notes.h5"
        path.write_text("not a results file\n")
        self.assert_refused(path, "not an HDF5 file")

    def test_foreign_hdf5(self):
        path = self.dir / "foreign.h5"
        with h5py.File(path, "w") as f:
            f["data"] = np.arange(3.0)
            f.attrs["title"] = "someone else's file"
        self.assert_refused(path, "not a migdip results file")

    def test_unknown_major_version(self):
        path = self.copy("version-2.h5")
        with h5py.File(path, "r+") as f:
            f.attrs["format_version"] = "2.0"
        self.assert_refused(path, "version 2.0", "not supported")

    def test_malformed_version(self):
        path = self.copy("version-bad.h5")
        with h5py.File(path, "r+") as f:
            f.attrs["format_version"] = "one"
        self.assert_refused(path, "'one'")

    def test_damaged_files(self):
        for name, path, refused_by in damaged_results.damaged_copies(self.path, self.dir):
            if refused_by != "reader":
                continue
            with self.subTest(damage=name):
                with self.assertRaises(migdip.FormatError) as caught:
                    run = migdip.open_run(path)
                    for group in run.groups:
                        run.dataset(group)
                message = str(caught.exception)
                self.assertIn(str(path), message)
                self.assertNotIn("\n", message)

    # Dates outside pandas' nanosecond range (years 1677 to 2262)

    def run_starting(self, start):
        path = self.dir / f"start-{start}.h5"
        done = subprocess.run([str(BINARY), "run", str(SOURCE_DIR / "scenarios" / "minimal.ini"),
                               "--set", f"scenario.start_date={start}", "-o", str(path), "-q"],
                              capture_output=True, text=True, timeout=240)
        self.assertEqual(done.returncode, 0, done.stderr)
        return migdip.open_run(path)

    def test_runs_outside_pandas_range_have_dates_as_date_objects(self):
        # 2261 starts inside the range and ends outside it: one type for the whole axis.
        for year in (1600, 2261, 2300):
            with self.subTest(year=year):
                run = self.run_starting(f"{year}-01-01")
                months = [datetime.date(year + month // 12, month % 12 + 1, 1)
                          for month in range(24)]
                for group in GROUPS:
                    time = run.dataset(group)["time"]
                    self.assertEqual(list(time.values), months, group)
                    self.assertEqual(time.encoding["units"], f"days since {year}-01-01 00:00:00")
                states = run.states
                self.assertEqual(states["arrivals"].sel(time=months[5]).dims, ("state",))
                self.assertTrue(bool((states["tick_days"] > pd.Timedelta(days=27)).all()))
                # Each column on its own: the events of the 2261 run fall inside the range.
                events = run.events.set_index("event")
                self.assertEqual(np.datetime64(events.loc["aid", "date"], "D"),
                                 np.datetime64(f"{year + 1}-01-01"))
                self.assertEqual(len(events), 4)

    def test_the_same_run_inside_the_range_keeps_datetime64(self):
        run = self.run_starting("2260-01-01")
        self.assertTrue(np.issubdtype(run.states["time"].dtype, np.datetime64))
        self.assertTrue(pd.api.types.is_datetime64_dtype(run.events["date"]))

    def test_tables_outside_pandas_range(self):
        run = migdip.open_run(self.with_tables("deals-2300.h5", year=2300))
        deals, log = run.deals, run.negotiation_log
        self.assertEqual(list(deals["signed_date"]),
                         [datetime.date(2300, 3, 1), datetime.date(2300, 6, 1)])
        self.assertEqual(deals.loc[0, "end_date"], datetime.date(2301, 3, 1))
        self.assertIsNone(deals.loc[1, "end_date"])
        self.assertTrue(pd.isna(deals.loc[1, "end_date"]))
        self.assertEqual(log.loc[3, "date"], datetime.date(2300, 9, 1))

    def test_newer_minor_version_is_read(self):
        path = self.copy("version-1.9.h5")
        with h5py.File(path, "r+") as f:
            f.attrs["format_version"] = "1.9"
        run = migdip.open_run(path)
        self.assertEqual(run.format_version, "1.9")
        self.assertEqual(run.groups, GROUPS)


def main():
    """``test_reader.py MIGDIP_BINARY SOURCE_DIR [unittest options]``."""
    global BINARY, SOURCE_DIR
    args = sys.argv[1:]
    if len(args) >= 2 and not args[0].startswith("-"):
        BINARY, SOURCE_DIR = pathlib.Path(args[0]), pathlib.Path(args[1])
        args = args[2:]
    unittest.main(argv=[sys.argv[0], *args])


if __name__ == "__main__":
    main()
