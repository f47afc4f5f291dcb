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

#: Resolution of the PNG files written by :func:`write_standard_figures`.
DPI = 120

#: Statuses of the ``states`` group, in the order of ``docs/results-format.md``.
STATUSES = ["in_transit", "hosted", "intercepted", "pushed_back", "arrived", "rejected",
            "protected", "returned", "dead", "legal"]

_SIZE = (9, 5)


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


def _dates(ax):
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
    corridors = run.corridors
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
        ax.plot(series["time"].values, series.values, marker=".", label=label)
    ax.set_ylabel(f"arrivals (people {per})")
    ax.set_ylim(bottom=0)
    _dates(ax)
    ax.legend(title="corridor", fontsize="small")
    return figure


def plot_stocks(run):
    """People in each status at the end of each tick, summed over the states where they are."""
    states = run.states
    figure, (ax,) = _figure(run, "People by status, all states (end of tick)")
    drawn = 0
    for status in STATUSES:
        if status not in states:
            continue
        total = states[status].sum("state")
        if not np.any(total.values):
            continue  # a status nobody is in would only crowd the legend
        ax.plot(total["time"].values, total.values, label=status.replace("_", " "))
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
    per_tick, whole_run = deaths_per_thousand(run.corridors)
    figure, (ax,) = _figure(run, "Deaths per 1000 crossings by corridor")
    for corridor in per_tick["corridor"].values:
        series = per_tick.sel(corridor=corridor)
        overall = whole_run.sel(corridor=corridor).item()
        overall_text = "no crossings" if np.isnan(overall) else f"{overall:.2f} over the run"
        ax.plot(series["time"].values, series.values, marker=".",
                label=f"{corridor}: {overall_text}")
    ax.set_ylabel("deaths per 1000 crossings")
    ax.set_ylim(bottom=0)
    _dates(ax)
    ax.legend(title="corridor", fontsize="small")
    return figure


def plot_enforcement(run):
    """Exit and entry enforcement in force, by state, over time."""
    states = run.states
    names = [name for name in ("exit_enforcement", "entry_enforcement") if name in states]
    figure, axes = _figure(run, "Border enforcement by state", nrows=len(names))
    for ax, name in zip(axes, names):
        variable = states[name]
        for state in variable["state"].values:
            series = variable.sel(state=state)
            ax.step(series["time"].values, series.values, where="post", label=str(state))
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
    transfers = run.transfers
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
        ax.step(series["time"].values, series.values / 1e6, where="post", label=label)
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
    events = events.sort_values(["date", "event"], kind="stable")
    targets = list(dict.fromkeys(run.events["target"]))
    start = np.datetime64(run.attrs.get("start_date", str(events["date"].min().date())))
    end = np.datetime64(run.attrs.get("end_date", str(events["date"].max().date())))
    span_days = max(1.0, float((end - start) / np.timedelta64(1, "D")))
    axis_inches = _SIZE[0] * 0.72  # the axes' share of the figure, legend outside on the right
    days_per_point = span_days / (axis_inches * 72)

    # Lanes per row, from the labels' estimated widths.
    lanes = {}
    for target in targets:
        on_row = events[events["target"] == target]
        days = ((on_row["date"].to_numpy() - start) / np.timedelta64(1, "D")).astype(float)
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
        ax.scatter(group["date"], [centres[target] for target in group["target"]],
                   marker=markers[index % len(markers)], s=60, zorder=3, label=kind)
        for row, event in group.iterrows():
            lane = lanes[event["target"]][row]
            step = lane // 2
            above = lane % 2 == 0
            offset = (5 + step * _LANE_INCHES * 72) * (1 if above else -1)
            ax.annotate(event["event"], (event["date"], centres[event["target"]]),
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
    start = np.datetime64(run.attrs.get("start_date", str(log["date"].min().date())))
    end = np.datetime64(run.attrs.get("end_date", str(log["date"].max().date())))
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
        until = min(np.datetime64(deal["end_date"]), end) if pd.notna(deal["end_date"]) else end
        colour = _DEAL_COLOURS.get(deal["status"], "tab:grey")
        ax.barh(row, until - np.datetime64(deal["signed_date"]), left=deal["signed_date"],
                height=0.36, color=colour, alpha=0.45, edgecolor=colour, zorder=1,
                label=f"deal in force ({deal['status']})")
        ax.annotate(f"deal {deal['deal']}: EUR {deal['payment_per_month'] / 1e6:.1f} M/month, "
                    f"{deal['status']}", (deal["signed_date"], row + 0.18), xytext=(4, -2),
                    textcoords="offset points", fontsize=7, va="top", zorder=4)
    # Entries of one tick and row are spread a little vertically so that none hides another.
    for (negotiation, date), group in log.groupby(["negotiation", "date"], sort=False):
        for rank, (_, entry) in enumerate(group.iterrows()):
            marker, colour, label = _ACTION_STYLES.get(entry["action"],
                                                       ("o", "black", entry["action"]))
            ax.scatter(entry["date"], rows[negotiation] - 0.3 - 0.12 * rank, marker=marker, s=45,
                       color=colour, zorder=3, label=label)
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
    ``notes`` when it is a list."""
    directory = pathlib.Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, draw in STANDARD_FIGURES:
        figure = draw(run)
        if figure is None:
            if notes is not None:
                notes.append(_SKIPPED.get(name, f"nothing to show: {name}.png not written"))
            continue
        path = directory / f"{name}.png"
        try:
            figure.savefig(path, dpi=DPI, bbox_inches="tight")
        finally:
            plt.close(figure)
        written.append(path)
    return written
