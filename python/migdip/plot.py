"""``python3 -m migdip.plot RESULTS.h5 [-o DIR]``: writes the standard figures of a run as PNG.

This is what ``migdip plot`` runs. Exit status 0 on success (the files written are printed,
one a line), 2 on bad input (a file that is not a readable results file, a directory that
cannot be written) with one line on stderr: ``migdip: error: ...``.
"""

import argparse
import os
import pathlib
import sys

from .results import FormatError, open_run

BAD_INPUT = 2


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, not argparse's usage block
        raise _UsageError(message)


def _parser():
    parser = _Parser(prog="migdip plot",
                     description="Writes the standard figures of a run as PNG: arrivals by "
                                 "corridor, stocks by status, deaths per 1000 crossings, "
                                 "enforcement, transfers, a timeline of events and, for a "
                                 "strategic run, of deals and threats.")
    parser.add_argument("results", help="results file (HDF5) written by `migdip run`")
    parser.add_argument("-o", "--output", metavar="DIR",
                        help="directory for the PNG files (default: <results stem>-figures "
                             "next to the results file)")
    return parser


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
    try:
        run = open_run(arguments.results)
    except FormatError as error:
        return _fail(error)
    problem = _unwritable(directory)
    if problem:
        return _fail(problem)
    # Imported here so that bad arguments are refused without the cost of loading matplotlib.
    try:
        from .plots import write_standard_figures
    except ImportError as error:
        return _fail(f"{error}; plotting needs Debian's python3-matplotlib: "
                     "sudo apt-get install python3-matplotlib")

    notes = []
    try:
        written = write_standard_figures(run, directory, notes)
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
