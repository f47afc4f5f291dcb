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

import os
import re

import h5py
import numpy as np
import pandas as pd
import xarray as xr

#: The major version of the results format this reader knows. Files of another major version
#: are refused; a newer minor version of the same major only adds things and is read.
SUPPORTED_FORMAT_MAJOR = 1

#: Columns of :attr:`Run.events`, in order (a newer minor version may add more after them).
EVENT_COLUMNS = ["tick", "date", "event", "type", "target", "parameter", "value"]

_TEXTS = ("scenario_text", "resolved_scenario_text")


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


def _format_major(path, version):
    """The major number of a ``"MAJOR.MINOR"`` format version, or FormatError."""
    match = re.fullmatch(r"(\d+)\.(\d+)", version) if isinstance(version, str) else None
    if match is None:
        raise FormatError(f"{path}: format_version {version!r} is not of the form MAJOR.MINOR")
    return int(match.group(1))


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
    if _format_major(path, version) != SUPPORTED_FORMAT_MAJOR:
        raise FormatError(f"{path}: results format version {version} is not supported "
                          f"(this reader knows version {SUPPORTED_FORMAT_MAJOR}.x)")
    return version


def _root_groups(f):
    """Names of the root's groups, in creation order when the file tracks it (migdip's files
    do: it is the order in which the run recorded them), else by name."""
    names = []
    try:
        f.id.links.iterate(lambda name: names.append(name.decode("utf-8")),
                           idx_type=h5py.h5.INDEX_CRT_ORDER)
    except RuntimeError:  # "no creation order index to query"
        names = list(f)
    return [name for name in names if isinstance(f.get(name), h5py.Group)]


def _events_frame(path, table):
    """The ``/events`` compound table as a tidy DataFrame."""
    missing = [name for name in EVENT_COLUMNS if name not in (table.dtype.names or ())]
    if missing:
        raise FormatError(f"{path}: the /events table has no field(s) {', '.join(missing)}")
    frame = pd.DataFrame(table[()])
    for column in frame.columns:
        if frame[column].dtype == object:  # h5py gives compound string fields as bytes
            frame[column] = frame[column].map(_plain)
    frame["date"] = pd.to_datetime(frame["date"], format="%Y-%m-%d")
    return frame


class Run:
    """One run read from its results file. Use :func:`open_run` to make one.

    The root attributes, scenario texts and events are read when the run is opened; each
    group is read, whole, when asked for. No file handle is kept between calls, so the file
    may be moved or rewritten while a ``Run`` exists (later group reads then see the new file).

    Attributes:
        path: the file, as given to :func:`open_run`.
        attrs: root attributes as a dict, in file order: strings as ``str``, numbers as
            ``float`` (``seed`` and ``run`` are decimal strings: 64 bits do not fit a double).
        format_version: ``attrs["format_version"]``, e.g. ``"1.0"``.
        scenario_text: the scenario file as written.
        resolved_scenario_text: every key after defaults and ``--set`` overrides;
            ``migdip run`` on it reproduces the run.
        groups: names of the groups of variables, e.g. ``["states", "corridors", ...]``.

    >>> run = migdip.open_run("em.h5")              # doctest: +SKIP
    >>> run.attrs["seed"], run.attrs["mode"], run.groups       # doctest: +SKIP
    ('1', 'expected', ['states', 'corridors', 'nationalities', 'pathways', 'transfers'])
    """

    def __init__(self, path):
        self.path = path
        with _open_hdf5(path) as f:
            self.format_version = _check_version(path, f)
            self.attrs = {name: _plain(value) for name, value in f.attrs.items()}
            for name in (*_TEXTS, "events"):
                if name not in f:
                    raise FormatError(f"{path}: not a complete results file (no /{name})")
            self.scenario_text, self.resolved_scenario_text = (
                f[name].asstr()[()] for name in _TEXTS)
            self.groups = _root_groups(f)
            self._events = _events_frame(path, f["events"])

    def __repr__(self):
        return (f"<migdip.Run {self.attrs.get('scenario_name', '?')!r} from {self.path!r}: "
                f"{', '.join(self.groups)}; {len(self._events)} events>")

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
        with xr.open_dataset(self.path, group=group, engine="h5netcdf") as ds:
            return ds.load()

    @property
    def states(self):
        """Series by tick and state: ``dataset("states")``."""
        return self.dataset("states")

    @property
    def corridors(self):
        """Series by tick and corridor (and nationality): ``dataset("corridors")``."""
        return self.dataset("corridors")

    @property
    def nationalities(self):
        """Series by tick and nationality (and status): ``dataset("nationalities")``."""
        return self.dataset("nationalities")

    @property
    def pathways(self):
        """Legal pathways by tick: ``dataset("pathways")``."""
        return self.dataset("pathways")

    @property
    def transfers(self):
        """Transfers by tick, one per transfer event: ``dataset("transfers")``."""
        return self.dataset("transfers")

    @property
    def events(self):
        """The scheduled events applied during the run, one row each, as a new DataFrame.

        Columns: ``tick`` (int), ``date`` (datetime64, start of the tick), ``event`` (id in the
        scenario), ``type``, ``target``, ``parameter`` (empty unless a ``set`` event) as ``str``,
        and ``value`` (float: new value, amount in EUR or facilitation).

        >>> run.events.query("type == 'transfer'")[["date", "target", "value"]]  # doctest: +SKIP
        """
        return self._events.copy()


def open_run(path):
    """Opens the results file of one run; see :class:`Run`.

    Raises :class:`FormatError` (one line, naming the file) when the file is missing, is not
    HDF5, was not written by migdip, or has a ``format_version`` whose major is not
    :data:`SUPPORTED_FORMAT_MAJOR`.

    >>> run = migdip.open_run("em.h5")              # doctest: +SKIP
    >>> run.states["arrivals"].sel(state="GRC").to_series().resample("QS").sum()  # doctest: +SKIP
    """
    return Run(os.fspath(path))
