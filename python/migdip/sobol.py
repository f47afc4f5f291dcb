"""First- and total-order Sobol sensitivity indices from a Saltelli design, with numpy only.

SALib is not packaged in Debian; this module is the small part of it a sweep needs:

>>> import numpy as np
>>> from migdip import sobol
>>> bounds = [(-np.pi, np.pi)] * 3
>>> X = sobol.saltelli_sample(2**14, bounds, np.random.default_rng(1))  # (N*(d+2), d)
>>> y = sobol.ishigami(X)                      # or: run the model on every row of X
>>> result = sobol.sobol_indices(*sobol.split_outputs(y, len(bounds)))
>>> result.first.round(2), result.total.round(2)                     # doctest: +SKIP
(array([0.31, 0.44, 0.  ]), array([0.56, 0.44, 0.24]))

The design (Saltelli 2002; Saltelli et al. 2010): two independent N x d sample matrices A and
B, and for each input i the matrix A_B^(i), which is A with its column i taken from B. The
model is evaluated on the N*(d+2) rows of ``[A; B; A_B^(1); ...; A_B^(d)]``. With
f_A = f(A), f_B = f(B), f_ABi = f(A_B^(i)) and V the variance of the outputs of A and B:

- first order (Saltelli et al. 2010, table 2 (b)):  S_i  = mean(f_B * (f_ABi - f_A)) / V
- total order (Jansen 1999; Saltelli et al. 2010, table 2 (f)):
  ST_i = 0.5 * mean((f_A - f_ABi)**2) / V

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
    T. Ishigami, T. Homma (1990). An importance quantification technique in uncertainty
    analysis for computer models. Proceedings of ISUMA'90, 398-403.
"""

from collections import namedtuple

import numpy as np

#: Result of :func:`sobol_indices`: arrays of length d (first- and total-order indices), and
#: the output variance V they are divided by.
SobolIndices = namedtuple("SobolIndices", ["first", "total", "variance"])


def _bounds_array(bounds):
    bounds = np.asarray(bounds, dtype=float)
    if bounds.ndim != 2 or bounds.shape[1] != 2 or bounds.shape[0] < 1:
        raise ValueError(f"bounds must be a sequence of (low, high) pairs, got shape "
                         f"{bounds.shape}")
    if not np.all(np.isfinite(bounds)) or np.any(bounds[:, 1] <= bounds[:, 0]):
        raise ValueError("every bound must be finite with low < high")
    return bounds


def saltelli_sample(n, bounds, rng=None):
    """The Saltelli design for ``d = len(bounds)`` inputs, each uniform on its ``(low, high)``.

    Draws two independent ``n x d`` matrices A and B (plain Monte Carlo from ``rng``) and
    returns one ``(n * (d + 2), d)`` array whose rows are, in order, A (rows ``0..n-1``), B
    (``n..2n-1``) and A_B^(1) ... A_B^(d) (``(2 + i) * n`` onwards for input ``i``, counting
    from 0), where A_B^(i) is A with column i taken from B (Saltelli 2002; Saltelli et al.
    2010). Evaluate the model on every row and give the outputs to :func:`split_outputs`.

    Args:
        n: the base sample size N (rows of A); the model is run ``n * (d + 2)`` times.
        bounds: ``[(low, high), ...]``, one pair per input.
        rng: a ``numpy.random.Generator``, or a seed for ``numpy.random.default_rng``.
    """
    n = int(n)
    if n < 2:
        raise ValueError(f"n must be at least 2, got {n}")
    bounds = _bounds_array(bounds)
    d = len(bounds)
    rng = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
    low, width = bounds[:, 0], bounds[:, 1] - bounds[:, 0]
    a = low + width * rng.random((n, d))
    b = low + width * rng.random((n, d))
    design = np.empty((n * (d + 2), d))
    design[:n] = a
    design[n:2 * n] = b
    for i in range(d):
        block = design[(2 + i) * n:(3 + i) * n]
        block[:] = a
        block[:, i] = b[:, i]
    return design


def split_outputs(y, d):
    """Splits the model outputs on the rows of :func:`saltelli_sample` into
    ``(f_A, f_B, f_AB)``: two arrays of length N and one of shape ``(d, N)``."""
    y = np.asarray(y, dtype=float).ravel()
    if y.size % (d + 2) != 0:
        raise ValueError(f"{y.size} outputs are not N*(d+2) for d={d}")
    n = y.size // (d + 2)
    return y[:n], y[n:2 * n], y[2 * n:].reshape(d, n)


def sobol_indices(f_A, f_B, f_AB):
    """First- and total-order Sobol indices from the outputs of a Saltelli design.

    With V the variance of the outputs of A and B together (``numpy.var`` of both):

    - first order, Saltelli et al. (2010): ``S_i = mean(f_B * (f_AB[i] - f_A)) / V``;
    - total order, Jansen (1999): ``ST_i = 0.5 * mean((f_A - f_AB[i])**2) / V``.

    The outputs are first centred on the mean of f_A and f_B. The estimators' expected values
    do not change (the total order is a difference; the first order's ``mean(c * (f_AB[i] -
    f_A))`` has expectation 0 for a constant c), but the first order's Monte Carlo error falls
    a lot when the mean is large against the spread, as SALib does by standardising.

    Args:
        f_A, f_B: outputs on A and B, length N.
        f_AB: outputs on A_B^(i), shape ``(d, N)`` (row i for input i).

    Returns:
        :data:`SobolIndices` ``(first, total, variance)``; first and total have length d. The
        estimates are not clipped: a small negative first order means "zero within error".
    """
    f_A = np.asarray(f_A, dtype=float).ravel()
    f_B = np.asarray(f_B, dtype=float).ravel()
    f_AB = np.atleast_2d(np.asarray(f_AB, dtype=float))
    n = f_A.size
    if f_B.size != n or f_AB.shape[1] != n:
        raise ValueError(f"f_A, f_B and the rows of f_AB must have the same length: "
                         f"{n}, {f_B.size}, {f_AB.shape[1]}")
    if not (np.all(np.isfinite(f_A)) and np.all(np.isfinite(f_B))
            and np.all(np.isfinite(f_AB))):
        raise ValueError("the outputs contain NaN or infinity")
    mean = np.mean(np.concatenate([f_A, f_B]))
    f_A, f_B, f_AB = f_A - mean, f_B - mean, f_AB - mean
    variance = np.var(np.concatenate([f_A, f_B]))
    if variance == 0:
        raise ValueError("the output does not vary: the indices are undefined")
    first = np.mean(f_B * (f_AB - f_A), axis=1) / variance
    total = 0.5 * np.mean((f_A - f_AB) ** 2, axis=1) / variance
    return SobolIndices(first, total, variance)


def ishigami(x, a=7.0, b=0.1):
    """The Ishigami function (Ishigami and Homma 1990), ``sin(x1) + a sin(x2)^2 + b x3^4
    sin(x1)`` for rows ``x`` of 3 inputs, each uniform on ``[-pi, pi]``; a test case whose
    indices are known (:func:`ishigami_indices`)."""
    x = np.asarray(x, dtype=float)
    return np.sin(x[:, 0]) + a * np.sin(x[:, 1]) ** 2 + b * x[:, 2] ** 4 * np.sin(x[:, 0])


def ishigami_indices(a=7.0, b=0.1):
    """The analytic Sobol indices of :func:`ishigami`: ``(first, total)``, each of length 3.
    For a=7, b=0.1: S = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437)."""
    pi = np.pi
    v1 = 0.5 * (1 + b * pi ** 4 / 5) ** 2
    v2 = a ** 2 / 8
    v13 = b ** 2 * pi ** 8 * (1 / 18 - 1 / 50)
    variance = v1 + v2 + v13
    first = np.array([v1, v2, 0.0]) / variance
    total = np.array([v1 + v13, v2, v13]) / variance
    return first, total
