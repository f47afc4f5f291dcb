#!/usr/bin/python3
"""Tests of python/migdip/sobol.py and python/migdip/morris.py: SALib's row order, estimators
and bootstrap.

Usage (CTest runs it as `python_sobol`):
    PYTHONPATH=python /usr/bin/python3 tests/python/test_sobol.py

Three kinds of checks:

- Known answers: the Ishigami function (a=7, b=0.1, inputs uniform on [-pi, pi]) has analytic
  first-, second- and total-order indices; a linear function has known elementary effects.
- A reference computation, always run: `ReferenceSalib` below re-implements, independently of
  the module (loops over inputs and resamples, sums with math.fsum), the formulas of SALib
  1.5's `SALib.analyze.sobol.analyze` and `SALib.analyze.morris.analyze` as published in
  SALib's source (src/SALib/analyze/sobol.py: standardise Y by its mean and population standard
  deviation; separate_output_values; first_order, total_order, second_order; bootstrap indices
  `np.random.default_rng(seed).integers(N, size=(N, num_resamples))`; conf = norm.ppf(0.5 +
  conf_level / 2) * std(ddof=1); src/SALib/analyze/morris.py: elementary effects (y_high -
  y_low) / delta; mu, mu_star, sigma (ddof=1); mu_star_conf resampling each input's effects with
  `default_rng(seed).integers(r, size=(num_resamples, r))` in turn). The module must agree with
  it to 1e-10 on the same outputs.
- SALib itself, when it is importable (it is not packaged in Debian 12): the same outputs must
  give the same numbers to 1e-10. Skipped otherwise.
"""

import math
import pathlib
import sys
import unittest
from statistics import NormalDist

import numpy as np

try:
    from migdip import morris, sobol
except ImportError:  # run without PYTHONPATH: use the package of this source tree
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "python"))
    from migdip import morris, sobol

try:
    from scipy.stats import qmc
except ImportError:
    qmc = None

try:
    import SALib.analyze.morris as salib_morris
    import SALib.analyze.sobol as salib_sobol
except ImportError:
    salib_sobol = salib_morris = None

#: Analytic indices of the Ishigami function for a=7, b=0.1 (Saltelli et al. 2008, Global
#: Sensitivity Analysis: The Primer, section 4.6; Sobol' and Levitan 1999).
ISHIGAMI_FIRST = np.array([0.3139, 0.4424, 0.0])
ISHIGAMI_TOTAL = np.array([0.5576, 0.4424, 0.2437])
ISHIGAMI_S13 = 0.2437
BOUNDS = [(-np.pi, np.pi)] * 3
TOLERANCE = 1e-10


class ReferenceSalib:
    """SALib's estimators, written out again with loops and math.fsum (module docstring)."""

    @staticmethod
    def mean(values):
        return math.fsum(values) / len(values)

    @classmethod
    def variance(cls, values):
        m = cls.mean(values)
        return cls.mean([(v - m) ** 2 for v in values])

    @classmethod
    def std(cls, values, ddof=0):
        m = cls.mean(values)
        return math.sqrt(math.fsum((v - m) ** 2 for v in values) / (len(values) - ddof))

    @classmethod
    def sobol(cls, y, d, second, num_resamples, conf_level, seed):
        y = [float(v) for v in y]
        m, s = cls.mean(y), cls.std(y)
        y = [(v - m) / s for v in y]
        group = 2 * d + 2 if second else d + 2
        n = len(y) // group
        A = [y[i * group] for i in range(n)]
        B = [y[i * group + group - 1] for i in range(n)]
        AB = [[y[i * group + 1 + j] for i in range(n)] for j in range(d)]
        BA = [[y[i * group + 1 + d + j] for i in range(n)] for j in range(d)] if second else None

        def s1(a, ab, b):
            return cls.mean([b[i] * (ab[i] - a[i]) for i in range(len(a))]) / cls.variance(a + b)

        def st(a, ab, b):
            return 0.5 * cls.mean([(a[i] - ab[i]) ** 2 for i in range(len(a))]) / \
                cls.variance(a + b)

        def s2(a, abj, abk, baj, b):
            v = cls.mean([baj[i] * abk[i] - a[i] * b[i] for i in range(len(a))]) / \
                cls.variance(a + b)
            return v - s1(a, abj, b) - s1(a, abk, b)

        draws = np.random.default_rng(seed).integers(n, size=(n, num_resamples))
        resamples = [[int(draws[i, k]) for i in range(n)] for k in range(num_resamples)]
        z = NormalDist().inv_cdf(0.5 + conf_level / 2)

        def pick(values, rows):
            return [values[i] for i in rows]

        def conf(estimator, *columns):
            estimates = [estimator(*(pick(c, rows) for c in columns)) for rows in resamples]
            return z * cls.std(estimates, ddof=1)

        result = {"S1": [], "S1_conf": [], "ST": [], "ST_conf": []}
        for j in range(d):
            result["S1"].append(s1(A, AB[j], B))
            result["S1_conf"].append(conf(s1, A, AB[j], B))
            result["ST"].append(st(A, AB[j], B))
            result["ST_conf"].append(conf(st, A, AB[j], B))
        if second:
            result["S2"] = np.full((d, d), np.nan)
            result["S2_conf"] = np.full((d, d), np.nan)
            for j in range(d):
                for k in range(j + 1, d):
                    result["S2"][j, k] = s2(A, AB[j], AB[k], BA[j], B)
                    result["S2_conf"][j, k] = conf(s2, A, AB[j], AB[k], BA[j], B)
        return {key: np.asarray(value) for key, value in result.items()}

    @classmethod
    def morris(cls, x, y, num_levels, num_resamples, conf_level, seed):
        d = x.shape[1]
        r = len(y) // (d + 1)
        delta = num_levels / (2.0 * (num_levels - 1))
        effects = [[0.0] * r for _ in range(d)]
        for t in range(r):
            for step in range(d):
                row = t * (d + 1) + step
                for j in range(d):
                    if x[row + 1, j] > x[row, j]:
                        effects[j][t] = (y[row + 1] - y[row]) / delta
                    elif x[row + 1, j] < x[row, j]:
                        effects[j][t] = (y[row] - y[row + 1]) / delta
        rng = np.random.default_rng(seed)
        z = NormalDist().inv_cdf(0.5 + conf_level / 2)
        result = {"mu": [], "mu_star": [], "sigma": [], "mu_star_conf": []}
        for j in range(d):
            ee = effects[j]
            result["mu"].append(cls.mean(ee))
            result["mu_star"].append(cls.mean([abs(e) for e in ee]))
            result["sigma"].append(cls.std(ee, ddof=1))
            index = rng.integers(r, size=(num_resamples, r))
            stars = [cls.mean([abs(ee[int(i)]) for i in row]) for row in index]
            result["mu_star_conf"].append(z * cls.std(stars, ddof=1))
        return {key: np.asarray(value) for key, value in result.items()}


def morris_design(r, bounds, num_levels, seed):
    """Morris trajectories built as SALib.sample.morris builds them (Campolongo et al. 2007's
    B* = x* + delta/2 ((2 B P* - J) D* + J)), scaled to the bounds."""
    rng = np.random.default_rng(seed)
    bounds = np.asarray(bounds, dtype=float)
    d = len(bounds)
    delta = num_levels / (2.0 * (num_levels - 1))
    b = np.tril(np.ones((d + 1, d)), -1)
    rows = []
    for _ in range(r):
        p_star = np.eye(d)
        rng.shuffle(p_star)
        d_star = np.diag(rng.choice([-1, 1], d))
        x_star = rng.choice(np.linspace(0, 1 - delta, num_levels // 2), d)
        rows.append(x_star + delta / 2 * ((2 * b @ p_star.T - 1) @ d_star + 1))
    unit = np.vstack(rows)
    return bounds[:, 0] + (bounds[:, 1] - bounds[:, 0]) * unit


class DesignTest(unittest.TestCase):

    def test_rows_come_in_salib_groups(self):
        base = np.arange(5 * 6, dtype=float).reshape(5, 6)  # N = 5, d = 3
        for second in (False, True):
            x = sobol.saltelli_rows(base, second)
            group = 8 if second else 5
            self.assertEqual(x.shape, (5 * group, 3))
            for i in range(5):
                a, b = base[i, :3], base[i, 3:]
                np.testing.assert_array_equal(x[i * group], a)
                np.testing.assert_array_equal(x[i * group + group - 1], b)
                for j in range(3):
                    expected = a.copy()
                    expected[j] = b[j]
                    np.testing.assert_array_equal(x[i * group + 1 + j], expected)
                    if second:
                        expected = b.copy()
                        expected[j] = a[j]
                        np.testing.assert_array_equal(x[i * group + 4 + j], expected)
            self.assertEqual(sobol.design_order(x), second)

    def test_design_order_refuses_the_old_block_layout(self):
        n, d = 8, 3
        rng = np.random.default_rng(2)
        a, b = rng.random((n, d)), rng.random((n, d))
        blocks = [a, b]
        for j in range(d):
            block = a.copy()
            block[:, j] = b[:, j]
            blocks.append(block)
        with self.assertRaisesRegex(ValueError, "before that order"):
            sobol.design_order(np.vstack(blocks))

    def test_separate_output_values(self):
        y = np.arange(2 * 5.0)  # N = 2, d = 3, first order only
        a, b, ab, ba = sobol.separate_output_values(y, 3)
        np.testing.assert_array_equal(a, [0, 5])
        np.testing.assert_array_equal(b, [4, 9])
        np.testing.assert_array_equal(ab, [[1, 2, 3], [6, 7, 8]])
        self.assertIsNone(ba)
        a, b, ab, ba = sobol.separate_output_values(np.arange(16.0), 3, True)
        np.testing.assert_array_equal(ba, [[4, 5, 6], [12, 13, 14]])
        with self.assertRaises(ValueError):
            sobol.separate_output_values(np.arange(7.0), 3)

    def test_refusals(self):
        with self.assertRaises(ValueError):
            sobol.saltelli_sample(8, [(1.0, 0.0)], rng=1)
        with self.assertRaises(ValueError):
            sobol.analyze(np.ones(20), 3)  # does not vary
        with self.assertRaises(ValueError):
            sobol.analyze(np.arange(21.0), 3)  # not N (d + 2)
        with self.assertRaises(ValueError):
            sobol.analyze(np.arange(20.0), 3, conf_level=1.5)


class IshigamiTest(unittest.TestCase):

    def test_analytic_formula(self):
        first, total = sobol.ishigami_indices()
        np.testing.assert_allclose(first, ISHIGAMI_FIRST, atol=5e-5)
        np.testing.assert_allclose(total, ISHIGAMI_TOTAL, atol=5e-5)
        self.assertAlmostEqual(sobol.ishigami_second_order()[0, 2], ISHIGAMI_S13, places=4)

    def check(self, x, second, tolerance):
        result = sobol.analyze(sobol.ishigami(x), 3, calc_second_order=second)
        first_error = np.abs(result["S1"] - ISHIGAMI_FIRST)
        total_error = np.abs(result["ST"] - ISHIGAMI_TOTAL)
        print(f"\nIshigami, {len(x)} rows: S1 {np.round(result['S1'], 4)} "
              f"ST {np.round(result['ST'], 4)} S1_conf {np.round(result['S1_conf'], 4)}",
              file=sys.stderr)
        self.assertLess(first_error.max(), tolerance, result["S1"])
        self.assertLess(total_error.max(), tolerance, result["ST"])
        # The 95% intervals cover the true values (with a margin for the bootstrap's own noise).
        self.assertTrue(np.all(first_error < 1.5 * result["S1_conf"] + 1e-3), result)
        self.assertTrue(np.all(total_error < 1.5 * result["ST_conf"] + 1e-3), result)
        if second:
            self.assertLess(abs(result["S2"][0, 2] - ISHIGAMI_S13), 2 * tolerance, result["S2"])
            self.assertLess(abs(result["S2"][0, 1]), 2 * tolerance, result["S2"])
            self.assertLess(abs(result["S2"][1, 2]), 2 * tolerance, result["S2"])
        return result

    def test_monte_carlo_design_to_two_decimals(self):
        # Plain Monte Carlo: the error falls as 1/sqrt(N); with N = 2**17 the largest error over
        # 20 seeds stayed below 0.01.
        x = sobol.saltelli_sample(2**17, BOUNDS, calc_second_order=True, rng=20150318)
        self.check(x, True, 0.01)

    @unittest.skipIf(qmc is None, "scipy.stats.qmc is not importable")
    def test_scrambled_sobol_design_to_three_decimals(self):
        # The base sample SALib.sample.sobol.sample uses: a scrambled Sobol' sequence.
        base = qmc.Sobol(6, seed=7).random(2**14)
        x = sobol.saltelli_sample(2**14, BOUNDS, calc_second_order=True, base=base)
        self.check(x, True, 0.005)


class ReferenceTest(unittest.TestCase):
    """The module against ReferenceSalib (always) and SALib (when importable)."""

    def outputs(self, second):
        x = sobol.saltelli_sample(64, BOUNDS, calc_second_order=second, rng=3)
        return 1000.0 + 50.0 * sobol.ishigami(x)  # far from 0 and 1: standardisation matters

    def assert_same(self, ours, theirs, keys):
        for key in keys:
            np.testing.assert_allclose(ours[key], np.asarray(theirs[key], dtype=float),
                                       rtol=0, atol=TOLERANCE, equal_nan=True, err_msg=key)

    def test_sobol_matches_the_reference(self):
        for second in (False, True):
            y = self.outputs(second)
            for resamples, level, seed in ((100, 0.95, 1), (37, 0.9, 12345)):
                ours = sobol.analyze(y, 3, second, resamples, level, seed)
                reference = ReferenceSalib.sobol(y, 3, second, resamples, level, seed)
                keys = ["S1", "S1_conf", "ST", "ST_conf"] + (["S2", "S2_conf"] if second else [])
                self.assertEqual(sorted(ours), sorted(keys))
                self.assert_same(ours, reference, keys)

    def test_reference_catches_a_wrong_estimator(self):
        """The comparison can fail: Sobol' 1993's first-order estimator (mean(f_A f_ABj) - f0^2)
        is not SALib's and differs by far more than the tolerance."""
        y = self.outputs(False)
        reference = ReferenceSalib.sobol(y, 3, False, 10, 0.95, 1)
        z = (y - y.mean()) / y.std()
        a, b, ab, _ = sobol.separate_output_values(z, 3)
        other = np.mean(b[:, None] * ab, axis=0) / np.var(np.r_[a, b])
        self.assertGreater(np.max(np.abs(other - reference["S1"])), 100 * TOLERANCE)

    def test_morris_matches_the_reference(self):
        x = morris_design(30, [(0, 1), (-2, 5), (10, 20), (0.1, 0.2)], 6, seed=4)
        y = 3 * x[:, 0] ** 2 + x[:, 1] * x[:, 2] + np.sin(10 * x[:, 3])
        for resamples, level, seed in ((100, 0.95, 1), (50, 0.99, 99)):
            ours = morris.analyze(x, y, 6, resamples, level, seed)
            reference = ReferenceSalib.morris(x, y, 6, resamples, level, seed)
            self.assertEqual(sorted(ours), ["mu", "mu_star", "mu_star_conf", "sigma"])
            self.assert_same(ours, reference, ours.keys())

    @unittest.skipIf(salib_sobol is None, "SALib is not importable (not packaged in Debian 12)")
    def test_sobol_matches_salib(self):
        for second in (False, True):
            y = self.outputs(second)
            problem = {"num_vars": 3, "names": ["x1", "x2", "x3"], "bounds": BOUNDS}
            theirs = salib_sobol.analyze(problem, y, calc_second_order=second, seed=1)
            ours = sobol.analyze(y, 3, second, seed=1)
            self.assert_same(ours, theirs, ours.keys())

    @unittest.skipIf(salib_morris is None, "SALib is not importable (not packaged in Debian 12)")
    def test_morris_matches_salib(self):
        bounds = [(0, 1), (-2, 5), (10, 20)]
        x = morris_design(20, bounds, 4, seed=5)
        y = x[:, 0] * x[:, 1] + x[:, 2]
        problem = {"num_vars": 3, "names": ["a", "b", "c"], "bounds": bounds}
        theirs = salib_morris.analyze(problem, x, y, num_levels=4, seed=3)
        ours = morris.analyze(x, y, 4, seed=3)
        self.assert_same(ours, theirs, ours.keys())


class MorrisTest(unittest.TestCase):

    def test_linear_function_has_constant_effects(self):
        """y = sum c_j x_j: each effect is c_j times the input's range, sigma is 0."""
        bounds = np.array([(0.0, 1.0), (0.0, 2.0), (5.0, 6.0)])
        c = np.array([1.0, -3.0, 0.0])
        x = morris_design(25, bounds, 4, seed=1)
        result = morris.analyze(x, x @ c, 4)
        widths = bounds[:, 1] - bounds[:, 0]
        np.testing.assert_allclose(result["mu"], c * widths, atol=1e-12)
        np.testing.assert_allclose(result["mu_star"], np.abs(c) * widths, atol=1e-12)
        np.testing.assert_allclose(result["sigma"], 0, atol=1e-12)
        np.testing.assert_allclose(result["mu_star_conf"], 0, atol=1e-12)

    def test_rows_that_are_not_trajectories_are_refused(self):
        x = np.random.default_rng(1).random((8, 3))
        with self.assertRaisesRegex(ValueError, "not Morris trajectories"):
            morris.analyze(x, np.arange(8.0))


if __name__ == "__main__":
    unittest.main()
