"""``python3 -m migdip.plot FILE.h5 [-o DIR] [--format png|svg|pdf] [--dpi N]``: writes the
standard figures of a run, or the ensemble figures of a sweep's kept series.

This is what ``migdip plot`` runs. Exit status 0 on success (the files written are printed,
one a line), 2 on bad input (a file that is not a readable results or sweep file, a directory
that cannot be written, a format or dpi not accepted) with one line on stderr:
``migdip: error: ...``.
"""

import argparse
import os
import pathlib
import sys

from .results import FormatError, _open_hdf5, _plain, open_run

BAD_INPUT = 2

# Kept in step with migdip.plots.FORMATS, DPI and DPI_RANGE, which this module does not import
# before the arguments are checked (loading matplotlib takes a second).
FORMATS = ("png", "svg", "pdf")
DEFAULT_DPI = 120
DPI_RANGE = (50, 1200)


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, not argparse's usage block
        raise _UsageError(message)


def _dpi(text):
    """``--dpi``: a whole number in :data:`DPI_RANGE`."""
    try:
        value = int(text, 10)
    except ValueError:
        value = None
    if value is None or not DPI_RANGE[0] <= value <= DPI_RANGE[1]:
        raise argparse.ArgumentTypeError(f"must be a whole number in [{DPI_RANGE[0]}, "
                                         f"{DPI_RANGE[1]}], got {text!r}")
    return value


def _parser():
    parser = _Parser(prog="migdip plot",
                     description="Writes the standard figures of a run: arrivals by corridor, "
                                 "stocks by status, deaths per 1000 crossings, enforcement, "
                                 "transfers, a timeline of events and, for a strategic run, of "
                                 "deals and threats; of a sweep, a figure per kept series with "
                                 "its ensemble bands over replicates.")
    parser.add_argument("results", help="results file (HDF5) written by `migdip run`, or sweep "
                                        "file written by `migdip sweep`")
    parser.add_argument("-o", "--output", metavar="DIR",
                        help="directory for the figures (default: <results stem>-figures "
                             "next to the results file)")
    parser.add_argument("--format", default="png", choices=FORMATS,
                        help="file format of the figures (default: png)")
    parser.add_argument("--dpi", type=_dpi, default=DEFAULT_DPI,
                        help=f"resolution of PNG figures, dots per inch (default: {DEFAULT_DPI}; "
                             f"300 for print)")
    return parser


def _is_sweep(path):
    """True for a sweep file (root attribute ``file_kind = "migdip sweep"``); False for
    anything else, which :func:`open_run` then checks and refuses with its reasons."""
    try:
        with _open_hdf5(path) as f:
            return _plain(f.attrs.get("file_kind", "")) == "migdip sweep"
    except (FormatError, OSError):
        return False


def default_directory(results):
    """``<results stem>-figures`` next to the results file."""
    path = pathlib.Path(results)
    return path.with_name(f"{path.stem}-figures")


def _unwritable(directory):
    """Why the figures could not be written into ``directory`` (to be created if missing), or
    None. Checked before the figures are drawn, which takes seconds; nothing is created yet."""
    if directory.exists() and not directory.is_dir():
        return f"{directory}: exists and is not a directory"
    existing = directory
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        return f"{directory}: cannot create the directory: {existing} is not a directory"
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"{directory}: {existing} is not writable"
    return None


def _fail(message):
    print(f"migdip: error: {' '.join(str(message).split())}", file=sys.stderr)
    return BAD_INPUT


def main(argv=None):
    """Runs the command on ``argv`` (without the program name); returns the exit status."""
    try:
        arguments = _parser().parse_args(argv)
    except _UsageError as error:
        return _fail(error)
    directory = pathlib.Path(arguments.output) if arguments.output else \
        default_directory(arguments.results)
    sweep = _is_sweep(arguments.results)
    try:
        if sweep:
            from .sweeps import open_sweep
            opened = open_sweep(arguments.results)
        else:
            opened = open_run(arguments.results)
    except FormatError as error:
        return _fail(error)
    problem = _unwritable(directory)
    if problem:
        return _fail(problem)
    # Imported here so that bad arguments are refused without the cost of loading matplotlib.
    try:
        from .plots import write_standard_figures, write_sweep_figures
    except ImportError as error:
        return _fail(f"{error}; plotting needs Debian's python3-matplotlib: "
                     "sudo apt-get install python3-matplotlib")

    notes = []
    write = write_sweep_figures if sweep else write_standard_figures
    try:
        written = write(opened, directory, notes, format=arguments.format, dpi=arguments.dpi)
    except FormatError as error:
        return _fail(error)
    except OSError as error:
        return _fail(f"{directory}: cannot write the figures: {error.strerror or error}")
    for note in notes:
        print(f"migdip: note: {note}", file=sys.stderr)
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
