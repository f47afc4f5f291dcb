"""Comparing a scenario's results with the public data it stands for.

Each shipped scenario that models a real episode has a validation spec,
``scenarios/validation/<scenario>.ini``, that says which public series it is compared with, how
the model's output maps onto each series, which window it was calibrated on and what was fitted.
This module reads a spec, runs the scenario (or takes a results file), and measures the error:

- ARD, Flee's averaged relative difference: the mean over observations of |model - data| / data;
- the mean of |log10(model / data)|, which treats a factor of two too high and too low alike;
- the ratio model / data of each observation, split into the calibration window and the period
  held out of it (never fitted), so the error a reader should trust is visible on its own.

>>> spec = load_spec("scenarios/validation/eastern-mediterranean-2015-2017.ini")  # doctest: +SKIP
>>> report = compare(spec, "em.h5")                                                # doctest: +SKIP
>>> report.comparisons[0].held_out_ard                                            # doctest: +SKIP

``python3 scripts/validation_report.py build/apps/migdip`` writes ``docs/validation.md`` from
every spec; a test keeps that file equal to what the command writes.
"""

from __future__ import annotations

import configparser
import dataclasses
import datetime as dt
import pathlib
import subprocess
import tempfile

import numpy as np
import pandas as pd
import xarray as xr

KINDS = ("flow", "cumulative", "stock")


class SpecError(ValueError):
    """A validation spec that cannot be used; the message names the file, section and key."""


@dataclasses.dataclass(frozen=True)
class Period:
    """A closed interval of days, [first, last], as a data row's period names it."""

    first: dt.date
    last: dt.date
    text: str


def parse_period(text: str) -> Period:
    """Parses ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``start/end`` (each of those forms)."""
    text = text.strip()
    if "/" in text:
        start, end = text.split("/", 1)
        return Period(parse_period(start).first, parse_period(end).last, text)
    parts = text.split("-")
    if len(parts) == 1:
        year = int(parts[0])
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), text)
    if len(parts) == 2:
        first = dt.date(int(parts[0]), int(parts[1]), 1)
        following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return Period(first, following - dt.timedelta(days=1), text)
    if len(parts) == 3:
        day = dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
        return Period(day, day, text)
    raise ValueError(f"not a period: {text!r}")


@dataclasses.dataclass(frozen=True)
class SeriesSpec:
    """How one public series is compared with the model."""

    name: str
    data: str
    episode: str | None
    series: str
    periods: tuple[str, ...] | None
    model: str
    select: tuple[str, ...]
    kind: str
    since: dt.date | None


@dataclasses.dataclass(frozen=True)
class ValidationSpec:
    path: pathlib.Path
    scenario: str
    calibrated: str
    calibration_window: Period
    breaks: tuple[tuple[str, str], ...]
    series: tuple[SeriesSpec, ...]


def load_spec(path) -> ValidationSpec:
    path = pathlib.Path(path)
    parser = configparser.ConfigParser(inline_comment_prefixes=(";",), interpolation=None)
    try:
        with open(path, encoding="utf-8") as stream:
            parser.read_file(stream)
    except (OSError, configparser.Error) as error:
        raise SpecError(f"{path}: {error}") from error

    def need(section, key):
        if not parser.has_option(section, key):
            raise SpecError(f"{path}: [{section}] {key}: missing")
        return parser.get(section, key).strip()

    def period(section, key):
        try:
            return parse_period(need(section, key))
        except ValueError as error:
            raise SpecError(f"{path}: [{section}] {key}: {error}") from error

    breaks = []
    for item in parser.get("scenario", "breaks", fallback="").split("|"):
        if item.strip():
            date, _, what = item.strip().partition(" ")
            breaks.append((date, what.strip()))
    series = []
    for section in parser.sections():
        if not section.startswith("compare."):
            continue
        kind = need(section, "kind")
        if kind not in KINDS:
            raise SpecError(f"{path}: [{section}] kind: {kind!r} is not one of {', '.join(KINDS)}")
        since = period(section, "since").first if kind == "cumulative" else None
        periods = parser.get(section, "periods", fallback="").strip()
        select = parser.get(section, "select", fallback="").strip()
        series.append(SeriesSpec(
            name=section.removeprefix("compare."),
            data=need(section, "data"),
            episode=parser.get(section, "episode", fallback=None),
            series=need(section, "series"),
            periods=tuple(p.strip() for p in periods.split(",")) if periods else None,
            model=need(section, "model"),
            select=tuple(s.strip() for s in select.split(",")) if select else (),
            kind=kind,
            since=since))
    if not series:
        raise SpecError(f"{path}: no [compare.NAME] section")
    return ValidationSpec(path=path, scenario=need("scenario", "file"),
                          calibrated=need("scenario", "calibrated"),
                          calibration_window=period("scenario", "calibration_window"),
                          breaks=tuple(breaks), series=tuple(series))


def observations(spec: SeriesSpec, data_dir) -> pd.DataFrame:
    """The data rows a series is compared on: period (Period) and value, in file order."""
    path = pathlib.Path(data_dir) / spec.data
    table = pd.read_csv(path, dtype=str)
    if "period" not in table.columns:  # the monthly Mediterranean file names its periods `month`
        table = table.rename(columns={"month": "period"})
    rows = table[table["series"] == spec.series]
    if spec.episode is not None:
        rows = rows[rows["episode"] == spec.episode]
    if spec.periods is not None:
        rows = rows[rows["period"].isin(spec.periods)]
        missing = set(spec.periods) - set(rows["period"])
        if missing:
            raise SpecError(f"{path}: series {spec.series}: no row for {', '.join(sorted(missing))}")
    if rows.empty:
        raise SpecError(f"{path}: no row of series {spec.series!r}")
    return pd.DataFrame({"period": [parse_period(p) for p in rows["period"]],
                         "value": rows["value"].astype(float).to_numpy()})


class ModelSeries:
    """One model quantity as a tick series, with the days each tick covers."""

    def __init__(self, results, spec: SeriesSpec):
        group, _, variable = spec.model.rpartition("/")
        with xr.open_dataset(results, group=group or None, engine="h5netcdf",
                             decode_timedelta=False) as dataset:
            values = dataset[variable]
            for dim in values.dims[1:]:
                if spec.select and dim in dataset.coords and \
                        set(spec.select) <= set(map(str, dataset[dim].values)):
                    values = values.sel({dim: list(spec.select)})
            values = values.sum([d for d in values.dims if d != "time"])
            self.values = values.to_numpy().astype(float)
            starts = pd.to_datetime(dataset["time"].to_numpy()).date
            days = dataset["tick_days"].to_numpy().astype(int)
        self.first = np.array(starts)
        self.last = np.array([s + dt.timedelta(days=int(n) - 1) for s, n in zip(starts, days)])

    def covered(self, period: Period) -> bool:
        return self.first[0] <= period.first and period.last <= self.last[-1]

    def total(self, first: dt.date, last: dt.date) -> float:
        """Sum over the ticks that fall within [first, last]; a tick straddling an end counts
        for the share of its days inside."""
        total = 0.0
        for value, start, end in zip(self.values, self.first, self.last):
            inside = (min(end, last) - max(start, first)).days + 1
            if inside > 0:
                total += value * inside / ((end - start).days + 1)
        return total

    def at(self, day: dt.date) -> float:
        """The value of the tick that contains `day` (a stock at its end)."""
        index = np.searchsorted(self.first, day, side="right") - 1
        return float(self.values[max(index, 0)])


@dataclasses.dataclass
class Comparison:
    spec: SeriesSpec
    rows: pd.DataFrame  # period, data, model, ratio, held_out

    def _ard(self, rows):
        # A relative difference is undefined where the data are 0 (a month without a recorded
        # death): such rows are left out of both measures, and shown in the tables.
        rows = rows[rows["data"] > 0]
        return float(np.mean(np.abs(rows["model"] - rows["data"]) / rows["data"])) \
            if len(rows) else float("nan")

    def _log_error(self, rows):
        usable = rows[(rows["model"] > 0) & (rows["data"] > 0)]
        return float(np.mean(np.abs(np.log10(usable["model"] / usable["data"])))) \
            if len(usable) else float("nan")

    @property
    def calibration(self):
        return self.rows[~self.rows["held_out"]]

    @property
    def held_out(self):
        return self.rows[self.rows["held_out"]]

    @property
    def calibration_ard(self):
        return self._ard(self.calibration)

    @property
    def held_out_ard(self):
        return self._ard(self.held_out)

    @property
    def calibration_log_error(self):
        return self._log_error(self.calibration)

    @property
    def held_out_log_error(self):
        return self._log_error(self.held_out)


@dataclasses.dataclass
class Report:
    spec: ValidationSpec
    comparisons: list


def compare(spec: ValidationSpec, results, data_dir) -> Report:
    comparisons = []
    for series in spec.series:
        model = ModelSeries(results, series)
        rows = []
        for observation in observations(series, data_dir).itertuples():
            period = observation.period
            if not model.covered(period):
                continue
            if series.kind == "flow":
                value = model.total(period.first, period.last)
            elif series.kind == "cumulative":
                value = model.total(series.since, period.last)
            else:
                value = model.at(period.last)
            rows.append({"period": period.text, "data": observation.value, "model": value,
                         "ratio": value / observation.value if observation.value else np.nan,
                         "held_out": period.last > spec.calibration_window.last})
        comparisons.append(Comparison(series, pd.DataFrame(rows)))
    return Report(spec, comparisons)


def structural_break(values: np.ndarray, width: int = 3) -> int | None:
    """The tick where the mean of the next `width` ticks differs most, in log, from the mean of
    the previous `width`; None for a series too short to have one."""
    if len(values) < 2 * width + 1:
        return None
    best, where = 0.0, None
    for t in range(width, len(values) - width + 1):
        before = np.mean(values[t - width:t]) + 1.0
        after = np.mean(values[t:t + width]) + 1.0
        jump = abs(np.log(after / before))
        if jump > best:
            best, where = jump, t
    return where


def run_scenario(binary, scenario: pathlib.Path, output: pathlib.Path) -> None:
    subprocess.run([str(binary), "run", str(scenario), "-o", str(output), "--quiet"], check=True)


def reports(binary, source_dir) -> list:
    """Runs every scenario that has a validation spec and compares it with its data."""
    source_dir = pathlib.Path(source_dir)
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for path in sorted((source_dir / "scenarios" / "validation").glob("*.ini")):
            spec = load_spec(path)
            results = pathlib.Path(tmp) / (path.stem + ".h5")
            run_scenario(binary, source_dir / "scenarios" / spec.scenario, results)
            report = compare(spec, results, source_dir / "scenarios" / "data")
            report.breaks = model_and_data_breaks(spec, results, source_dir / "scenarios" / "data")
            out.append(report)
    return out


def model_and_data_breaks(spec: ValidationSpec, results, data_dir) -> list:
    """For each series with at least seven observations of one tick each: the period where the
    data break most sharply and where the model does (structural_break)."""
    found = []
    for series in spec.series:
        if series.kind != "flow":
            continue
        model = ModelSeries(results, series)
        rows = observations(series, data_dir)
        rows = rows[[model.covered(p) for p in rows["period"]]]
        if len(rows) < 7:
            continue
        data_values = rows["value"].to_numpy()
        model_values = np.array([model.total(p.first, p.last) for p in rows["period"]])
        data_at, model_at = structural_break(data_values), structural_break(model_values)
        if data_at is None:
            continue
        found.append((series.series, rows["period"].iloc[data_at].text,
                      rows["period"].iloc[model_at].text))
    return found
