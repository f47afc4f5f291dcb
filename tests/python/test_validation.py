#!/usr/bin/python3
"""Tests of the validation of scenarios against public data (python/migdip/validation.py) and of
docs/validation.md.

Usage:
    PYTHONPATH=python test_validation.py MIGDIP_BINARY SOURCE_DIR [unittest options]

- The measures against hand-computed values: ARD, the log error, periods, sums over ticks that
  straddle a period, cumulative and stock comparisons, the calibration / held-out split, and the
  break finder.
- Every spec in scenarios/validation/ loads, names a shipped scenario, and compares at least one
  observation; a broken spec is refused with its file, section and key.
- docs/validation.md is what `scripts/validation_report.py` writes now (regenerate it with
  `scripts/validation_report.py build/apps/migdip` when this fails).
"""

import datetime as dt
import pathlib
import subprocess
import sys
import tempfile
import unittest

import h5py
import numpy as np
import pandas as pd

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[2]
BINARY = SOURCE_DIR / "build" / "apps" / "migdip"

sys.path.insert(0, str(SOURCE_DIR / "python"))
from migdip import validation  # noqa: E402


def write_results(path, starts, tick_days, corridors, values):
    """A results file with only what validation reads: corridors/{time, tick_days, corridor,
    arrivals}, as the engine lays them out (time in days since the first tick)."""
    with h5py.File(path, "w") as f:
        group = f.create_group("corridors")
        first = starts[0]
        time = group.create_dataset("time", data=[(s - first).days for s in starts], dtype="f8")
        time.attrs["units"] = f"days since {first.isoformat()}"
        days = group.create_dataset("tick_days", data=tick_days, dtype="f8")
        corridor = group.create_dataset("corridor", data=[c.encode() for c in corridors])
        arrivals = group.create_dataset("arrivals", data=np.asarray(values, dtype="f8"))
        time.make_scale("time")
        corridor.make_scale("corridor")
        days.dims[0].attach_scale(time)
        arrivals.dims[0].attach_scale(time)
        arrivals.dims[1].attach_scale(corridor)


def spec_text(kind="flow", since="", periods="", calibration="2021-05-01/2021-05-02"):
    return f"""
[scenario]
file = minimal.ini
calibrated = nothing
calibration_window = {calibration}
breaks = 2021-05-03 a policy | 2021-05-04 another one
[compare.entries]
data = data.csv
episode = demo
series = entries
model = corridors/arrivals
select = A-B
kind = {kind}
{since}
{periods}
"""


class MeasuresTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = pathlib.Path(self.tmp.name)
        days = [dt.date(2021, 5, 1) + dt.timedelta(days=i) for i in range(6)]
        # Daily ticks; corridor A-B carries 10, 20, 30, 40, 50, 60, corridor C-D 1000 each day.
        write_results(self.dir / "run.h5", days, [1] * 6, ["A-B", "C-D"],
                      [[10 * (i + 1), 1000] for i in range(6)])
        (self.dir / "data.csv").write_text(
            "episode,series,period,value,unit,source\n"
            "demo,entries,2021-05-01,20,p,s\n"            # model 10: |10-20|/20 = 0.5
            "demo,entries,2021-05-02/2021-05-03,50,p,s\n"  # model 20+30 = 50: 0
            "demo,entries,2021-05-06,30,p,s\n"            # model 60: 1.0
            "demo,entries,2021-06,5,p,s\n"                # outside the run: not compared
            "other,entries,2021-05-01,999,p,s\n")

    def tearDown(self):
        self.tmp.cleanup()

    def report(self, **spec):
        path = self.dir / "spec.ini"
        path.write_text(spec_text(**spec))
        return validation.compare(validation.load_spec(path), self.dir / "run.h5", self.dir)

    def test_periods(self):
        self.assertEqual(validation.parse_period("2021").last, dt.date(2021, 12, 31))
        self.assertEqual(validation.parse_period("2020-02").last, dt.date(2020, 2, 29))
        both = validation.parse_period("2021-05-17/2021-05-18")
        self.assertEqual((both.first, both.last), (dt.date(2021, 5, 17), dt.date(2021, 5, 18)))
        whole = validation.parse_period("2006/2008-06")
        self.assertEqual((whole.first, whole.last), (dt.date(2006, 1, 1), dt.date(2008, 6, 30)))

    def test_flow_sums_the_selected_corridor_over_each_period(self):
        comparison = self.report().comparisons[0]
        self.assertEqual(list(comparison.rows["model"]), [10.0, 50.0, 60.0])
        self.assertEqual(list(comparison.rows["data"]), [20.0, 50.0, 30.0])

    def test_ard_and_log_error_split_at_the_calibration_window(self):
        comparison = self.report().comparisons[0]
        self.assertEqual(list(comparison.rows["held_out"]), [False, True, True])
        self.assertAlmostEqual(comparison.calibration_ard, 0.5)
        self.assertAlmostEqual(comparison.held_out_ard, (0.0 + 1.0) / 2)
        self.assertAlmostEqual(comparison.held_out_log_error, (0.0 + np.log10(2.0)) / 2)

    def test_cumulative_sums_from_since(self):
        comparison = self.report(kind="cumulative", since="since = 2021-05-02").comparisons[0]
        # From 2 May to the end of each row: nothing for 1 May, 20+30, 20+...+60.
        self.assertEqual(list(comparison.rows["model"]), [0.0, 50.0, 200.0])

    def test_stock_is_the_value_at_the_end_of_the_period(self):
        comparison = self.report(kind="stock").comparisons[0]
        self.assertEqual(list(comparison.rows["model"]), [10.0, 30.0, 60.0])

    def test_a_tick_straddling_a_period_counts_for_its_days_inside(self):
        starts = [dt.date(2021, 1, 1), dt.date(2021, 2, 1)]
        write_results(self.dir / "monthly.h5", starts, [31, 28], ["A-B"], [[310], [280]])
        series = validation.load_spec(self._write(spec_text())).series[0]
        model = validation.ModelSeries(self.dir / "monthly.h5", series)
        self.assertAlmostEqual(model.total(dt.date(2021, 1, 22), dt.date(2021, 2, 5)),
                               10 * 10 + 10 * 5)

    def test_periods_restrict_the_rows(self):
        comparison = self.report(periods="periods = 2021-05-06").comparisons[0]
        self.assertEqual(list(comparison.rows["period"]), ["2021-05-06"])

    def test_breaks(self):
        self.assertEqual(validation.structural_break(np.array([10, 10, 10, 10, 1, 1, 1, 1.0])), 4)
        self.assertIsNone(validation.structural_break(np.array([1.0, 2.0])))
        spec = validation.load_spec(self._write(spec_text()))
        self.assertEqual(spec.breaks, (("2021-05-03", "a policy"), ("2021-05-04", "another one")))

    def test_a_broken_spec_names_file_section_and_key(self):
        with self.assertRaisesRegex(validation.SpecError, r"spec.ini: \[compare.entries\] kind"):
            self.report(kind="average")
        with self.assertRaisesRegex(validation.SpecError, r"\[compare.entries\] since: missing"):
            self.report(kind="cumulative")
        with self.assertRaisesRegex(validation.SpecError, r"no row for 1999"):
            self.report(periods="periods = 1999")

    def _write(self, text):
        path = self.dir / "spec.ini"
        path.write_text(text)
        return path


class ShippedSpecsTest(unittest.TestCase):
    def test_every_spec_names_a_shipped_scenario_and_its_data(self):
        specs = sorted((SOURCE_DIR / "scenarios" / "validation").glob("*.ini"))
        self.assertGreaterEqual(len(specs), 3)
        for path in specs:
            spec = validation.load_spec(path)
            self.assertTrue((SOURCE_DIR / "scenarios" / spec.scenario).is_file(), path)
            for series in spec.series:
                rows = validation.observations(series, SOURCE_DIR / "scenarios" / "data")
                self.assertGreater(len(rows), 0, f"{path}: {series.name}")

    def test_the_document_is_what_the_generator_writes(self):
        with tempfile.TemporaryDirectory() as tmp:
            fresh = pathlib.Path(tmp) / "validation.md"
            subprocess.run([sys.executable, str(SOURCE_DIR / "scripts" / "validation_report.py"),
                            str(BINARY), str(SOURCE_DIR), "-o", str(fresh)], check=True)
            committed = (SOURCE_DIR / "docs" / "validation.md").read_text(encoding="utf-8")
            self.assertEqual(
                fresh.read_text(encoding="utf-8"), committed,
                "docs/validation.md is out of date: run scripts/validation_report.py "
                "build/apps/migdip")


if __name__ == "__main__":
    if len(sys.argv) >= 3 and not sys.argv[1].startswith("-"):
        BINARY = pathlib.Path(sys.argv[1])
        SOURCE_DIR = pathlib.Path(sys.argv[2])
        del sys.argv[1:3]
    unittest.main()
