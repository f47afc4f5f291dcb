"""Reading one migdip run: the results file written by ``migdip run``.

The layout is described in ``docs/results-format.md``. It follows the netCDF-4 data model, so
this module only checks the file and hands the work to h5py, xarray and pandas:

>>> import migdip
>>> run = migdip.open_run("em.h5")                  # doctest: +SKIP
>>> run.attrs["scenario_name"]                      # doctest: +SKIP
'eastern-mediterranean-2015-2017'
>>> run.corridors["arrivals"].sel(corridor="TUR-GRC").to_series()   # doctest: +SKIP
time
2015-01-01     31260.0
...
"""

import contextlib
import datetime
import os
import re

import h5py
import numpy as np
import pandas as pd
import xarray as xr

#: The major version of the results format this reader knows. Files of another major version
#: are refused; a newer minor version of the same major only adds things and is read.
SUPPORTED_FORMAT_MAJOR = 1

# The fields of each root table as stored (docs/results-format.md): int32, float64 or
# variable-length UTF-8 text (object). Fields named "date" or "*_date" become datetime64.
_EVENT_FIELDS = [("tick", "i4"), ("date", "O"), ("event", "O"), ("type", "O"), ("target", "O"),
                 ("parameter", "O"), ("value", "f8")]
_DEAL_FIELDS = [("deal", "i4"), ("negotiation", "O"), ("demander", "O"), ("partner", "O"),
                ("terms", "O"), ("conditionality", "O"), ("payment_per_month", "f8"),
                ("signed_tick", "i4"), ("signed_date", "O"), ("end_tick", "i4"),
                ("end_date", "O"), ("status", "O"), ("paid", "f8"), ("compliance", "f8"),
                ("demander_gain", "f8"), ("partner_gain", "f8")]
_NEGOTIATION_FIELDS = [("tick", "i4"), ("date", "O"), ("negotiation", "O"), ("deal", "i4"),
                       ("action", "O"), ("actor", "O"), ("instrument", "O"), ("value", "f8")]

#: Columns of :attr:`Run.events`, in order (a newer minor version may add more after them).
EVENT_COLUMNS = [name for name, _ in _EVENT_FIELDS]
#: Columns of :attr:`Run.deals`, in order.
DEAL_COLUMNS = [name for name, _ in _DEAL_FIELDS]
#: Columns of :attr:`Run.negotiation_log`, in order.
NEGOTIATION_COLUMNS = [name for name, _ in _NEGOTIATION_FIELDS]

#: The first format version (major 1, this minor) whose files have the deals table and the
#: negotiation log; a file of format 1.0 reads as having neither.
_FIRST_MINOR_WITH_DEALS = 1

_TEXTS = ("scenario_text", "resolved_scenario_text")

# The group holding the tables as netCDF groups of 1-D variables (from format 1.2), for netCDF
# tools; this reader reads the compound tables, which every version has.
_OPEN_TABLES = "tables"

# Dates as the engine writes them: table fields "YYYY-MM-DD", and the units of time coordinates.
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DAYS_SINCE = re.compile(r"days since (\d{4}-\d{2}-\d{2})(?: 00:00:00)?")

# The days pandas can hold as datetime64[ns] (years 1677 to 2262); dates outside need another type.
_FIRST_NANOSECOND_DAY = np.datetime64(pd.Timestamp.min.date(), "D") + 1
_LAST_NANOSECOND_DAY = np.datetime64(pd.Timestamp.max.date(), "D")

# The longest piece of a library's error message quoted in a FormatError.
_QUOTED_ERROR_LENGTH = 200


class FormatError(ValueError):
    """The file is not a results file this package can read: missing, not HDF5, an HDF5 file
    that migdip did not write, or a format version it does not know. The message is one line
    naming the file.

    >>> try:
    ...     migdip.open_run("notes.txt")
    ... except migdip.FormatError as error:
    ...     print(error)                            # doctest: +SKIP
    notes.txt: not an HDF5 file
    """


def _plain(value):
    """An attribute value as plain Python: bytes decoded, numpy scalars unwrapped."""
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, np.generic):
        return value.item()
    return value


@contextlib.contextmanager
def _reading(path):
    """Turns whatever goes wrong while reading ``path`` into a FormatError naming it.

    h5py, h5netcdf and xarray fail on damaged bytes in many ways (OSError, KeyError,
    RuntimeError, TypeError, UnicodeDecodeError, AttributeError, ...), and those are the file's
    fault, not the caller's: one exception type with a one-line message is what callers can
    handle."""
    try:
        yield
    except FormatError:
        raise
    except Exception as error:  # noqa: BLE001 - any failure to read is the file's
        detail = " ".join(str(error).split())
        if len(detail) > _QUOTED_ERROR_LENGTH:
            detail = detail[:_QUOTED_ERROR_LENGTH] + "..."
        raise FormatError(f"{path}: damaged or incomplete results file "
                          f"({type(error).__name__}: {detail})") from error


def _calendar_days(days):
    """``datetime64[D]`` dates (NaT for none) as pandas and xarray can hold them: ``datetime64[ns]``
    when every date lies in pandas' nanosecond range (years 1677 to 2262), else
    :class:`datetime.date` objects (None for no date), so that a run of any year can be read.
    ValueError for a year outside 1 to 9999, which ``datetime.date`` cannot hold."""
    known = days[~np.isnat(days)]
    if known.size == 0 or (known.min() >= _FIRST_NANOSECOND_DAY
                           and known.max() <= _LAST_NANOSECOND_DAY):
        return days.astype("datetime64[ns]")
    dates = np.empty(days.shape, dtype=object)
    for index, day in np.ndenumerate(days):
        date = None if np.isnat(day) else day.item()
        if date is not None and not isinstance(date, datetime.date):
            raise ValueError(f"date {day} is outside the years 1 to 9999")
        dates[index] = date
    return dates


def _table_dates(texts):
    """``YYYY-MM-DD`` texts of a table column ("" for no date) as :func:`_calendar_days` gives
    them; ValueError naming the first text that is not such a date."""
    days = np.full(len(texts), np.datetime64("NaT"), dtype="datetime64[D]")
    for index, text in enumerate(texts):
        if text == "":
            continue
        if not isinstance(text, str) or not _DATE.fullmatch(text):
            raise ValueError(f"{str(text)[:40]!r} is not a date (YYYY-MM-DD)")
        days[index] = np.datetime64(text, "D")
    return _calendar_days(days)


def _decode_times(path, group, ds):
    """``ds`` with each variable in ``days since YYYY-MM-DD`` (the ``time`` coordinate) decoded
    to dates by :func:`_calendar_days`, its units moved to ``encoding`` as xarray does.

    xarray's own decoding is not used: without the optional cftime package it cannot decode a
    run outside pandas' nanosecond range, and with it it gives cftime objects that pandas and
    matplotlib do not take as dates."""
    decoded = {}
    for name, variable in ds.variables.items():
        units = variable.attrs.get("units")
        since = _DAYS_SINCE.fullmatch(units) if isinstance(units, str) else None
        if since is None:
            continue
        values = variable.values
        # Whole days, and few enough that the sum below cannot overflow (the engine's dates
        # lie in the years 1 to 9999).
        if not (np.issubdtype(values.dtype, np.number) and np.all(np.isfinite(values))
                and np.all(values == np.round(values)) and np.all(np.abs(values) < 4e6)):
            raise FormatError(f"{path}: /{group}/{name} is not a whole number of days ({units})")
        days = np.datetime64(since.group(1), "D") + values.astype("int64").astype("timedelta64[D]")
        attrs = {key: value for key, value in variable.attrs.items() if key != "units"}
        decoded[name] = xr.Variable(variable.dims, _calendar_days(days), attrs,
                                    {**variable.encoding, "units": units})
    coordinates = {name: variable for name, variable in decoded.items() if name in ds.coords}
    variables = {name: variable for name, variable in decoded.items() if name not in coordinates}
    return ds.assign_coords(coordinates).assign(variables)


def _holds_dates(variable):
    """True for what :func:`_calendar_days` gives: datetime64, or dates as objects."""
    return np.issubdtype(variable.dtype, np.datetime64) or (
        variable.dtype == object and all(value is None or isinstance(value, datetime.date)
                                         for value in variable.values.flat))


def _format_numbers(path, version):
    """``(major, minor)`` of a ``"MAJOR.MINOR"`` format version, or FormatError."""
    match = re.fullmatch(r"(\d+)\.(\d+)", version) if isinstance(version, str) else None
    if match is None:
        raise FormatError(f"{path}: format_version {version!r} is not of the form MAJOR.MINOR")
    return int(match.group(1)), int(match.group(2))


def _open_hdf5(path):
    """``h5py.File(path, "r")``, with every way of failing turned into a FormatError."""
    if not os.path.exists(path):
        raise FormatError(f"{path}: no such file")
    if os.path.isdir(path):
        raise FormatError(f"{path}: is a directory, not a results file")
    try:
        is_hdf5 = h5py.is_hdf5(path)
    except OSError as error:
        raise FormatError(f"{path}: cannot read: {error}") from error
    if not is_hdf5:
        raise FormatError(f"{path}: not an HDF5 file")
    try:
        return h5py.File(path, "r")
    except OSError as error:
        raise FormatError(f"{path}: cannot open as HDF5: {error}") from error


def _check_version(path, f):
    """The file's ``format_version``; FormatError if it is absent or of another major."""
    if "format_version" not in f.attrs:
        raise FormatError(f"{path}: not a migdip results file (no format_version attribute)")
    version = _plain(f.attrs["format_version"])
    if _format_numbers(path, version)[0] != SUPPORTED_FORMAT_MAJOR:
        raise FormatError(f"{path}: results format version {version} is not supported "
                          f"(this reader knows version {SUPPORTED_FORMAT_MAJOR}.x)")
    return version


def _root_groups(f):
    """Names of the root's groups of variables, in creation order when the file tracks it
    (migdip's files do: it is the order in which the run recorded them), else by name. The group
    of open tables (``/tables``, from format 1.2) is not one: it repeats the tables that
    :attr:`Run.events`, :attr:`Run.deals` and :attr:`Run.negotiation_log` give."""
    names = []
    try:
        f.id.links.iterate(lambda name: names.append(name.decode("utf-8")),
                           idx_type=h5py.h5.INDEX_CRT_ORDER)
    except RuntimeError:  # "no creation order index to query"
        names = list(f)
    # f[name], not f.get(name), which would hide a damaged member as None.
    return [name for name in names if isinstance(f[name], h5py.Group) and name != _OPEN_TABLES]


def _table_frame(path, f, name, fields, optional):
    """The root compound table ``/name`` as a tidy DataFrame: text as ``str``, dates as
    ``datetime64`` (an empty date as ``NaT``), the columns of ``fields`` first and in their
    order. When ``optional`` and the file has no such table, an empty frame of those columns.
    """
    if name not in f:
        if not optional:
            raise FormatError(f"{path}: not a complete results file (no /{name})")
        rows = np.empty(0, dtype=np.dtype(fields))
    else:
        table = f[name]
        missing = [field for field, _ in fields if field not in (table.dtype.names or ())]
        if missing:
            raise FormatError(f"{path}: the /{name} table has no field(s) {', '.join(missing)}")
        rows = table[()]
    frame = pd.DataFrame(rows)
    for column in frame.columns:
        if frame[column].dtype == object:  # h5py gives compound string fields as bytes
            frame[column] = frame[column].map(_plain)
    for column, _ in fields:
        if column == "date" or column.endswith("_date"):
            try:
                frame[column] = _table_dates(frame[column].to_numpy())
            except ValueError as error:
                raise FormatError(f"{path}: /{name} field {column}: {error}") from error
    names = [field for field, _ in fields]
    return frame[names + [column for column in frame.columns if column not in names]]


def _group_property(group, summary):
    """A read-only property of :class:`Run` giving ``dataset(group)``."""
    return property(lambda run: run.dataset(group), doc=f"``dataset({group!r})``: {summary}")


class Run:
    """One run read from its results file. Use :func:`open_run` to make one.

    The root attributes, scenario texts and tables (events, deals, negotiation log) are read
    when the run is opened; each
    group is read, whole, when asked for. No file handle is kept between calls, so the file
    may be moved or rewritten while a ``Run`` exists (later group reads then see the new file).

    Attributes:
        path: the file, as given to :func:`open_run`.
        attrs: root attributes as a dict, in file order: strings as ``str``, numbers as
            ``float`` (``seed`` and ``run`` are decimal strings: 64 bits do not fit a double).
        format_version: ``attrs["format_version"]``, e.g. ``"1.2"``.
        scenario_text: the scenario file as written.
        resolved_scenario_text: every key after defaults and ``--set`` overrides;
            ``migdip run`` on it reproduces the run.
        groups: names of the groups of variables, e.g. ``["states", "corridors", ...]``.

    >>> run = migdip.open_run("em.h5")              # doctest: +SKIP
    >>> run.attrs["seed"], run.attrs["mode"], run.groups       # doctest: +SKIP
    ('1', 'expected', ['states', 'corridors', 'nationalities', 'pathways', 'transfers', 'blocs',
    'negotiations', 'instruments'])
    """

    def __init__(self, path):
        self.path = path
        with _reading(path), _open_hdf5(path) as f:
            self.format_version = _check_version(path, f)
            self.attrs = {name: _plain(value) for name, value in f.attrs.items()}
            for name in _TEXTS:
                if name not in f:
                    raise FormatError(f"{path}: not a complete results file (no /{name})")
            self.scenario_text, self.resolved_scenario_text = (
                f[name].asstr()[()] for name in _TEXTS)
            self.groups = _root_groups(f)
            self._events = _table_frame(path, f, "events", _EVENT_FIELDS, optional=False)
            # Files of format 1.0 predate the deals and the negotiation log.
            predates_deals = (_format_numbers(path, self.format_version)[1]
                              < _FIRST_MINOR_WITH_DEALS)
            self._deals = _table_frame(path, f, "deals", _DEAL_FIELDS, predates_deals)
            self._negotiation_log = _table_frame(path, f, "negotiation_log",
                                                 _NEGOTIATION_FIELDS, predates_deals)

    def __repr__(self):
        return (f"<migdip.Run {self.attrs.get('scenario_name', '?')!r} from {self.path!r}: "
                f"{', '.join(self.groups)}; {len(self._events)} events, "
                f"{len(self._deals)} deals, {len(self._negotiation_log)} negotiation log entries>")

    def dataset(self, group):
        """The group as an :class:`xarray.Dataset`, loaded into memory.

        Opened with ``xarray.open_dataset(path, group=group, engine="h5netcdf")``: dimensions
        are named, label coordinates are strings, ``time`` is ``datetime64`` (its CF units, e.g.
        ``days since 2015-01-01 00:00:00``, are in ``ds["time"].encoding["units"]``), and
        every variable keeps its ``units`` and ``long_name`` attributes. Each call reads the
        file again and returns a new Dataset.

        >>> ds = run.dataset("states")              # doctest: +SKIP
        >>> ds["arrivals"].attrs["units"]           # doctest: +SKIP
        'people/tick'
        >>> ds["arrivals"].sel(state="GRC").sum().item()       # doctest: +SKIP
        """
        if group not in self.groups:
            raise KeyError(f"{self.path}: no group {group!r} (groups: {', '.join(self.groups)})")
        with _reading(self.path):
            with xr.open_dataset(self.path, group=group, engine="h5netcdf", decode_times=False,
                                 decode_timedelta=True) as ds:
                ds = _decode_times(self.path, group, ds.load())
            if "time" in ds.variables and not _holds_dates(ds["time"]):
                raise FormatError(f"{self.path}: /{group}/time has units "
                                  f"{ds['time'].attrs.get('units')!r}, not 'days since "
                                  f"YYYY-MM-DD'")
            return ds

    # Each group as a property: run.states is run.dataset("states"), and so on.
    states = _group_property("states", "Series by tick and state.")
    corridors = _group_property("corridors", "Series by tick and corridor (and nationality).")
    nationalities = _group_property("nationalities",
                                    "Series by tick and nationality (and status).")
    pathways = _group_property("pathways", "Legal pathways by tick.")
    transfers = _group_property("transfers", "Transfers by tick, one per transfer event.")
    blocs = _group_property("blocs", "Series by tick and bloc (from format 1.1).")
    negotiations = _group_property(
        "negotiations", "Series by tick and negotiation, i.e. bargaining table (from format "
        "1.1). The log of offers, threats and deal ends is :attr:`negotiation_log`.")
    instruments = _group_property("instruments", "Series by tick and instrument (from format 1.1).")

    @property
    def events(self):
        """The scheduled events applied during the run, one row each, as a new DataFrame.

        Columns: ``tick`` (int), ``date`` (datetime64, start of the tick), ``event`` (id in the
        scenario), ``type``, ``target``, ``parameter`` (empty unless a ``set`` event) as ``str``,
        and ``value`` (float: new value, amount in EUR or facilitation).

        >>> run.events.query("type == 'transfer'")[["date", "target", "value"]]  # doctest: +SKIP
        """
        return self._events.copy()

    @property
    def deals(self):
        """The deals signed during the run, one row each, as a new DataFrame (empty, with these
        columns, when there were none or the file is of format 1.0).

        Columns: ``deal`` (int, the row number, which ``negotiation_log["deal"]`` refers to),
        ``negotiation``, ``demander``, ``partner`` (ids), ``terms`` (instrument ids joined by
        ``+``), ``conditionality`` (``none``, ``positive``, ``negative`` or ``reverse``) as
        ``str``; ``payment_per_month`` (float, EUR/month agreed, before conditionality);
        ``signed_tick`` (int), ``signed_date`` (datetime64); ``end_tick`` (int), ``end_date``
        (datetime64): when it ended, or will expire if still active; ``status`` (``active``,
        ``expired``, ``breached``, ``voided`` or ``renegotiated``); ``paid`` (float, EUR paid
        under it); ``compliance`` (float in [0, 1], the partner's delivered share of its
        commitments, last observed); ``demander_gain`` and ``partner_gain`` (float, EUR/month
        each expected at signing).

        >>> run.deals.groupby("status")["paid"].sum() / 1e6   # doctest: +SKIP
        """
        return self._deals.copy()

    @property
    def negotiation_log(self):
        """The negotiation log (``/negotiation_log``), one row per entry in tick order, as a new
        DataFrame (empty, with these columns, when there were none or the file is of format
        1.0). The series by tick and negotiation are :attr:`negotiations`.

        Columns: ``tick`` (int), ``date`` (datetime64, start of the tick), ``negotiation`` (id),
        ``deal`` (int, row of :attr:`deals` concerned, -1 for none), ``action`` (``proposed``,
        ``accepted``, ``no_agreement``, ``threat_announced``, ``threat_conceded``,
        ``threat_resisted``, ``threat_carried_out``, ``threat_abandoned``, ``deal_expired``, ``deal_breached``,
        ``deal_voided`` or ``deal_renegotiated``), ``actor`` (state or bloc id) and
        ``instrument`` (threat instrument id, empty for none) as ``str``; ``value`` (float:
        EUR/month for proposals, acceptances and deal rows, the threat's credibility in [0, 1]
        for threat rows).

        >>> run.negotiation_log["action"].value_counts()   # doctest: +SKIP
        """
        return self._negotiation_log.copy()


def open_run(path):
    """Opens the results file of one run; see :class:`Run`.

    Raises :class:`FormatError` (one line, naming the file) when the file is missing, is not
    HDF5, was not written by migdip, or has a ``format_version`` whose major is not
    :data:`SUPPORTED_FORMAT_MAJOR`.

    >>> run = migdip.open_run("em.h5")              # doctest: +SKIP
    >>> run.states["arrivals"].sel(state="GRC").to_series().resample("QS").sum()  # doctest: +SKIP
    """
    return Run(os.fspath(path))
