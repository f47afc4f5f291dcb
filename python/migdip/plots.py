"""The standard figures of one run (or of a sweep's kept series), written as PNG, SVG or PDF with
matplotlib's non-interactive backends.

>>> import migdip, migdip.plots
>>> run = migdip.open_run("em.h5")                                  # doctest: +SKIP
>>> migdip.plots.write_standard_figures(run, "em-figures")          # doctest: +SKIP
[PosixPath('em-figures/arrivals-by-corridor.png'), ...]

Each ``plot_*`` function takes a :class:`migdip.Run` and returns a matplotlib ``Figure`` (with a
title, axis labels with units and a legend), or ``None`` when the run has nothing to show
(a run without transfers or without events). ``migdip plot RESULTS.h5 -o DIR`` calls
:func:`write_standard_figures` through ``python3 -m migdip.plot``; on a sweep file it calls
:func:`write_sweep_figures`.

The figures are meant for a paper: the Okabe-Ito palette (:data:`PALETTE`, told apart with
the common forms of colour blindness) with a line style and marker per series as a second cue,
thousands separators on the value axes, small multiples (a panel per corridor, status or
state, each with its own scale) where lines of different sizes would hide one another, and
legends that list only series that are not zero throughout (those are named in a note).
"""

import os
import pathlib

import matplotlib

matplotlib.use("Agg")  # before pyplot: no display, no GUI toolkit

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.ticker as mticker  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from .results import FormatError  # noqa: E402

#: Default resolution of the PNG files written by :func:`write_standard_figures` (dots per
#: inch); ``migdip plot --dpi 300`` for print.
DPI = 120

#: The file formats the figures can be written in (``migdip plot --format``).
FORMATS = ("png", "svg", "pdf")

#: Resolutions accepted by ``--dpi`` (for SVG and PDF it only matters to rasterised parts).
DPI_RANGE = (50, 1200)

#: Okabe and Ito's palette (Color Universal Design, 2008), safe for the common forms of colour
#: blindness, in the order series take it (yellow, hard to see on white, last).
PALETTE = {"blue": "#0072B2", "orange": "#E69F00", "bluish green": "#009E73",
           "vermillion": "#D55E00", "sky blue": "#56B4E9", "reddish purple": "#CC79A7",
           "black": "#000000", "yellow": "#F0E442"}
_COLOURS = list(PALETTE.values())
# The second cue: series that share a colour in print or for a reader who cannot tell two
# colours apart still differ in line style and marker.
_LINE_STYLES = ["-", "--", "-.", ":", (0, (5, 1)), (0, (3, 1, 1, 1, 1, 1)), (0, (1, 1)),
                (0, (5, 2, 1, 2))]
_MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]

#: Statuses of the ``states`` group, in the order of ``docs/results-format.md``.
STATUSES = ["in_transit", "hosted", "intercepted", "pushed_back", "arrived", "rejected",
            "protected", "returned", "dead", "legal"]

_SIZE = (9, 5)

# The dimensions of the series each group's figures draw.
_SERIES_DIMENSIONS = {"states": ("time", "state"), "corridors": ("time", "corridor"),
                      "transfers": ("time", "transfer")}


def _series(run, group, required=(), optional=(), labels=()):
    """``run.dataset(group)`` once it holds every variable of ``required`` over the group's
    :data:`_SERIES_DIMENSIONS`, those of ``optional`` it has over the same dimensions, and the
    auxiliary coordinates of ``labels`` it has over the group's own dimension (``corridor``...);
    :class:`FormatError` naming the file otherwise, so that a file missing what a figure draws
    is refused in one line."""
    if group not in run.groups:
        raise FormatError(f"{run.path}: not a complete results file (no /{group})")
    ds = run.dataset(group)
    series_dimensions = _SERIES_DIMENSIONS[group]
    expected = {**{name: series_dimensions for name in [*required, *optional]},
                **{name: series_dimensions[1:] for name in labels}}
    for name, dimensions in expected.items():
        if name not in ds:
            if name in required:
                raise FormatError(f"{run.path}: not a complete results file "
                                  f"(no /{group}/{name})")
            continue
        if ds[name].dims != dimensions:
            raise FormatError(f"{run.path}: /{group}/{name} has dimensions "
                              f"({', '.join(ds[name].dims)}), not ({', '.join(dimensions)})")
    return ds


def _days(values):
    """Dates as ``datetime64[D]``, the one date type matplotlib draws in every year: the reader
    gives ``datetime64[ns]`` or, for years outside pandas' range, ``datetime.date`` objects."""
    return np.asarray(values).astype("datetime64[D]")


def _require_dates(run, table, frame, *columns):
    """:class:`FormatError` when a row of ``frame`` (the root table ``table``) has no date in one
    of ``columns``: the engine dates every event and log entry, and a figure cannot place one
    without."""
    for column in columns:
        if frame[column].isna().any():
            raise FormatError(f"{run.path}: /{table} has rows without a {column}")


def _period(run, dates):
    """First and last day of the run, from its ``start_date`` and ``end_date`` attributes, else
    from ``dates``; :class:`FormatError` when an attribute is not a date."""
    days = _days(dates)

    def bound(name, otherwise):
        text = run.attrs.get(name)
        if text is None:
            return otherwise()
        try:
            day = np.datetime64(text, "D") if isinstance(text, str) else np.datetime64("NaT")
        except ValueError:
            day = np.datetime64("NaT")
        if np.isnat(day):
            raise FormatError(f"{run.path}: the {name} attribute {str(text)[:40]!r} is not a "
                              f"date")
        return day

    return bound("start_date", days.min), bound("end_date", days.max)


def _per_tick(run):
    """``"per month"`` when the ticks are months (``people/tick`` is then people per month),
    else ``"per tick (<length>)"``."""
    length = run.attrs.get("tick_length", "")
    if length == "month":
        return "per month"
    return f"per tick ({length})" if length else "per tick"


def _subtitle(run):
    name = run.attrs.get("scenario_name", os.path.basename(str(run.path)))
    return f"{name}, {run.attrs.get('start_date', '?')} to {run.attrs.get('end_date', '?')}"


def _figure(run, title, nrows=1):
    figure, axes = plt.subplots(nrows, 1, figsize=(_SIZE[0], _SIZE[1] * (1 + 0.6 * (nrows - 1))),
                                sharex=True, squeeze=False)
    figure.suptitle(f"{title}\n{_subtitle(run)}", fontsize=11)
    return figure, [ax for row in axes for ax in row]


def _panels(title, subtitle, count, ncols=2):
    """A grid of ``count`` small multiples (a shared date axis, each panel its own value
    scale), ``ncols`` wide, with the unused cells removed; returns the figure and its axes."""
    ncols = max(1, min(ncols, count))
    nrows = max(1, -(-count // ncols))
    figure, grid = plt.subplots(nrows, ncols, sharex=True, squeeze=False, layout="constrained",
                                figsize=(_SIZE[0], max(_SIZE[1], 1.2 + 2.3 * nrows)))
    figure.suptitle(f"{title}\n{subtitle}", fontsize=11)
    axes = [ax for row in grid for ax in row]
    for ax in axes[count:]:
        ax.remove()
    axes = axes[:count]
    for index, ax in enumerate(axes):
        # Date labels under the lowest panel of each column: sharex shows them on the last row
        # only, which leaves a column whose last cell was removed without them.
        ax.tick_params(axis="x", labelbottom=index + ncols >= count)
    return figure, axes


def style(index):
    """Colour, line style and marker of the ``index``-th series of a figure: the Okabe-Ito
    colour and, as a second cue, a line style and marker of its own."""
    return {"color": _COLOURS[index % len(_COLOURS)],
            "linestyle": _LINE_STYLES[index % len(_LINE_STYLES)],
            "marker": _MARKERS[index % len(_MARKERS)]}


def _line(ax, days, values, index, label=None, step=False):
    """Draws one series in :func:`style` ``index``, with about a dozen markers along it (a marker
    at each of hundreds of ticks would be a thick smudge)."""
    options = {**style(index), "markersize": 4, "markevery": max(1, len(days) // 12),
               "linewidth": 1.4, "label": label}
    if step:
        ax.step(days, values, where="post", **options)
    else:
        ax.plot(days, values, **options)


class ThousandsFormatter(mticker.Formatter):
    """Tick labels with thousands separators (``12,500``) and as many decimals as the tick
    spacing needs (``0.25``), never in scientific notation or with an offset."""

    def __call__(self, value, pos=None):
        finite = sorted(location for location in self.locs if np.isfinite(location))
        steps = np.diff(finite)
        step = float(steps[steps > 0].min()) if np.any(steps > 0) else abs(value)
        decimals = 0
        if 0 < step < 1:
            decimals = min(6, int(np.ceil(-np.log10(step) - 1e-9)))
            if abs(round(step, decimals) - step) > 1e-9 * step:  # 0.25: one more decimal
                decimals += 1
        if abs(value) < 0.5 * 10.0 ** -decimals:
            value = 0.0  # no "-0"
        return f"{value:,.{decimals}f}".replace("-", "\N{MINUS SIGN}")


def _value_axis(ax, bottom=0):
    """Thousands separators on the y axis, starting at ``bottom`` (None: matplotlib's choice)."""
    ax.yaxis.set_major_formatter(ThousandsFormatter())
    if bottom is not None:
        ax.set_ylim(bottom=bottom)


def _note(figure, text):
    """A one-line note under the figure (series left out because they are zero throughout)."""
    if text:
        figure.text(0.01, 0.0, text, fontsize=7, ha="left", va="top", wrap=True)


def _constant_zero(values):
    """True when a series is 0 (or missing) at every tick: drawing it would only crowd the
    figure and its legend."""
    values = np.asarray(values, dtype=float)
    return not np.any(np.nan_to_num(values, nan=0.0))


# The dates matplotlib can label: it refuses an axis reaching outside the years 1 to 9999.
_FIRST_DRAWABLE_DAY = np.datetime64("0001-01-01", "D")
_LAST_DRAWABLE_DAY = np.datetime64("9999-12-31", "D")


def _dates(ax):
    # A run at either end of the calendar must not get margins beyond it.
    first, last = ax.get_xlim()
    lowest, highest = mdates.date2num(_FIRST_DRAWABLE_DAY), mdates.date2num(_LAST_DRAWABLE_DAY)
    if first < lowest or last > highest:
        ax.set_xlim(max(first, lowest), min(last, highest))
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.set_xlabel("date (start of tick)")
    ax.grid(True, alpha=0.3)


def _label(name, attrs):
    """``name (units)`` from a variable's attributes; CF's ``1`` (a share or probability, no
    unit) is not shown."""
    units = str(attrs.get("units", "")).strip()
    return f"{name} ({units})" if units and units != "1" else name


def _dates_on_panels(axes, ncols=2):
    """Date axes on every panel, the axis label only under the bottom panel of each column."""
    for index, ax in enumerate(axes):
        _dates(ax)
        if index + ncols < len(axes):
            ax.set_xlabel("")


def _corridor_label(corridors, corridor):
    """``TUR-GRC (TUR to GRC)`` when the file has the corridor's ends, else its id."""
    if "corridor_from" in corridors.coords and "corridor_to" in corridors.coords:
        source = corridors["corridor_from"].sel(corridor=corridor).item()
        target = corridors["corridor_to"].sel(corridor=corridor).item()
        if source and target:
            return f"{corridor} ({source} to {target})"
    return str(corridor)


def _omitted(what, names):
    return f"{what}: {', '.join(map(str, names))}" if names else ""


def plot_arrivals(run):
    """Irregular arrivals by corridor over time (people per month, or per tick): small
    multiples, one panel per corridor with arrivals, largest first, each on its own scale (a
    corridor of hundreds a month under one of hundreds of thousands would be a flat line at 0);
    corridors with no arrivals are named in a note."""
    corridors = _series(run, "corridors", required=["arrivals"],
                        labels=["corridor_from", "corridor_to"])
    arrivals = corridors["arrivals"]
    per = _per_tick(run)
    names = [corridor for corridor in arrivals["corridor"].values]
    drawn = [name for name in names if not _constant_zero(arrivals.sel(corridor=name).values)]
    drawn.sort(key=lambda name: -float(np.nansum(arrivals.sel(corridor=name).values)))
    figure, axes = _panels("Irregular arrivals by corridor", _subtitle(run), max(1, len(drawn)))
    for index, (ax, corridor) in enumerate(zip(axes, drawn)):
        series = arrivals.sel(corridor=corridor)
        _line(ax, _days(series["time"]), series.values, 0)  # one series a panel: one style
        ax.set_title(f"{_corridor_label(corridors, corridor)}: "
                     f"{float(np.nansum(series.values)):,.0f} in all", fontsize=9)
        _value_axis(ax)
    if not drawn:
        axes[0].text(0.5, 0.5, "no arrivals on any corridor", transform=axes[0].transAxes,
                     ha="center")
    figure.supylabel(f"arrivals (people {per})", fontsize=10)
    _dates_on_panels(axes)
    _note(figure, _omitted("no arrivals (not drawn)", [n for n in names if n not in drawn]))
    return figure


def plot_stocks(run):
    """People in each status at the end of each tick, summed over the states where they are:
    small multiples, one panel per status someone is in (statuses of millions and of
    hundreds differ too much to share an axis); the empty statuses are named in a note."""
    states = _series(run, "states", optional=STATUSES)
    totals = {status: states[status].sum("state") for status in STATUSES if status in states}
    drawn = [status for status, total in totals.items() if not _constant_zero(total.values)]
    figure, axes = _panels("People by status, all states (end of tick)", _subtitle(run),
                           max(1, len(drawn)))
    for index, (ax, status) in enumerate(zip(axes, drawn)):
        total = totals[status]
        _line(ax, _days(total["time"]), total.values, 0)
        ax.set_title(status.replace("_", " "), fontsize=9)
        _value_axis(ax)
    if not drawn:
        axes[0].text(0.5, 0.5, "nobody in any status", transform=axes[0].transAxes, ha="center")
    figure.supylabel("people", fontsize=10)
    _dates_on_panels(axes)
    _note(figure, _omitted("statuses with nobody in them (not drawn)",
                           [status.replace("_", " ") for status in totals
                            if status not in drawn]))
    return figure


def deaths_per_thousand(corridors):
    """Deaths per 1000 crossings by tick and corridor: ``1000 * deaths / (departures -
    exit_interceptions)``, NaN where nobody crossed. Returns ``(per_tick, whole_run)``: a
    DataArray (time, corridor) and one for the whole run (corridor)."""
    crossings = corridors["departures"] - corridors["exit_interceptions"]
    deaths = corridors["deaths"]
    per_tick = 1000.0 * deaths / crossings.where(crossings > 0)
    total_crossings = crossings.sum("time")
    whole_run = 1000.0 * deaths.sum("time") / total_crossings.where(total_crossings > 0)
    return per_tick, whole_run


def plot_deaths_per_thousand(run):
    """Deaths per 1000 crossings by corridor over time (crossings: departures less those
    stopped on leaving): small multiples, one panel per corridor with deaths, its whole-run
    rate in the panel's title; corridors without deaths are named in a note."""
    per_tick, whole_run = deaths_per_thousand(_series(
        run, "corridors", required=["departures", "exit_interceptions", "deaths"]))
    names = list(per_tick["corridor"].values)
    drawn = [name for name in names if not _constant_zero(per_tick.sel(corridor=name).values)]
    figure, axes = _panels("Deaths per 1000 crossings by corridor", _subtitle(run),
                           max(1, len(drawn)))
    for index, (ax, corridor) in enumerate(zip(axes, drawn)):
        series = per_tick.sel(corridor=corridor)
        _line(ax, _days(series["time"]), series.values, 0)  # one series a panel: one style
        ax.set_title(f"{corridor}: {whole_run.sel(corridor=corridor).item():.2f} over the run",
                     fontsize=9)
        _value_axis(ax)
    if not drawn:
        axes[0].text(0.5, 0.5, "no deaths on any corridor", transform=axes[0].transAxes,
                     ha="center")
    figure.supylabel("deaths per 1000 crossings", fontsize=10)
    _dates_on_panels(axes)
    _note(figure, _omitted("no deaths (not drawn)", [n for n in names if n not in drawn]))
    return figure


def _identical_groups(variable, dimension):
    """The labels of ``dimension`` grouped by identical series, in first-seen order, without
    those at 0 throughout: ``([[labels...], ...], [labels at 0])``. States with the same
    enforcement are drawn as one line labelled with all of them, so that none hides another."""
    groups, zero = {}, []
    for label in variable[dimension].values:
        values = variable.sel({dimension: label}).values
        if _constant_zero(values):
            zero.append(str(label))
            continue
        groups.setdefault(np.nan_to_num(np.asarray(values, dtype=float)).tobytes(),
                          []).append(str(label))
    return list(groups.values()), zero


def plot_enforcement(run):
    """Exit and entry enforcement in force, by state, over time: the probability that a border
    stops a crossing. States at 0 throughout are left out of the lines and legend (named in
    the panel), and states with identical series share one line."""
    names = ["exit_enforcement", "entry_enforcement"]
    states = _series(run, "states", required=names)
    figure, axes = _figure(run, "Border enforcement by state", nrows=len(names))
    for ax, name in zip(axes, names):
        variable = states[name]
        groups, zero = _identical_groups(variable, "state")
        for index, group in enumerate(groups):
            series = variable.sel(state=group[0])
            _line(ax, _days(series["time"]), series.values, index, label=", ".join(group),
                  step=True)
        ax.set_ylabel(f"{name.replace('_', ' ')}\n(probability of stopping)")
        ax.set_ylim(-0.02, 1.02)
        _dates(ax)
        ax.set_title(variable.attrs.get("long_name", name.replace("_", " ")), fontsize=9)
        if zero:
            ax.text(0.99, 0.97, _omitted("at 0 throughout", zero), transform=ax.transAxes,
                    ha="right", va="top", fontsize=7)
        if groups:
            ax.legend(title="state", fontsize="small", loc="upper left",
                      bbox_to_anchor=(1.01, 1))
    for ax in axes[:-1]:
        ax.set_xlabel("")
    return figure


def plot_transfers(run):
    """Transfers paid per tick, one line per transfer event; None when the run has none."""
    if "transfers" not in run.groups:
        return None
    transfers = _series(run, "transfers", optional=["paid"],
                        labels=["transfer_payer", "transfer_payee"])
    if "paid" not in transfers or transfers.sizes.get("transfer", 0) == 0:
        return None
    paid = transfers["paid"]
    per = _per_tick(run)
    figure, (ax,) = _figure(run, "Transfers paid")
    for index, transfer in enumerate(paid["transfer"].values):
        series = paid.sel(transfer=transfer)
        label = str(transfer)
        if "transfer_payer" in transfers.coords and "transfer_payee" in transfers.coords:
            label += (f" ({transfers['transfer_payer'].sel(transfer=transfer).item()} to "
                      f"{transfers['transfer_payee'].sel(transfer=transfer).item()}, "
                      f"EUR {series.sum().item():,.0f} in all)")
        _line(ax, _days(series["time"]), series.values / 1e6, index, label=label, step=True)
    ax.set_ylabel(f"paid (million EUR {per})")
    _value_axis(ax)
    _dates(ax)
    ax.legend(title="transfer", fontsize="small")
    return figure


# Timeline labels: font size, estimated width of a character (points), and the height of one
# lane of labels (inches).
_LABEL_SIZE = 7
_LABEL_CHAR_POINTS = 0.62 * _LABEL_SIZE
_LANE_INCHES = 0.16


def _label_lanes(days, widths, gap):
    """Greedy lane assignment: each label (starting at ``days[i]``, ``widths[i]`` days wide, in
    date order) goes to the first lane where it does not overlap the previous label by less
    than ``gap`` days. Returns the lane of each label."""
    lane_ends = []
    lanes = []
    for start, width in zip(days, widths):
        for lane, end in enumerate(lane_ends):
            if start >= end + gap:
                lane_ends[lane] = start + width
                lanes.append(lane)
                break
        else:
            lane_ends.append(start + width)
            lanes.append(len(lane_ends) - 1)
    return lanes


def plot_timeline(run):
    """A Gantt-style timeline of the events applied: one row per target, a marker at each
    event's date, marker and colour by event type, each marker labelled with the event id.
    Labels that would overlap go to further lanes, alternately above and below the row, and
    each row is as tall as its lanes. None when the run applied no events."""
    events = run.events
    if events.empty:
        return None
    _require_dates(run, "events", events, "date")
    targets = list(dict.fromkeys(events["target"]))
    events = events.sort_values(["date", "event"], kind="stable")
    start, end = _period(run, events["date"])
    span_days = max(1.0, float((end - start) / np.timedelta64(1, "D")))
    axis_inches = _SIZE[0] * 0.72  # the axes' share of the figure, legend outside on the right
    days_per_point = span_days / (axis_inches * 72)

    # Lanes per row, from the labels' estimated widths.
    lanes = {}
    for target in targets:
        on_row = events[events["target"] == target]
        days = ((_days(on_row["date"]) - start) / np.timedelta64(1, "D")).astype(float)
        widths = [(len(name) * _LABEL_CHAR_POINTS + 6) * days_per_point for name in on_row["event"]]
        lanes[target] = dict(zip(on_row.index, _label_lanes(days, widths, 2 * days_per_point)))

    # Row centres in inches from the top: lanes 0, 2, 4... go above the row, 1, 3, 5... below.
    centres, position = {}, 0.0
    for target in targets:
        used = max(lanes[target].values()) + 1
        above, below = (used + 1) // 2, used // 2
        position += 0.18 + above * _LANE_INCHES
        centres[target] = position
        position += 0.18 + below * _LANE_INCHES
    figure, (ax,) = _figure(run, "Timeline of events applied")
    figure.set_size_inches(_SIZE[0], max(3.0, 1.5 + position))

    for target in targets:
        ax.hlines(centres[target], start, end, color="lightgrey", linewidth=6, zorder=1)
    for index, (kind, group) in enumerate(events.groupby("type", sort=False)):
        ax.scatter(_days(group["date"]), [centres[target] for target in group["target"]],
                   marker=_MARKERS[index % len(_MARKERS)], color=_COLOURS[index % len(_COLOURS)],
                   s=60, zorder=3, label=kind)
        for row, event in group.iterrows():
            lane = lanes[event["target"]][row]
            step = lane // 2
            above = lane % 2 == 0
            offset = (5 + step * _LANE_INCHES * 72) * (1 if above else -1)
            ax.annotate(event["event"],
                        (np.datetime64(event["date"], "D"), centres[event["target"]]),
                        xytext=(3, offset), textcoords="offset points", fontsize=_LABEL_SIZE,
                        va="bottom" if above else "top", zorder=4)
    ax.set_yticks([centres[target] for target in targets], targets)
    ax.set_ylim(position, 0)
    ax.set_xlim(start, end)
    ax.set_ylabel("event target")
    _dates(ax)
    ax.legend(title="event type", fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1))
    return figure


# How each negotiation-log action is drawn on the deals timeline: marker, colour, legend label.
_OI = PALETTE
_ACTION_STYLES = {
    "no_agreement": ("x", "grey", "no agreement"),
    "proposed": (".", _OI["black"], "terms proposed"),
    "accepted": ("o", _OI["bluish green"], "deal accepted"),
    "threat_announced": ("^", _OI["vermillion"], "threat announced"),
    "threat_conceded": ("v", _OI["orange"], "threat conceded to"),
    "threat_resisted": ("s", _OI["reddish purple"], "threat resisted"),
    "threat_carried_out": ("X", _OI["vermillion"], "threat carried out"),
    "threat_abandoned": ("d", _OI["sky blue"], "threat abandoned"),
    "deal_expired": ("|", _OI["black"], "deal expired"),
    "deal_breached": ("P", _OI["black"], "deal breached"),
    "deal_voided": ("*", _OI["black"], "deal voided (change of government)"),
    "deal_renegotiated": ("<", _OI["blue"], "deal renegotiated"),
}
# Deal bars by how the deal ended (the markers' shapes carry the log's actions).
_DEAL_COLOURS = {"active": _OI["bluish green"], "expired": "grey", "breached": _OI["vermillion"],
                 "voided": _OI["orange"], "renegotiated": _OI["blue"]}


def plot_deals_timeline(run):
    """A Gantt-style timeline of the strategic layer: one row per negotiation (demander ->
    partner), a bar for each deal from its signing to its end (colour by how it ended, labelled
    with its payment), and a marker for each entry of the negotiation log (offers, acceptances,
    threats announced, conceded, resisted, carried out or abandoned, deals ended). None when the
    run has neither deals nor log entries (a scripted run)."""
    deals, log = run.deals, run.negotiation_log
    if deals.empty and log.empty:
        return None
    _require_dates(run, "deals", deals, "signed_date")
    _require_dates(run, "negotiation_log", log, "date")
    start, end = _period(run, np.concatenate([_days(deals["signed_date"]), _days(log["date"])]))
    negotiations = list(dict.fromkeys([*log["negotiation"], *deals["negotiation"]]))
    parties = {}
    for _, deal in deals.iterrows():
        parties.setdefault(deal["negotiation"], f"{deal['demander']} -> {deal['partner']}")
    rows = {name: index for index, name in enumerate(negotiations)}
    figure, (ax,) = _figure(run, "Deals and threats")
    figure.set_size_inches(_SIZE[0], max(3.6, 2.2 + 0.9 * len(negotiations)))
    figure.set_layout_engine("constrained")  # the two-line title above a short axes

    for _, deal in deals.iterrows():
        row = rows[deal["negotiation"]]
        signed = np.datetime64(deal["signed_date"], "D")
        until = min(np.datetime64(deal["end_date"], "D"), end) \
            if pd.notna(deal["end_date"]) else end
        colour = _DEAL_COLOURS.get(deal["status"], "grey")
        ax.barh(row, until - signed, left=signed, height=0.36, color=colour, alpha=0.45,
                edgecolor=colour, zorder=1, label=f"deal in force ({deal['status']})")
        ax.annotate(f"deal {deal['deal']}: EUR {deal['payment_per_month'] / 1e6:.1f} M/month, "
                    f"{deal['status']}", (signed, row + 0.18), xytext=(4, -2),
                    textcoords="offset points", fontsize=7, va="top", zorder=4)
    # Entries of one tick and row are spread a little vertically so that none hides another.
    for (negotiation, date), group in log.groupby(["negotiation", "date"], sort=False):
        for rank, (_, entry) in enumerate(group.iterrows()):
            marker, colour, label = _ACTION_STYLES.get(entry["action"],
                                                       ("o", "black", entry["action"]))
            ax.scatter(np.datetime64(entry["date"], "D"), rows[negotiation] - 0.3 - 0.12 * rank,
                       marker=marker, s=45, color=colour, zorder=3, label=label)
    ax.set_yticks(range(len(negotiations)),
                  [f"{name}\n{parties[name]}" if name in parties else name
                   for name in negotiations])
    ax.set_ylim(len(negotiations) - 0.5, -1.0)
    ax.set_xlim(start, end)
    ax.set_ylabel("negotiation")
    _dates(ax)
    handles, labels = ax.get_legend_handles_labels()
    unique = dict(zip(labels, handles))  # one legend entry per kind
    ax.legend(unique.values(), unique.keys(), fontsize="small", loc="upper left",
              bbox_to_anchor=(1.01, 1))
    return figure


#: The standard figures: file name (without the extension) and the function that draws it.
STANDARD_FIGURES = [
    ("arrivals-by-corridor", plot_arrivals),
    ("stocks-by-status", plot_stocks),
    ("deaths-per-1000-crossings", plot_deaths_per_thousand),
    ("enforcement", plot_enforcement),
    ("transfers", plot_transfers),
    ("timeline", plot_timeline),
    ("deals-and-threats", plot_deals_timeline),
]

_SKIPPED = {
    "transfers": "no transfers in this run",
    "timeline": "no events applied in this run",
    "deals-and-threats": "no negotiations in this run",
}


def _check_output(format, dpi):
    """ValueError (one line) for a format not in :data:`FORMATS` or a dpi outside
    :data:`DPI_RANGE`."""
    if format not in FORMATS:
        raise ValueError(f"format {format!r} is not one of {', '.join(FORMATS)}")
    if isinstance(dpi, bool) or not isinstance(dpi, (int, np.integer)) \
            or not DPI_RANGE[0] <= dpi <= DPI_RANGE[1]:
        raise ValueError(f"dpi must be a whole number in [{DPI_RANGE[0]}, {DPI_RANGE[1]}], "
                         f"got {dpi!r}")


def write_standard_figures(run, directory, notes=None, format="png", dpi=DPI):
    """Writes the standard figures of ``run`` into ``directory`` (created if needed) as
    ``NAME.<format>`` (``format`` one of :data:`FORMATS`; ``dpi`` the resolution of a PNG) and
    returns their paths in :data:`STANDARD_FIGURES` order. A figure with nothing to show (no
    transfers, no events) is skipped; a one-line note saying so is appended to ``notes`` when it
    is a list.

    All or nothing: every figure is drawn before any file is written, and the files are written
    by :func:`_save_together`. A file missing what a figure needs raises :class:`FormatError`
    and writes nothing; a write that fails (a full disk) raises OSError and leaves no figure of
    this call behind."""
    _check_output(format, dpi)
    figures = []
    try:
        for name, draw in STANDARD_FIGURES:
            figure = draw(run)
            if figure is None:
                if notes is not None:
                    notes.append(f"{_SKIPPED.get(name, 'nothing to show')}: {name}.{format} "
                                 f"not written")
                continue
            figures.append((name, figure))
        return _save_together(figures, pathlib.Path(directory), format, dpi)
    finally:
        for _, figure in figures:
            plt.close(figure)


# Sweeps: the kept series of every run, as ensemble bands.

#: Up to this many points, a sweep's figure draws each point on its own (its median and band
#: over replicates); beyond, the quantiles over all runs of the sweep.
MAX_POINTS_DRAWN = len(_COLOURS)

#: The ensemble bands: the median, and the 5-95 % range (and 25-75 % over a whole sweep).
BAND = (0.05, 0.95)
INNER_BAND = (0.25, 0.75)


def _point_label(sweep, row):
    """``state.TUR.exit_enforcement = 0.1, corridor.TUR-GRC.mortality = 0.0003``."""
    texts = sweep.dataset["value_text"].values[row]
    return ", ".join(f"{name} = {text}" for name, text in zip(sweep.parameters, texts))


def ensemble_quantiles(values, quantiles):
    """Quantiles over the first axis of ``values`` (runs, time), skipping runs not yet done
    (NaN): an array (quantile, time)."""
    values = np.asarray(values, dtype=float)
    done = ~np.all(np.isnan(values), axis=tuple(range(1, values.ndim)))
    return np.quantile(values[done], quantiles, axis=0)


def plot_sweep_series(sweep, name):
    """The kept series ``name`` (``"group.variable"``) of a sweep: small multiples, one panel
    per label of its second dimension (state, corridor...) not at 0 in every run. With up to
    :data:`MAX_POINTS_DRAWN` points, each point is drawn in a colour of its own: the median over
    its replicates, and with more than one replicate the 5-95 % band. With more points, the
    median over every run of the sweep and its 25-75 % and 5-95 % bands."""
    group, variable = name.split(".", 1)
    dataset = sweep.series(group)
    if variable not in dataset:
        raise FormatError(f"{sweep.path}: no kept series {name}")
    data = dataset[variable]
    extra = [dimension for dimension in data.dims if dimension not in ("point", "replicate",
                                                                       "time")]
    if "time" not in data.dims or len(extra) > 1:
        raise FormatError(f"{sweep.path}: /series/{group}/{variable} has dimensions "
                          f"({', '.join(data.dims)}), not (point, replicate, time[, label])")
    data = data.transpose("point", "replicate", "time", *extra)
    labels = list(data[extra[0]].values) if extra else [None]
    done = sweep.dataset["done"].values.astype(bool)
    values = np.where(done.reshape(done.shape + (1,) * (data.ndim - 2)), data.values, np.nan)
    drawn = [index for index, label in enumerate(labels)
             if not _constant_zero(values[..., index] if extra else values)]
    points, replicates = values.shape[0], values.shape[1]
    runs = int(done.sum())
    subtitle = (f"sweep {sweep.attrs.get('plan_name', '')}: {points} point(s) x {replicates} "
                f"replicate(s), {runs} run(s) done")
    long_name = data.attrs.get("long_name", variable.replace("_", " "))
    figure, axes = _panels(f"{long_name} ({name})", subtitle, max(1, len(drawn)))
    days = _days(data["time"])
    per_point = points <= MAX_POINTS_DRAWN
    for ax, index in zip(axes, drawn):
        panel = values[..., index] if extra else values  # (point, replicate, time)
        if per_point:
            for point in range(points):
                if not done[point].any():
                    continue
                low, median, high = ensemble_quantiles(panel[point], [BAND[0], 0.5, BAND[1]])
                colour = _COLOURS[point % len(_COLOURS)]
                if done[point].sum() > 1:
                    ax.fill_between(days, low, high, color=colour, alpha=0.2, linewidth=0)
                _line(ax, days, median, point, label=_point_label(sweep, point))
        else:
            flat = panel.reshape(-1, panel.shape[-1])
            low, inner_low, median, inner_high, high = ensemble_quantiles(
                flat, [BAND[0], INNER_BAND[0], 0.5, INNER_BAND[1], BAND[1]])
            colour = PALETTE["blue"]
            ax.fill_between(days, low, high, color=colour, alpha=0.15, linewidth=0,
                            label=f"{BAND[0]:.0%}-{BAND[1]:.0%} of runs")
            ax.fill_between(days, inner_low, inner_high, color=colour, alpha=0.3, linewidth=0,
                            label=f"{INNER_BAND[0]:.0%}-{INNER_BAND[1]:.0%} of runs")
            ax.plot(days, median, color=colour, linewidth=1.4, label="median")
        if extra:
            ax.set_title(str(labels[index]), fontsize=9)
        _value_axis(ax, bottom=None)
    if not drawn:
        axes[0].text(0.5, 0.5, "0 in every run", transform=axes[0].transAxes, ha="center")
    figure.supylabel(_label(variable.replace("_", " "), data.attrs), fontsize=10)
    _dates_on_panels(axes)
    handles, texts = axes[0].get_legend_handles_labels()
    if handles:
        heading = (f"median over replicates, {BAND[0]:.0%}-{BAND[1]:.0%} band"
                   if per_point and replicates > 1 else
                   "one line per point" if per_point else f"all {runs} runs")
        # Under the panels (bbox_inches="tight" makes room for it), never over a series.
        figure.legend(handles, texts, title=heading, fontsize="small", loc="upper center",
                      bbox_to_anchor=(0.5, -0.04), ncol=1 if per_point else 3)
    _note(figure, _omitted("0 in every run (not drawn)",
                           [labels[i] for i in range(len(labels)) if i not in drawn]
                           if extra else []))
    return figure


def write_sweep_figures(sweep, directory, notes=None, format="png", dpi=DPI):
    """Writes a figure per kept series of ``sweep`` (:func:`plot_sweep_series`) as
    ``series-GROUP-VARIABLE.<format>`` into ``directory`` and returns their paths; all or
    nothing, as :func:`write_standard_figures`. A sweep that keeps no series has nothing to
    draw: no file, and a note."""
    _check_output(format, dpi)
    figures = []
    try:
        for name in sweep.series_names:
            figures.append(("series-" + name.replace(".", "-"), plot_sweep_series(sweep, name)))
        if not figures:  # no directory either
            if notes is not None:
                notes.append("the sweep keeps no series (the plan's `series` key): no figure "
                             "written; its metrics are in Sweep.runs")
            return []
        return _save_together(figures, pathlib.Path(directory), format, dpi)
    finally:
        for _, figure in figures:
            plt.close(figure)


# Metadata that would make two writes of the same figure differ (the date), left out.
_STABLE_METADATA = {"png": {"Software": None}, "svg": {"Date": None}, "pdf": {"CreationDate": None}}


def _save_together(figures, directory, format="png", dpi=DPI):
    """Saves each ``(name, figure)`` as ``directory/name.<format>``: all under hidden temporary
    names first, then each renamed to its own, so that no figure is ever seen half-written. On
    failure the temporaries are removed, and so are the directories this call created."""
    created = []
    missing = directory
    while not missing.exists() and not missing.is_symlink():
        created.append(missing)
        missing = missing.parent
    directory.mkdir(parents=True, exist_ok=True)
    saved = []
    try:
        for name, figure in figures:
            saved.append((directory / f".{name}.{format}.tmp-{os.getpid()}",
                          directory / f"{name}.{format}"))
            figure.savefig(saved[-1][0], format=format, dpi=dpi, bbox_inches="tight",
                           metadata=_STABLE_METADATA[format])
        for temporary, path in saved:
            os.replace(temporary, path)
    except BaseException:
        for temporary, _ in saved:
            temporary.unlink(missing_ok=True)
        for created_directory in created:  # innermost first
            try:
                created_directory.rmdir()
            except OSError:
                break
        raise
    return [path for _, path in saved]
