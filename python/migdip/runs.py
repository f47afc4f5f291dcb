"""Running migdip from Python: :func:`run` and :func:`sweep` start the ``migdip`` binary, as
``migdip run`` and ``migdip sweep`` on the command line would, and return the opened results.

>>> import migdip
>>> run = migdip.run("scenarios/eastern-mediterranean-2015-2017.ini",
...                  set={"state.TUR.exit_enforcement": 0.5}, seed=7, mode="stochastic")
...                                                 # doctest: +SKIP
>>> run.corridors["arrivals"].sel(corridor="TUR-GRC").sum().item()      # doctest: +SKIP

The binary is the one given (``binary=``), else ``$MIGDIP_BINARY``, else the one installed with
this package (``cmake --install`` puts both under one prefix), else the build tree's
(``build/apps/migdip``) when this package is the source tree's ``python/migdip``, else
``migdip`` on ``PATH``. A run the binary refuses (bad scenario, override or plan: exit status 2)
raises :class:`InputError` with the binary's one-line message; any other failure raises
:class:`RunError`.
"""

import math
import numbers
import os
import pathlib
import shutil
import subprocess
import tempfile
import weakref

from .results import open_run
from .sweeps import open_sweep

#: The exit status of ``migdip`` for bad input (README.md, "Use").
BAD_INPUT_STATUS = 2

_ERROR_PREFIX = "migdip: error: "


class RunError(RuntimeError):
    """``migdip`` failed. ``str(error)`` is its one-line message, without ``migdip: error:``.

    Attributes:
        status: the exit status (negative: killed by that signal, as in :mod:`subprocess`).
        message: the one-line message.
        command: the argument list that was run.
        stderr: everything the binary wrote on stderr.
    """

    def __init__(self, message, status, command, stderr):
        super().__init__(message)
        self.message = message
        self.status = status
        self.command = command
        self.stderr = stderr


class InputError(RunError, ValueError):
    """``migdip`` refused its input (exit status 2): a malformed scenario or plan, an unknown
    key or a value out of range in ``set``, a results file that exists. The message names the
    file, section and key, e.g. ``minimal.ini: [state TRA] exit_enforcement: must be in [0, 1],
    got 1.5 (in --set 'state.TRA.exit_enforcement=1.5')``."""


def _installed_binary(package_dir):
    """The binary ``cmake --install`` put beside this package, if this package was installed so."""
    try:
        from ._installed import BINARY_FROM_PACKAGE
    except ImportError:  # the source tree's package, or one installed by pip
        return None
    return (package_dir / BINARY_FROM_PACKAGE).resolve()


def find_binary(binary=None):
    """The ``migdip`` program :func:`run` and :func:`sweep` start, as an absolute path.

    ``binary`` (a path, or a name looked up on ``PATH``), else ``$MIGDIP_BINARY``, else the
    binary installed with this package, else ``build/apps/migdip`` of the source tree this
    package is in, else ``migdip`` on ``PATH``. Raises :class:`FileNotFoundError` naming what
    was tried.
    """
    if binary is None and os.environ.get("MIGDIP_BINARY"):
        binary = os.environ["MIGDIP_BINARY"]
    if binary is not None:
        binary = os.fspath(binary)
        found = binary if os.sep in binary else shutil.which(binary)
        if found is None or not os.access(found, os.X_OK) or os.path.isdir(found):
            raise FileNotFoundError(f"migdip binary not found or not executable: {binary}")
        return pathlib.Path(found).resolve()
    package_dir = pathlib.Path(__file__).resolve().parent
    tried = []
    installed = _installed_binary(package_dir)
    checkout = package_dir.parent.parent / "build" / "apps" / "migdip"
    if (package_dir.parent / "pyproject.toml").is_file():  # the source tree's python/migdip
        candidates = [installed, checkout]
    else:
        candidates = [installed]
    for candidate in candidates:
        if candidate is None:
            continue
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
        tried.append(str(candidate))
    on_path = shutil.which("migdip")
    if on_path is not None:
        return pathlib.Path(on_path).resolve()
    tried.append("migdip on PATH")
    raise FileNotFoundError("migdip binary not found (tried " + ", ".join(tried) + "): pass "
                            "binary=, set MIGDIP_BINARY, or put migdip on PATH")


def _text(value):
    """A Python value as ``--set`` and plan files write it: numbers in the shortest text that
    reads back as the same double, sequences (lists, tuples, numpy arrays) joined by commas,
    the rest as ``str``."""
    if isinstance(value, (str, os.PathLike)):
        return os.fspath(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        number = float(value)
        if not math.isfinite(number):
            raise ValueError(f"not a finite number: {value!r}")
        return repr(number)
    if hasattr(value, "__iter__"):
        return ", ".join(_text(item) for item in value)
    return str(value)


def _overrides(set, mode):
    """``--set`` arguments for the mapping ``set`` and the scenario's mode."""
    arguments = []
    for key, value in dict(set or {}).items():
        arguments += ["--set", f"{key}={_text(value)}"]
    if mode is not None:
        arguments += ["--set", f"scenario.mode={mode}"]
    return arguments


def _output(output, suffix):
    """The path to write and, for ``output=None``, the temporary directory holding it."""
    if output is not None:
        return pathlib.Path(output), None
    directory = tempfile.mkdtemp(prefix="migdip-")
    return pathlib.Path(directory) / f"results{suffix}", directory


def _one_line(stderr, status):
    """The binary's error message: its last ``migdip: error:`` line, without the prefix."""
    for line in reversed(stderr.splitlines()):
        if line.startswith(_ERROR_PREFIX):
            return line[len(_ERROR_PREFIX):]
    lines = [line for line in stderr.splitlines() if line.strip()]
    if status < 0:
        return f"migdip was killed by signal {-status}" + (f": {lines[-1]}" if lines else "")
    return lines[-1] if lines else f"migdip exited with status {status}"


def _execute(command, timeout, temporary):
    """Runs the command; raises InputError or RunError (removing ``temporary``) when it fails."""
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                              check=False)
    except BaseException:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
        raise
    if done.returncode != 0:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
        error = InputError if done.returncode == BAD_INPUT_STATUS else RunError
        raise error(_one_line(done.stderr, done.returncode), done.returncode, command,
                    done.stderr)


def _opened(opener, path, temporary):
    """Opens the results; a temporary directory is removed once the returned object is."""
    try:
        result = opener(os.fspath(path))
    except BaseException:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
        raise
    if temporary is not None:
        # The reader opens the file again for every dataset it gives, so the file lives as long
        # as the object (weakref.finalize also runs at interpreter exit).
        weakref.finalize(result, shutil.rmtree, temporary, True)
    return result


def run(scenario, set=None, seed=None, mode=None, output=None, binary=None, threads=None,
        force=False, timeout=None):
    """Runs one scenario with ``migdip run`` and returns its results, opened with
    :func:`migdip.open_run`.

    Args:
        scenario: the scenario file (INI).
        set: scenario keys to override, ``{"state.TUR.exit_enforcement": 0.5, ...}``, named as
            ``--set`` names them (``kind.key`` or ``kind.ID.key``); numbers are passed in the
            shortest text that reads back as the same double.
        seed: the random seed (``--seed``).
        mode: ``"expected"`` or ``"stochastic"`` (``--set scenario.mode=...``).
        output: the results file to write. ``None``: a temporary file, removed when the
            returned :class:`migdip.Run` is garbage-collected (or at interpreter exit).
        binary: the ``migdip`` program (see :func:`find_binary`).
        threads: ``--threads``.
        force: replace an existing ``output`` (otherwise refused with :class:`InputError`).
        timeout: seconds before the run is killed (:class:`subprocess.TimeoutExpired`).

    Raises:
        InputError: the binary refused its input (exit status 2), with its one-line message.
        RunError: any other failure.
    """
    path, temporary = _output(output, ".h5")
    command = [str(find_binary(binary)), "run", os.fspath(scenario), "-o", str(path), "--quiet"]
    command += _overrides(set, mode)
    if seed is not None:
        command += ["--seed", str(int(seed))]
    if threads is not None:
        command += ["--threads", str(int(threads))]
    if force:
        command.append("--force")
    _execute(command, timeout, temporary)
    return _opened(open_run, path, temporary)


def _plan_text(plan):
    """A plan given as a mapping, written as the INI file ``migdip sweep`` reads."""
    lines = []
    for section, keys in plan.items():
        lines.append(f"[{section}]")
        lines += [f"{key} = {_text(value)}" for key, value in keys.items()]
        lines.append("")
    return "\n".join(lines)


def sweep(scenario, plan, set=None, mode=None, output=None, binary=None, threads=None,
          force=False, timeout=None):
    """Runs a sweep with ``migdip sweep`` and returns it, opened with :func:`migdip.open_sweep`.

    Args:
        scenario: the scenario file (INI).
        plan: the plan file (docs/sweeps.md), or the plan as a mapping from section to keys,
            written to a file for the binary (lists are joined by commas)::

                {"sweep": {"sampler": "list", "series": "corridors.arrivals"},
                 "parameter state.SYR.emigration_rate": {"levels": [0.003, 0.004]}}

        set, mode, output, binary, threads, force, timeout: as for :func:`run`; ``set`` and
            ``mode`` apply to every run.

    Raises:
        InputError: the binary refused its input (exit status 2), with its one-line message.
        RunError: any other failure.
    """
    path, temporary = _output(output, ".h5")
    if isinstance(plan, dict):
        if temporary is None:
            temporary_plan = tempfile.mkdtemp(prefix="migdip-plan-")
            plan_path = pathlib.Path(temporary_plan) / "plan.ini"
        else:
            temporary_plan = None
            plan_path = pathlib.Path(temporary) / "plan.ini"
        plan_path.write_text(_plan_text(plan), encoding="utf-8")
    else:
        temporary_plan = None
        plan_path = pathlib.Path(plan)
    command = [str(find_binary(binary)), "sweep", os.fspath(scenario), "--plan", str(plan_path),
               "-o", str(path), "--quiet"]
    command += _overrides(set, mode)
    if threads is not None:
        command += ["--threads", str(int(threads))]
    if force:
        command.append("--force")
    try:
        _execute(command, timeout, temporary)
    finally:
        if temporary_plan is not None:
            shutil.rmtree(temporary_plan, ignore_errors=True)
    return _opened(open_sweep, path, temporary)
