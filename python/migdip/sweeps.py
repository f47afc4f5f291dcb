"""Reading a migdip sweep: the file written by ``migdip sweep`` (or ``migdip merge``).

The layout is described in ``docs/sweeps.md``. Like :mod:`migdip.results`, this module checks
the file and leaves the work to h5py, xarray and pandas:

>>> import migdip
>>> sweep = migdip.open_sweep("grid.h5")            # doctest: +SKIP
>>> sweep.metrics.sel(metric="deaths").mean("replicate")   # doctest: +SKIP
>>> sweep.runs.groupby("state.TUR.exit_enforcement")["arrivals"].mean()   # doctest: +SKIP
>>> statsmodels.formula.api.ols("deaths ~ state_TUR_exit_enforcement", sweep.runs)  # doctest: +SKIP
>>> sweep.sobol("deaths")               # a saltelli sweep: S1, S1_conf, ST, ST_conf   # doctest: +SKIP
>>> sweep.morris("deaths")              # a morris sweep: mu, mu_star, sigma, mu_star_conf   # doctest: +SKIP
"""

import os
import re

import numpy as np
import pandas as pd
import xarray as xr

from . import morris as _morris
from . import sobol as _sobol
from .results import FormatError, _open_hdf5, _plain

#: The major version of the sweep format this reader knows.
SUPPORTED_SWEEP_FORMAT_MAJOR = 1

_FILE_KIND = "migdip sweep"

# What formula languages take as a name: patsy/statsmodels (Python identifiers), R and Stata.
_NOT_IN_NAMES = re.compile(r"[^A-Za-z0-9_]")


def formula_names(parameters, taken=()):
    """The swept keys as column names that formulas accept, in the order given:
    ``state.TUR.exit_enforcement`` -> ``state_TUR_exit_enforcement``,
    ``corridor.TUR-GRC.mortality`` -> ``corridor_TUR_GRC_mortality``,
    ``stock.SYR in TUR.hosted`` -> ``stock_SYR_in_TUR_hosted``.

    Every character other than an ASCII letter, digit or ``_`` becomes ``_``, and a name that
    does not start with a letter gets ``p_`` in front. A name already given (to an earlier key,
    or in ``taken``, e.g. the other columns of the table) gets ``_2``, ``_3``, ... so that the
    names are unique.

    >>> formula_names(["state.TUR.exit_enforcement", "state.TUR-exit_enforcement"])
    ['state_TUR_exit_enforcement', 'state_TUR_exit_enforcement_2']
    """
    used = set(taken)
    names = []
    for parameter in parameters:
        base = _NOT_IN_NAMES.sub("_", parameter)
        if not base[:1].isalpha():
            base = "p_" + base
        name, suffix = base, 2
        while name in used:
            name, suffix = f"{base}_{suffix}", suffix + 1
        used.add(name)
        names.append(name)
    return names


def _sweep_option(plan_text, key, default):
    """The value of ``key`` in the ``[sweep]`` section of a plan's text (docs/sweeps.md: one
    ``key = value`` a line, ``#`` and ``;`` start comments), or ``default``."""
    section = None
    for line in plan_text.splitlines():
        line = line.split("#")[0].split(";")[0].strip()
        if line.startswith("["):
            section = line.strip("[]").strip()
        elif section == "sweep" and "=" in line:
            name, value = (part.strip() for part in line.split("=", 1))
            if name == key:
                return value
    return default


class Sweep:
    """A sweep read from its file. Use :func:`open_sweep` to make one.

    Attributes:
        path: the file.
        attrs: the root attributes as plain Python values (``plan_name``, ``sampler``,
            ``points_total``, ``replicates``, ``rerun_command``, ...).
        dataset: the root as an :class:`xarray.Dataset`, loaded into memory: ``metrics``
            (point, replicate, metric), ``value`` and ``value_text`` (point, parameter),
            ``seed`` and ``done`` (point, replicate), with the metrics' units in the
            ``metric_units`` coordinate.
        scenario_text, plan_text: the scenario and plan files as written.
        series_names: the kept series, as ``"group.variable"``.
    """

    def __init__(self, path):
        self.path = path
        with _open_hdf5(path) as f:
            if _plain(f.attrs.get("file_kind", "")) != _FILE_KIND:
                raise FormatError(f"{path}: not a migdip sweep file (no file_kind = "
                                  f"'{_FILE_KIND}'); for the results of one run, use open_run")
            version = _plain(f.attrs.get("format_version", ""))
            try:
                major = int(version.split(".")[0])
            except ValueError:
                major = None
            if major != SUPPORTED_SWEEP_FORMAT_MAJOR:
                raise FormatError(f"{path}: sweep format version {version!r} is not supported "
                                  f"(this reader knows version "
                                  f"{SUPPORTED_SWEEP_FORMAT_MAJOR}.x)")
            self.attrs = {name: _plain(value) for name, value in f.attrs.items()}
            self.scenario_text = _plain(f["scenario_text"][()])
            self.plan_text = _plain(f["plan_text"][()])
            order = _plain(f["series"].attrs.get("order", "")) if "series" in f else ""
            self.series_names = order.split()
        with xr.open_dataset(path, engine="h5netcdf") as opened:
            self.dataset = opened.drop_vars(["scenario_text", "plan_text"]).load()
        self.format_version = version

    @property
    def complete(self):
        """True once every run is in (a merged or finished sweep)."""
        return bool(self.attrs.get("complete", 0))

    @property
    def metrics(self):
        """The summary metrics, ``(point, replicate, metric)``; units in ``metric_units``."""
        return self.dataset["metrics"]

    @property
    def parameters(self):
        """The swept scenario keys, in plan order."""
        return [str(name) for name in self.dataset["parameter"].values]

    @property
    def values(self):
        """The parameters' values at every point, ``(point, parameter)``; NaN for words."""
        return self.dataset["value"]

    def metric_units(self, metric):
        """The units of one metric, e.g. ``"people"``."""
        return str(self.dataset["metric_units"].sel(metric=metric).values)

    @property
    def formula_columns(self):
        """``{swept key: its column name for formulas}``, in plan order, e.g.
        ``{"state.TUR.exit_enforcement": "state_TUR_exit_enforcement"}``: the names
        :func:`formula_names` gives, unique among themselves and among the other columns of
        :attr:`runs`."""
        metrics = [str(name) for name in self.dataset["metric"].values]
        taken = ["point", "replicate", "seed", *self.parameters, *metrics]
        return dict(zip(self.parameters, formula_names(self.parameters, taken)))

    @property
    def runs(self):
        """One row per run: ``point``, ``replicate``, ``seed``, a column per parameter (its
        value as given to the scenario, a number where it is one) named as the plan names the
        key (``state.TUR.exit_enforcement``), the same values again under the names of
        :attr:`formula_columns` (``state_TUR_exit_enforcement``), which statsmodels, R and Stata
        formulas accept, then a column per metric."""
        metrics = (self.metrics.drop_vars(["metric_units", "metric_long_name"])
                   .to_dataset(dim="metric").to_dataframe())
        texts = self.dataset["value_text"].to_pandas()
        values = self.values.to_pandas()
        parameters = values.where(values.notna(), texts)
        formula = parameters.rename(columns=self.formula_columns)
        formula.columns.name = None
        seeds = self.dataset["seed"].to_series().rename("seed")
        frame = metrics.join(seeds).join(parameters).join(formula).reset_index()
        first = ["point", "replicate", "seed", *self.parameters, *formula.columns]
        return frame[first + [c for c in frame.columns if c not in first]]

    def series(self, group):
        """The kept series of one results-file group (``"states"``, ``"corridors"``...) as an
        :class:`xarray.Dataset` with dimensions (point, replicate, ...), loaded into memory."""
        groups = sorted({name.split(".")[0] for name in self.series_names})
        if group not in groups:
            raise KeyError(f"{self.path}: no series of group {group!r} (kept: "
                           f"{', '.join(self.series_names) or 'none'})")
        with xr.open_dataset(self.path, group=f"series/{group}", engine="h5netcdf") as opened:
            return opened.load()

    def _outputs_of_complete(self, metric, sampler):
        if self.attrs.get("sampler") != sampler:
            raise ValueError(f"{self.path}: this needs a {sampler} sweep, this one is "
                             f"{self.attrs.get('sampler')!r}")
        if not self.complete:
            raise ValueError(f"{self.path}: the sweep is not complete")
        return self.metrics.sel(metric=metric).mean("replicate").values

    def sobol(self, metric, num_resamples=100, conf_level=0.95, seed=_sobol.DEFAULT_SEED):
        """Sobol' indices of a metric (mean over replicates) from a ``saltelli`` sweep, as
        SALib computes them (:func:`migdip.sobol.analyze`): a DataFrame indexed by parameter
        with columns ``S1``, ``S1_conf``, ``ST``, ``ST_conf``. When the plan asked for
        ``second_order``, ``frame.attrs["S2"]`` and ``frame.attrs["S2_conf"]`` hold the
        second-order indices as parameter x parameter DataFrames (filled above the diagonal).
        The design's row order is checked first (:func:`migdip.sobol.design_order`)."""
        y = self._outputs_of_complete(metric, "saltelli")
        second = _sobol.design_order(self.dataset["value"].values)
        result = _sobol.analyze(y, len(self.parameters), calc_second_order=second,
                                num_resamples=num_resamples, conf_level=conf_level, seed=seed)
        index = pd.Index(self.parameters, name="parameter")
        frame = pd.DataFrame({key: result[key] for key in ("S1", "S1_conf", "ST", "ST_conf")},
                             index=index)
        if second:
            for key in ("S2", "S2_conf"):
                frame.attrs[key] = pd.DataFrame(result[key], index=index,
                                                columns=list(self.parameters))
        return frame

    def morris(self, metric, num_resamples=100, conf_level=0.95, seed=_sobol.DEFAULT_SEED):
        """Morris statistics of a metric (mean over replicates) from a ``morris`` sweep, as
        SALib computes them (:func:`migdip.morris.analyze`, with the plan's ``num_levels``): a
        DataFrame indexed by parameter with columns ``mu``, ``mu_star``, ``sigma`` and
        ``mu_star_conf``."""
        y = self._outputs_of_complete(metric, "morris")
        levels = int(_sweep_option(self.plan_text, "num_levels", "4"))
        result = _morris.analyze(self.dataset["value"].values, y, num_levels=levels,
                                 num_resamples=num_resamples, conf_level=conf_level, seed=seed)
        return pd.DataFrame(result, index=pd.Index(self.parameters, name="parameter"))

    def rerun_command(self, point, replicate=0):
        """The ``migdip run`` command that re-runs one run alone (as ``migdip info SWEEP
        --point P --replicate R`` prints it, without shell quoting)."""
        row = int(np.flatnonzero(self.dataset["point"].values == point)[0])
        command = self.attrs["rerun_command"]
        for parameter, text in zip(self.parameters, self.dataset["value_text"].values[row]):
            command = command.replace("{" + parameter + "}", str(text))
        seed = int(self.dataset["seed"].values[row, replicate])
        return command.replace("{seed}", str(seed))

    def __repr__(self):
        return (f"<migdip.Sweep {self.path}: {self.attrs.get('plan_name')} "
                f"({self.attrs.get('sampler')}), {self.dataset.sizes['point']} points x "
                f"{self.dataset.sizes['replicate']} replicates>")


def open_sweep(path):
    """Opens a sweep file; see :class:`Sweep`.

    Raises :class:`migdip.FormatError` (one line, naming the file) when the file is missing, is
    not HDF5, is not a sweep file, or has a sweep format version this reader does not know.
    """
    return Sweep(os.fspath(path))
