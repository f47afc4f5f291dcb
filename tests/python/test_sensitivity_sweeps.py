#!/usr/bin/python3
"""End-to-end tests of the sensitivity-analysis samplers of `migdip sweep` (docs/sweeps.md):
`saltelli` in SALib's row order on a Sobol' sequence, `morris`, and log-uniform ranges.

Usage:
    test_sensitivity_sweeps.py MIGDIP_BINARY SOURCE_DIR [unittest options]   (what CTest runs)

- An unscrambled `saltelli` sweep holds exactly the points SALib.sample.sobol.sample(problem,
  N, scramble=False) gives: scipy.stats.qmc.Sobol(2d, scramble=False) arranged in SALib's order
  (skipped without SciPy; the C++ tests check the first points of the sequence anyway). A
  scrambled one is in SALib's order too, and `Sweep.sobol` gives `sobol.analyze` of its outputs,
  with S2 when the plan asks for second order.
- A `morris` sweep is made of trajectories that `Sweep.morris` analyses, and its log-uniform
  parameter takes values evenly spaced in log.
- A bad log-uniform range is refused in one line naming file, section and key, with status 2.
"""

import pathlib
import sys
import tempfile
import unittest

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "python"))
import sweep_support as support  # noqa: E402

import migdip  # noqa: E402
from migdip import morris, sobol  # noqa: E402

try:
    from scipy.stats import qmc
except ImportError:
    qmc = None

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[2]
BINARY = SOURCE_DIR / "build" / "apps" / "migdip"

RANGES = """
[parameter state.TUR.exit_enforcement]
low = 0.05
high = 0.6

[parameter corridor.TUR-GRC.mortality]
low = 0.0002
high = 0.003
distribution = {distribution}

[parameter state.SYR.push_intensity]
low = 0.5
high = 1.5
"""
BOUNDS = np.array([(0.05, 0.6), (0.0002, 0.003), (0.5, 1.5)])


class SensitivitySweepTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="migdip-sensitivity-")
        cls.dir = pathlib.Path(cls.tmp.name)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def sweep(self, name, sweep_section, distribution="uniform"):
        plan = self.dir / f"{name}.ini"
        plan.write_text(sweep_section + RANGES.format(distribution=distribution))
        output = self.dir / f"{name}.h5"
        support.run(support.sweep_command(BINARY, SOURCE_DIR, plan, output))
        return migdip.open_sweep(output)

    @unittest.skipIf(qmc is None, "scipy.stats.qmc is not importable")
    def test_an_unscrambled_design_is_salibs(self):
        sweep = self.sweep("plain", "[sweep]\nsampler = saltelli\nsamples = 4\nscramble = false\n"
                                    "second_order = true\n")
        base = qmc.Sobol(6, scramble=False).random(4)
        expected = sobol.saltelli_sample(4, BOUNDS, calc_second_order=True, base=base)
        values = sweep.dataset["value"].values
        self.assertEqual(values.shape, (4 * 8, 3))
        # low + (high - low) u, as SALib's scale_samples computes it: the same doubles.
        np.testing.assert_array_equal(values, expected)

    def test_a_scrambled_design_is_analysed_as_salib_would(self):
        for second in (False, True):
            sweep = self.sweep(f"sobol-{second}",
                               f"[sweep]\nsampler = saltelli\nsamples = 8\nseed = 3\n"
                               f"second_order = {str(second).lower()}\n")
            values = sweep.dataset["value"].values
            self.assertEqual(len(values), 8 * (8 if second else 5))
            self.assertEqual(sobol.design_order(values), second)
            table = sweep.sobol("deaths")
            self.assertEqual(list(table.columns), ["S1", "S1_conf", "ST", "ST_conf"])
            y = sweep.metrics.sel(metric="deaths").mean("replicate").values
            expected = sobol.analyze(y, 3, calc_second_order=second)
            np.testing.assert_array_equal(table["S1"].values, expected["S1"])
            np.testing.assert_array_equal(table["ST_conf"].values, expected["ST_conf"])
            self.assertEqual("S2" in table.attrs, second)
            if second:
                np.testing.assert_array_equal(table.attrs["S2"].values, expected["S2"])

    def test_a_morris_sweep_with_a_log_uniform_range(self):
        sweep = self.sweep("morris", "[sweep]\nsampler = morris\nsamples = 6\nnum_levels = 4\n"
                                     "seed = 2\n", distribution="log_uniform")
        values = sweep.dataset["value"].values
        self.assertEqual(values.shape, (6 * 4, 3))
        # The log-uniform parameter sits on 4 levels evenly spaced in log between its ends.
        levels = np.log(values[:, 1] / 0.0002) / np.log(0.003 / 0.0002) * 3
        np.testing.assert_allclose(levels, np.round(levels), atol=1e-9)
        self.assertTrue(set(np.round(levels)) <= {0.0, 1.0, 2.0, 3.0})
        table = sweep.morris("deaths")
        self.assertEqual(list(table.columns), ["mu", "mu_star", "sigma", "mu_star_conf"])
        y = sweep.metrics.sel(metric="deaths").mean("replicate").values
        expected = morris.analyze(values, y, num_levels=4)
        np.testing.assert_array_equal(table["mu_star"].values, expected["mu_star"])
        self.assertTrue(np.all(table["mu_star"].values >= np.abs(table["mu"].values)))
        with self.assertRaises(ValueError):
            sweep.sobol("deaths")

    def test_a_log_uniform_range_must_be_positive(self):
        plan = self.dir / "bad.ini"
        plan.write_text("[sweep]\nsampler = saltelli\nsamples = 4\n"
                        + RANGES.format(distribution="log_uniform").replace("0.0002", "0"))
        output = self.dir / "bad.h5"
        outcome = support.run(support.sweep_command(BINARY, SOURCE_DIR, plan, output), expect=2)
        self.assertEqual(outcome.stderr.count("\n"), 1, outcome.stderr)
        self.assertIn("bad.ini:10: [parameter corridor.TUR-GRC.mortality] low: a log_uniform "
                      "range needs low > 0, got 0", outcome.stderr)
        self.assertFalse(output.exists())


def main():
    """``test_sensitivity_sweeps.py MIGDIP_BINARY SOURCE_DIR [unittest options]``."""
    global BINARY, SOURCE_DIR
    args = sys.argv[1:]
    if len(args) >= 2 and not args[0].startswith("-"):
        BINARY, SOURCE_DIR = pathlib.Path(args[0]), pathlib.Path(args[1])
        args = args[2:]
    unittest.main(argv=[sys.argv[0], *args])


if __name__ == "__main__":
    main()
