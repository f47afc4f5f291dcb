#!/usr/bin/python3
"""`migdip info --json`: valid JSON (parsed by the standard library) saying what the file says.

Usage:
    PYTHONPATH=python test_info_json.py MIGDIP_BINARY SOURCE_DIR   (this is what CTest runs)

Runs the strategic flagship (deals, a negotiation log) with a description full of characters
JSON must escape, and a small sweep, and compares `info --json` with h5py's view of the files
and with the text form's totals.
"""

import json
import pathlib
import re
import subprocess
import sys
import tempfile
import unittest

import h5py
import numpy as np

BINARY = pathlib.Path(sys.argv[1])
SOURCE_DIR = pathlib.Path(sys.argv[2])
SCENARIOS = SOURCE_DIR / "scenarios"

DESCRIPTION = 'quotes " and \\ backslash, Türkiye, a / slash, \u00e9t\u00e9 and \U0001F30D'


def running_sum(values):
    """Left to right, one value at a time: the order migdip adds them in."""
    total = 0.0
    for value in np.asarray(values, dtype=np.float64).ravel():
        total += float(value)
    return total


def migdip(*arguments):
    result = subprocess.run([str(BINARY), *map(str, arguments)], capture_output=True, text=True)
    if result.returncode != 0:
        raise AssertionError(f"migdip {' '.join(map(str, arguments))}: {result.stderr}")
    return result.stdout


class InfoJsonTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.dir = pathlib.Path(cls.tmp.name)
        cls.results = cls.dir / "ems.h5"
        migdip("run", SCENARIOS / "eastern-mediterranean-2015-2017-strategic.ini", "-o", cls.results,
               "-q", "--set", f"scenario.description={DESCRIPTION}")
        cls.sweep = cls.dir / "grid.h5"
        migdip("sweep", SCENARIOS / "eastern-mediterranean-2015-2017.ini", "--plan",
               SCENARIOS / "sweeps" / "turkish-enforcement-grid.ini", "-o", cls.sweep, "-q",
               "--threads", "1")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_an_aggregated_file_counts_ticks_and_intervals_apart(self):
        # [outputs] interval = year: 36 monthly ticks written as 3 yearly intervals.
        yearly = self.dir / "yearly.h5"
        migdip("run", SCENARIOS / "eastern-mediterranean-2015-2017.ini", "-o", yearly, "-q",
               "--set", "outputs.interval=year")
        world = json.loads(migdip("info", yearly, "--json"))["world"]
        self.assertEqual((world["ticks"], world["intervals"]), (36, 3))
        self.assertIn("(36 ticks of one month, written as 3 intervals)", migdip("info", yearly))
        self.assertIn("(36 ticks of one month)\n", migdip("info", self.results))

    def test_results_file(self):
        info = json.loads(migdip("info", self.results, "--json"))
        self.assertEqual(info["kind"], "results")
        with h5py.File(self.results, "r") as f:
            attributes = {k: (v if isinstance(v, str) else float(v)) for k, v in f.attrs.items()}
            self.assertEqual(info["attributes"], attributes)
            self.assertEqual(info["attributes"]["scenario_description"], DESCRIPTION)
            # /tables holds the netCDF-4 copies of the tables, which info lists as tables.
            groups = [g for g in f if isinstance(f[g], h5py.Group) and g != "tables"]
            self.assertEqual([g["name"] for g in info["groups"]], sorted(groups, key=[
                g["name"] for g in info["groups"]].index))
            self.assertEqual(sorted(g["name"] for g in info["groups"]), sorted(groups))
            for group in info["groups"]:
                stored = f[group["name"]]
                for variable in group["variables"]:
                    dataset = stored[variable["name"]]
                    self.assertEqual(variable["units"], dataset.attrs.get("units", ""))
                    self.assertEqual(len(variable["dimensions"]), dataset.ndim)
                    for name, size in zip(variable["dimensions"], dataset.shape):
                        self.assertEqual(group["dimensions"][name], size)
            self.assertEqual(info["world"]["states"], f["states"]["state"].shape[0])
            self.assertEqual(info["world"]["ticks"], int(f.attrs["ticks"]))
            self.assertEqual(info["world"]["intervals"], f["states"]["time"].shape[0])
            totals = info["totals"]
            self.assertEqual(totals["arrivals"], running_sum(f["corridors"]["arrivals"][()]))
            self.assertEqual(info["at_end"]["hosted"], running_sum(f["states"]["hosted"][-1]))
            self.assertEqual(info["events_applied"], len(f["events"]))
            deals = f["deals"][()]
            self.assertEqual(len(info["deals"]), len(deals))
            self.assertGreater(len(deals), 0)
            for mine, stored_deal in zip(info["deals"], deals):
                self.assertEqual(mine["terms"], stored_deal["terms"].decode())
                self.assertEqual(mine["paid"], float(stored_deal["paid"]))
            log = f["negotiation_log"][()]
            self.assertEqual(info["negotiation_log"]["entries"], len(log))
            self.assertEqual(sum(info["negotiation_log"]["by_action"].values()), len(log))
        # The text form shows the same totals, rounded.
        text = migdip("info", self.results)
        shown = int(re.search(r"arrivals\s+([\d,]+)", text).group(1).replace(",", ""))
        self.assertEqual(shown, round(totals["arrivals"]))

    def test_sweep_file(self):
        info = json.loads(migdip("info", self.sweep, "--json"))
        self.assertEqual(info["kind"], "sweep")
        with h5py.File(self.sweep, "r") as f:
            self.assertEqual(info["parameters"], list(f["parameter"].asstr()[()]))
            self.assertEqual(info["metrics"], list(f["metric"].asstr()[()]))
            self.assertEqual(info["plan_seed"], f.attrs["plan_seed"])
            self.assertEqual(info["runs_done"], int(f["done"][()].sum()))
            self.assertEqual(info["points_total"], int(f.attrs["points_total"]))
        self.assertTrue(info["complete"])
        self.assertEqual(info["series"], ["states.arrivals"])
        rerun = json.loads(migdip("info", self.sweep, "--point", 3, "--json"))
        self.assertEqual(rerun["command"], migdip("info", self.sweep, "--point", 3).strip())


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
