"""Morris elementary effects as SALib computes them, with numpy only.

``migdip sweep`` with ``sampler = morris`` writes r trajectories of d + 1 points each, in
SALib's row order (``SALib.sample.morris.sample``): each trajectory starts on a grid of p levels
per input (``num_levels``) and moves one input at a time by delta = p / (2 (p - 1)) of its
range. :func:`analyze` computes SALib's statistics of the elementary effects
(``SALib.analyze.morris.analyze``), and :meth:`migdip.Sweep.morris` does it for a metric of a
sweep.

For input j in trajectory t, the elementary effect is ``EE = (y(x_high) - y(x_low)) / delta``,
where x_high and x_low are the two consecutive points of the trajectory between which input j
changes, x_high the one where it is larger. ``delta`` is on the unit scale, whatever the
input's range (or its log-uniform spread): the effects of inputs are compared per share of
their range. Then, over the r trajectories:

- ``mu``: the mean of the effects; ``mu_star``: the mean of their absolute values (Campolongo
  et al. 2007), the importance measure; ``sigma``: their standard deviation (ddof=1), a sign of
  interactions or non-linearity;
- ``mu_star_conf``: the half-width of a bootstrap interval of mu_star: for each input, the r
  effects are resampled with replacement ``num_resamples`` times (``default_rng(seed)
  .integers(r, size=(num_resamples, r))``, input after input, as SALib draws them), and the
  half-width is z * std(ddof=1) of the resampled mu_star, z the normal quantile of
  ``0.5 + conf_level / 2``.

References:
    M. D. Morris (1991). Factorial sampling plans for preliminary computational experiments.
    Technometrics 33, 161-174.
    F. Campolongo, J. Cariboni, A. Saltelli (2007). An effective screening design for
    sensitivity analysis of large models. Environmental Modelling & Software 22, 1509-1518.
"""

import numpy as np

from .sobol import DEFAULT_SEED, normal_quantile


def delta(num_levels):
    """The step of a Morris design with ``num_levels`` grid levels, on the unit scale."""
    return num_levels / (2.0 * (num_levels - 1))


def elementary_effects(x, y, num_levels=4):
    """The elementary effects, shape ``(d, r)``, of outputs ``y`` on the ``(r (d + 1), d)``
    inputs ``x`` of a Morris design (module docstring)."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float).ravel()
    if x.ndim != 2 or x.shape[0] != y.size:
        raise ValueError(f"x must have one row per output: shapes {x.shape} and {y.shape}")
    d = x.shape[1]
    if y.size == 0 or y.size % (d + 1) != 0:
        raise ValueError(f"{y.size} outputs are not r*(d+1) for d={d}")
    r = y.size // (d + 1)
    inputs = x.reshape(r, d + 1, d)
    outputs = y.reshape(r, d + 1)
    change = np.diff(inputs, axis=1)  # (r, d, d): step s, input j
    up, down = change > 0, change < 0
    if not np.all(up.sum(axis=1) + down.sum(axis=1) == 1):
        raise ValueError("the rows are not Morris trajectories: each input must change exactly "
                         "once in each trajectory of d + 1 rows")
    before, after = outputs[:, :-1, None], outputs[:, 1:, None]
    high = np.sum(np.where(up, after, 0) + np.where(down, before, 0), axis=1)
    low = np.sum(np.where(up, before, 0) + np.where(down, after, 0), axis=1)
    return ((high - low) / delta(num_levels)).T


def analyze(x, y, num_levels=4, num_resamples=100, conf_level=0.95, seed=DEFAULT_SEED):
    """``mu``, ``mu_star``, ``sigma`` and ``mu_star_conf`` (arrays of length d) of a Morris
    design, as ``SALib.analyze.morris.analyze(problem, x, y, num_resamples, conf_level,
    num_levels=num_levels, seed=seed)`` computes them (module docstring)."""
    if not 0 < conf_level < 1:
        raise ValueError(f"conf_level must be between 0 and 1, got {conf_level}")
    if not np.all(np.isfinite(np.asarray(y, dtype=float))):
        raise ValueError("the outputs contain NaN or infinity")
    effects = elementary_effects(x, y, num_levels)
    d, r = effects.shape
    if r < 2:
        raise ValueError("sigma needs at least 2 trajectories")
    rng = np.random.default_rng(seed)
    z = normal_quantile(0.5 + conf_level / 2)
    conf = np.empty(d)
    for j in range(d):
        index = rng.integers(r, size=(int(num_resamples), r))
        conf[j] = z * np.average(np.abs(effects[j][index]), axis=1).std(ddof=1)
    return {
        "mu": np.average(effects, 1),
        "mu_star": np.average(np.abs(effects), 1),
        "sigma": np.std(effects, axis=1, ddof=1),
        "mu_star_conf": conf,
    }
