#!/usr/bin/python3
"""Tests of the Python reader (python/migdip) against a results file from the real engine.

Usage:
    PYTHONPATH=python test_reader.py MIGDIP_BINARY SOURCE_DIR [unittest options]
        (this is what CTest runs)
    PYTHONPATH=python python3 -m unittest tests.python.test_reader   (from the source dir)
        The binary is then $MIGDIP_BINARY, else SOURCE_DIR/build/apps/migdip, and SOURCE_DIR is
        $MIGDIP_SOURCE_DIR, else the directory two levels above this file.

Runs `migdip run scenarios/minimal.ini` into a temporary directory and opens the file with
`migdip.open_run`: datasets, units, times, events, attributes, and the refusals (FormatError).
"""

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

SOURCE_DIR = pathlib.Path(os.environ.get("MIGDIP_SOURCE_DIR",
                                         pathlib.Path(__file__).resolve().parents[2]))
BINARY = pathlib.Path(os.environ.get("MIGDIP_BINARY", SOURCE_DIR / "build" / "apps" / "migdip"))

try:
    import migdip
except ImportError:  # run without PYTHONPATH: use the package of this source tree
    sys.path.insert(0, str(SOURCE_DIR / "python"))
    import migdip

GROUPS = ["states", "corridors", "nationalities", "pathways", "transfers"]


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
