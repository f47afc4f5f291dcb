"""Sobol' sensitivity indices as SALib computes them, with numpy only.

SALib is not packaged in Debian; this module is the part of ``SALib.analyze.sobol`` a sweep
needs, with SALib's names, row order, estimators and bootstrap, so that the same outputs give
the same numbers (``tests/python/test_sobol.py`` checks it against an independent
re-implementation of SALib's formulas, and against SALib itself when it is importable):

>>> import numpy as np
>>> from migdip import sobol
>>> bounds = [(-np.pi, np.pi)] * 3
>>> X = sobol.saltelli_sample(2**14, bounds, rng=1)   # SALib's row order, (N*(d+2), d)
>>> y = sobol.ishigami(X)                  # or: run the model on every row of X
>>> Si = sobol.analyze(y, 3)               # S1, S1_conf, ST, ST_conf
>>> Si["S1"].round(2), Si["ST"].round(2)                              # doctest: +SKIP
(array([0.31, 0.44, 0.  ]), array([0.56, 0.44, 0.24]))

``migdip sweep`` with ``sampler = saltelli`` writes its points in the same order (on a
scrambled Sobol' sequence), and :meth:`migdip.Sweep.sobol` analyses a metric of such a sweep.

**The design** (Saltelli 2002; Saltelli et al. 2010): two N x d sample matrices A and B (the
first and last d columns of an N x 2d base sample), A_B^(j) = A with its column j taken from B,
and, for second-order indices, B_A^(j) = B with its column j taken from A. The rows come in
groups, one per base sample i (SALib's ``SALib.sample.sobol.sample``)::

    A_i, A_B^(1)_i, ..., A_B^(d)_i, [B_A^(1)_i, ..., B_A^(d)_i,] B_i

so N (d + 2) rows, or N (2d + 2) with second order.

**The estimators** (SALib's ``SALib.analyze.sobol.analyze``): the outputs Y are first
standardised, ``Y = (Y - mean(Y)) / std(Y)`` over all rows; with f_A, f_B, f_ABj, f_BAj the
outputs on A, B, A_B^(j), B_A^(j) and V = var([f_A, f_B]) (population variance):

- first order (Saltelli et al. 2010, table 2 (b)): ``S1_j = mean(f_B (f_ABj - f_A)) / V``;
- total order (Jansen 1999; Saltelli et al. 2010, table 2 (f)):
  ``ST_j = 0.5 mean((f_A - f_ABj)^2) / V``;
- second order (Saltelli 2002): ``S2_jk = mean(f_BAj f_ABk - f_A f_B) / V - S1_j - S1_k``.

**Confidence** (``S1_conf``, ``ST_conf``, ``S2_conf``): the base samples are resampled with
replacement ``num_resamples`` times (the index matrix ``default_rng(seed).integers(N, size=(N,
num_resamples))``, as SALib draws it when given a seed), each estimator is computed on every
resample, and the half-width is ``z * std(ddof=1)`` of those estimates, z the normal quantile of
``0.5 + conf_level / 2`` (1.96 for 0.95). SALib's defaults: 100 resamples, 0.95.

References:
    I. M. Sobol' (2001). Global sensitivity indices for nonlinear mathematical models and their
    Monte Carlo estimates. Mathematics and Computers in Simulation 55, 271-280.
    A. Saltelli (2002). Making best use of model evaluations to compute sensitivity indices.
    Computer Physics Communications 145, 280-297.
    A. Saltelli, P. Annoni, I. Azzini, F. Campolongo, M. Ratto, S. Tarantola (2010). Variance
    based sensitivity analysis of model output. Design and estimator for the total sensitivity
    index. Computer Physics Communications 181, 259-270.
    M. J. W. Jansen (1999). Analysis of variance designs for model output. Computer Physics
    Communications 117, 35-43.
    J. Herman, W. Usher (2017). SALib: An open-source Python library for Sensitivity Analysis.
    Journal of Open Source Software 2(9), 97.
    T. Ishigami, T. Homma (1990). An importance quantification technique in uncertainty
    analysis for computer models. Proceedings of ISUMA'90, 398-403.
"""

from statistics import NormalDist

import numpy as np

#: The bootstrap's default seed. SALib draws unseeded when given none (or 0); migdip seeds by
#: default so that an analysis gives the same intervals every time. ``SALib.analyze.sobol
#: .analyze(problem, Y, seed=1)`` draws the same resamples.
DEFAULT_SEED = 1


def normal_quantile(p):
    """The standard normal quantile (``scipy.stats.norm.ppf`` when SciPy is there, as SALib
    uses; else the standard library's, which differs by a few 1e-16)."""
    try:
        from scipy.stats import norm
    except ImportError:
        return NormalDist().inv_cdf(p)
    return float(norm.ppf(p))


def _bounds_array(bounds):
    bounds = np.asarray(bounds, dtype=float)
    if bounds.ndim != 2 or bounds.shape[1] != 2 or bounds.shape[0] < 1:
        raise ValueError(f"bounds must be a sequence of (low, high) pairs, got shape "
                         f"{bounds.shape}")
    if not np.all(np.isfinite(bounds)) or np.any(bounds[:, 1] <= bounds[:, 0]):
        raise ValueError("every bound must be finite with low < high")
    return bounds


def saltelli_rows(base, calc_second_order=False):
    """Arranges an ``(N, 2d)`` base sample (A in the first d columns, B in the last d) into the
    rows of Saltelli's design in SALib's order (module docstring): an array of ``N (d + 2)``
    rows, or ``N (2d + 2)`` with ``calc_second_order``."""
    base = np.asarray(base, dtype=float)
    if base.ndim != 2 or base.shape[1] % 2 != 0 or base.shape[1] == 0:
        raise ValueError(f"the base sample must be (N, 2d), got shape {base.shape}")
    n, d = base.shape[0], base.shape[1] // 2
    a, b = base[:, :d], base[:, d:]
    group = 2 * d + 2 if calc_second_order else d + 2
    rows = np.empty((n, group, d))
    rows[:, 0] = a
    for j in range(d):
        rows[:, 1 + j] = a
        rows[:, 1 + j, j] = b[:, j]
        if calc_second_order:
            rows[:, 1 + d + j] = b
            rows[:, 1 + d + j, j] = a[:, j]
    rows[:, group - 1] = b
    return rows.reshape(n * group, d)


def saltelli_sample(n, bounds, rng=None, *, calc_second_order=False, base=None):
    """Saltelli's design for ``d = len(bounds)`` inputs, each uniform on its ``(low, high)``, in
    SALib's row order (module docstring).

    Args:
        n: the base sample size N; the model is run ``N (d + 2)`` times (``N (2d + 2)`` with
            second order).
        bounds: ``[(low, high), ...]``, one pair per input.
        calc_second_order: also the rows B_A^(j) that second-order indices need.
        rng: a ``numpy.random.Generator``, or a seed for ``numpy.random.default_rng``, for a
            plain Monte Carlo base sample.
        base: instead, an ``(n, 2d)`` base sample on the unit cube, e.g.
            ``scipy.stats.qmc.Sobol(2 * d, seed=s).random(n)``, which is what
            ``SALib.sample.sobol.sample(problem, n, seed=s)`` uses.
    """
    n = int(n)
    if n < 2:
        raise ValueError(f"n must be at least 2, got {n}")
    bounds = _bounds_array(bounds)
    d = len(bounds)
    if base is None:
        rng = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
        base = rng.random((n, 2 * d))
    base = np.asarray(base, dtype=float)
    if base.shape != (n, 2 * d):
        raise ValueError(f"base must have shape ({n}, {2 * d}), got {base.shape}")
    unit = saltelli_rows(base, calc_second_order)
    return bounds[:, 0] + (bounds[:, 1] - bounds[:, 0]) * unit


def separate_output_values(y, d, calc_second_order=False):
    """Splits outputs on the rows of Saltelli's design (SALib's order) into ``(A, B, AB, BA)``:
    A and B of length N, AB and BA of shape ``(N, d)`` (BA is None without second order), as
    SALib's function of the same name."""
    y = np.asarray(y, dtype=float).ravel()
    step = 2 * d + 2 if calc_second_order else d + 2
    if d < 1 or y.size == 0 or y.size % step != 0:
        raise ValueError(f"{y.size} outputs are not N*{'(2d+2)' if calc_second_order else '(d+2)'}"
                         f" for d={d}: does calc_second_order match the design?")
    n = y.size // step
    a = y[0::step]
    b = y[step - 1::step]
    ab = np.empty((n, d))
    ba = np.empty((n, d)) if calc_second_order else None
    for j in range(d):
        ab[:, j] = y[j + 1::step]
        if calc_second_order:
            ba[:, j] = y[j + 1 + d::step]
    return a, b, ab, ba


def first_order(A, AB, B):
    """``mean(B (AB - A)) / var([A, B])`` along the first axis (Saltelli et al. 2010)."""
    return np.mean(B * (AB - A), axis=0) / np.var(np.r_[A, B], axis=0)


def total_order(A, AB, B):
    """``0.5 mean((A - AB)^2) / var([A, B])`` along the first axis (Jansen 1999)."""
    return 0.5 * np.mean((A - AB) ** 2, axis=0) / np.var(np.r_[A, B], axis=0)


def second_order(A, ABj, ABk, BAj, B):
    """``mean(BAj ABk - A B) / var([A, B]) - S1_j - S1_k`` along the first axis (Saltelli
    2002)."""
    vjk = np.mean(BAj * ABk - A * B, axis=0) / np.var(np.r_[A, B], axis=0)
    return vjk - first_order(A, ABj, B) - first_order(A, ABk, B)


def analyze(y, d, calc_second_order=False, num_resamples=100, conf_level=0.95,
            seed=DEFAULT_SEED):
    """Sobol' indices of the outputs ``y`` of Saltelli's design over ``d`` inputs, as
    ``SALib.analyze.sobol.analyze(problem, y, calc_second_order, num_resamples, conf_level,
    seed=seed)`` computes them (module docstring).

    Args:
        y: one output per row of the design, in SALib's row order.
        d: the number of inputs.
        calc_second_order: whether the design has the B_A^(j) rows (it must match the design).
        num_resamples, conf_level: of the bootstrap (SALib's defaults).
        seed: of the bootstrap's resampling (None: unseeded, as SALib's default).

    Returns:
        a dict of numpy arrays, SALib's keys: ``S1``, ``S1_conf``, ``ST``, ``ST_conf`` (length
        d) and, with second order, ``S2`` and ``S2_conf`` (d x d, filled above the diagonal,
        NaN elsewhere). Estimates are not clipped: a small negative index means "zero within
        error", and first > total within the intervals is Monte Carlo error.
    """
    y = np.asarray(y, dtype=float).ravel()
    if not np.all(np.isfinite(y)):
        raise ValueError("the outputs contain NaN or infinity")
    if not 0 < conf_level < 1:
        raise ValueError(f"conf_level must be between 0 and 1, got {conf_level}")
    if int(num_resamples) < 2:
        raise ValueError(f"num_resamples must be at least 2, got {num_resamples}")
    spread = y.std()
    if spread == 0:
        raise ValueError("the output does not vary: the indices are undefined")
    y = (y - y.mean()) / spread
    A, B, AB, BA = separate_output_values(y, d, calc_second_order)
    n = A.size
    r = np.random.default_rng(seed).integers(n, size=(n, int(num_resamples)))
    z = normal_quantile(0.5 + conf_level / 2)

    result = {key: np.zeros(d) for key in ("S1", "S1_conf", "ST", "ST_conf")}
    varies_in_resamples = np.ptp(np.r_[A[r], B[r]]) != 0.0
    for j in range(d):
        result["S1"][j] = first_order(A, AB[:, j], B)
        result["ST"][j] = total_order(A, AB[:, j], B)
        if varies_in_resamples:
            result["S1_conf"][j] = z * first_order(A[r], AB[r, j], B[r]).std(ddof=1)
            result["ST_conf"][j] = z * total_order(A[r], AB[r, j], B[r]).std(ddof=1)
    if calc_second_order:
        result["S2"] = np.full((d, d), np.nan)
        result["S2_conf"] = np.full((d, d), np.nan)
        for j in range(d):
            for k in range(j + 1, d):
                result["S2"][j, k] = second_order(A, AB[:, j], AB[:, k], BA[:, j], B)
                result["S2_conf"][j, k] = z * second_order(
                    A[r], AB[r, j], AB[r, k], BA[r, j], B[r]).std(ddof=1)
    return result


def design_order(values):
    """Checks that the rows of a design (an ``(rows, d)`` array of input values) are Saltelli's
    design in SALib's order and says whether it has the second-order rows: returns
    ``calc_second_order``. Raises ValueError for another layout, for instance a sweep written
    by a migdip from before the SALib order (rows A, then B, then each A_B^(j), in blocks)."""
    values = np.asarray(values, dtype=float)
    rows, d = values.shape
    for second in (False, True):
        group = 2 * d + 2 if second else d + 2
        if rows == 0 or rows % group != 0:
            continue
        x = values.reshape(rows // group, group, d)
        a, b = x[:, 0], x[:, group - 1]
        ok = True
        for j in range(d):
            expected = a.copy()
            expected[:, j] = b[:, j]
            ok = ok and np.array_equal(x[:, 1 + j], expected, equal_nan=True)
            if second:
                expected = b.copy()
                expected[:, j] = a[:, j]
                ok = ok and np.array_equal(x[:, 1 + d + j], expected, equal_nan=True)
        if ok:
            return second
    raise ValueError("the points are not Saltelli's design in SALib's order (groups A, A_B^(j), "
                     "[B_A^(j),] B); a sweep written by migdip before that order (blocks A, B, "
                     "A_B^(j)) must be run again")


def ishigami(x, a=7.0, b=0.1):
    """The Ishigami function (Ishigami and Homma 1990), ``sin(x1) + a sin(x2)^2 + b x3^4
    sin(x1)`` for rows ``x`` of 3 inputs, each uniform on ``[-pi, pi]``; a test case whose
    indices are known (:func:`ishigami_indices`)."""
    x = np.asarray(x, dtype=float)
    return np.sin(x[:, 0]) + a * np.sin(x[:, 1]) ** 2 + b * x[:, 2] ** 4 * np.sin(x[:, 0])


def ishigami_indices(a=7.0, b=0.1):
    """The analytic Sobol indices of :func:`ishigami`: ``(first, total)``, each of length 3.
    For a=7, b=0.1: S1 = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437)."""
    pi = np.pi
    v1 = 0.5 * (1 + b * pi ** 4 / 5) ** 2
    v2 = a ** 2 / 8
    v13 = b ** 2 * pi ** 8 * (1 / 18 - 1 / 50)
    variance = v1 + v2 + v13
    first = np.array([v1, v2, 0.0]) / variance
    total = np.array([v1 + v13, v2, v13]) / variance
    return first, total


def ishigami_second_order(a=7.0, b=0.1):
    """The analytic second-order indices of :func:`ishigami`, a 3 x 3 matrix filled above the
    diagonal as :func:`analyze` fills ``S2``: only S2_13 (0.2437 for a=7, b=0.1) is not 0."""
    first, total = ishigami_indices(a, b)
    second = np.full((3, 3), np.nan)
    second[0, 1] = second[1, 2] = 0.0
    second[0, 2] = total[2]  # x3 acts only with x1
    return second
