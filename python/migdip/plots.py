"""The standard figures of one run, written as PNG with matplotlib's non-interactive Agg backend.

>>> import migdip, migdip.plots
>>> run = migdip.open_run("em.h5")                                  # doctest: +SKIP
>>> migdip.plots.write_standard_figures(run, "em-figures")          # doctest: +SKIP
[PosixPath('em-figures/arrivals-by-corridor.png'), ...]

Each ``plot_*`` function takes a :class:`migdip.Run` and returns a matplotlib ``Figure`` (with a
title, axis labels with units and a legend), or ``None`` when the run has nothing to show
(a run without transfers or without events). ``migdip plot RESULTS.h5 -o DIR`` calls
:func:`write_standard_figures` through ``python3 -m migdip.plot``.
"""

import os
import pathlib

import matplotlib

matplotlib.use("Agg")  # before pyplot: no display, no GUI toolkit

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from .results import FormatError  # noqa: E402

#: Resolution of the PNG files written by :func:`write_standard_figures`.
DPI = 120

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
    """``name (units)`` from a variable's attributes."""
    units = attrs.get("units", "")
    return f"{name} ({units})" if units else name


def plot_arrivals(run):
    """Irregular arrivals by corridor over time (people per month, or per tick)."""
    corridors = _series(run, "corridors", required=["arrivals"],
                        labels=["corridor_from", "corridor_to"])
    arrivals = corridors["arrivals"]
    per = _per_tick(run)
    figure, (ax,) = _figure(run, "Irregular arrivals by corridor")
    for corridor in arrivals["corridor"].values:
        series = arrivals.sel(corridor=corridor)
        source = corridors["corridor_from"].sel(corridor=corridor).item() \
            if "corridor_from" in corridors.coords else ""
        target = corridors["corridor_to"].sel(corridor=corridor).item() \
            if "corridor_to" in corridors.coords else ""
        label = f"{corridor} ({source} to {target})" if source and target else str(corridor)
        ax.plot(_days(series["time"]), series.values, marker=".", label=label)
    ax.set_ylabel(f"arrivals (people {per})")
    ax.set_ylim(bottom=0)
    _dates(ax)
    ax.legend(title="corridor", fontsize="small")
    return figure


def plot_stocks(run):
    """People in each status at the end of each tick, summed over the states where they are."""
    states = _series(run, "states", optional=STATUSES)
    figure, (ax,) = _figure(run, "People by status, all states (end of tick)")
    drawn = 0
    for status in STATUSES:
        if status not in states:
            continue
        total = states[status].sum("state")
        if not np.any(total.values):
            continue  # a status nobody is in would only crowd the legend
        ax.plot(_days(total["time"]), total.values, label=status.replace("_", " "))
        drawn += 1
    if drawn == 0:
        ax.text(0.5, 0.5, "nobody in any status", transform=ax.transAxes, ha="center")
    ax.set_ylabel("people")
    ax.set_ylim(bottom=0)
    ax.ticklabel_format(axis="y", style="sci", scilimits=(-3, 5), useMathText=True)
    _dates(ax)
    ax.legend(title="status (statuses with nobody omitted)", fontsize="small", ncol=2)
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
    stopped on leaving); the whole-run rate is in the legend."""
    per_tick, whole_run = deaths_per_thousand(_series(
        run, "corridors", required=["departures", "exit_interceptions", "deaths"]))
    figure, (ax,) = _figure(run, "Deaths per 1000 crossings by corridor")
    for corridor in per_tick["corridor"].values:
        series = per_tick.sel(corridor=corridor)
        overall = whole_run.sel(corridor=corridor).item()
        overall_text = "no crossings" if np.isnan(overall) else f"{overall:.2f} over the run"
        ax.plot(_days(series["time"]), series.values, marker=".",
                label=f"{corridor}: {overall_text}")
    ax.set_ylabel("deaths per 1000 crossings")
    ax.set_ylim(bottom=0)
    _dates(ax)
    ax.legend(title="corridor", fontsize="small")
    return figure


def plot_enforcement(run):
    """Exit and entry enforcement in force, by state, over time."""
    names = ["exit_enforcement", "entry_enforcement"]
    states = _series(run, "states", required=names)
    figure, axes = _figure(run, "Border enforcement by state", nrows=len(names))
    for ax, name in zip(axes, names):
        variable = states[name]
        for state in variable["state"].values:
            series = variable.sel(state=state)
            ax.step(_days(series["time"]), series.values, where="post", label=str(state))
        ax.set_ylabel(f"{name.replace('_', ' ')}\n(probability of stopping, 1)")
        ax.set_ylim(-0.02, 1.02)
        _dates(ax)
        ax.set_title(variable.attrs.get("long_name", name.replace("_", " ")), fontsize=9)
        ax.legend(title="state", fontsize="small")
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
    for transfer in paid["transfer"].values:
        series = paid.sel(transfer=transfer)
        label = str(transfer)
        if "transfer_payer" in transfers.coords and "transfer_payee" in transfers.coords:
            label += (f" ({transfers['transfer_payer'].sel(transfer=transfer).item()} to "
                      f"{transfers['transfer_payee'].sel(transfer=transfer).item()}, "
                      f"EUR {series.sum().item():,.0f} in all)")
        ax.step(_days(series["time"]), series.values / 1e6, where="post", label=label)
    ax.set_ylabel(f"paid (million EUR {per})")
    ax.set_ylim(bottom=0)
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
    markers = ["o", "s", "D", "^", "v", "P", "X", "*"]
    for index, (kind, group) in enumerate(events.groupby("type", sort=False)):
        ax.scatter(_days(group["date"]), [centres[target] for target in group["target"]],
                   marker=markers[index % len(markers)], s=60, zorder=3, label=kind)
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
_ACTION_STYLES = {
    "no_agreement": ("x", "grey", "no agreement"),
    "proposed": (".", "black", "terms proposed"),
    "accepted": ("o", "tab:green", "deal accepted"),
    "threat_announced": ("^", "tab:red", "threat announced"),
    "threat_conceded": ("v", "tab:orange", "threat conceded to"),
    "threat_resisted": ("s", "tab:purple", "threat resisted"),
    "threat_carried_out": ("X", "darkred", "threat carried out"),
    "threat_abandoned": ("d", "tab:olive", "threat abandoned"),
    "deal_expired": ("|", "black", "deal expired"),
    "deal_breached": ("P", "black", "deal breached"),
    "deal_voided": ("*", "black", "deal voided (change of government)"),
    "deal_renegotiated": ("<", "tab:blue", "deal renegotiated"),
}
_DEAL_COLOURS = {"active": "tab:green", "expired": "tab:grey", "breached": "tab:red",
                 "voided": "tab:brown", "renegotiated": "tab:blue"}


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
        colour = _DEAL_COLOURS.get(deal["status"], "tab:grey")
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


#: The standard figures: file name (without .png) and the function that draws it.
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
    "transfers": "no transfers in this run: transfers.png not written",
    "timeline": "no events applied in this run: timeline.png not written",
    "deals-and-threats": "no negotiations in this run: deals-and-threats.png not written",
}


def write_standard_figures(run, directory, notes=None):
    """Writes the standard figures of ``run`` into ``directory`` (created if needed) as PNG at
    :data:`DPI` and returns their paths in :data:`STANDARD_FIGURES` order. A figure with nothing
    to show (no transfers, no events) is skipped; a one-line note saying so is appended to
    ``notes`` when it is a list.

    All or nothing: every figure is drawn before any file is written, and the files are written
    by :func:`_save_together`. A file missing what a figure needs raises :class:`FormatError`
    and writes nothing; a write that fails (a full disk) raises OSError and leaves no figure of
    this call behind."""
    figures = []
    try:
        for name, draw in STANDARD_FIGURES:
            figure = draw(run)
            if figure is None:
                if notes is not None:
                    notes.append(_SKIPPED.get(name, f"nothing to show: {name}.png not written"))
                continue
            figures.append((name, figure))
        return _save_together(figures, pathlib.Path(directory))
    finally:
        for _, figure in figures:
            plt.close(figure)


def _save_together(figures, directory):
    """Saves each ``(name, figure)`` as ``directory/name.png``: all under hidden temporary names
    first, then each renamed to its own, so that no PNG is ever seen half-written. On failure the
    temporaries are removed, and so are the directories this call created."""
    created = []
    missing = directory
    while not missing.exists() and not missing.is_symlink():
        created.append(missing)
        missing = missing.parent
    directory.mkdir(parents=True, exist_ok=True)
    saved = []
    try:
        for name, figure in figures:
            saved.append((directory / f".{name}.png.tmp-{os.getpid()}", directory / f"{name}.png"))
            figure.savefig(saved[-1][0], format="png", dpi=DPI, bbox_inches="tight")
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
