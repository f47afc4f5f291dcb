"""Reading migdip results in Python, with h5py, xarray and pandas.

>>> import migdip
>>> run = migdip.open_run("em.h5")                  # doctest: +SKIP
>>> run.corridors["arrivals"].sel(corridor="TUR-GRC").to_series()   # doctest: +SKIP
>>> run.events                                      # doctest: +SKIP
>>> sweep = migdip.open_sweep("grid.h5")            # doctest: +SKIP
>>> sweep.runs                                      # doctest: +SKIP
>>> run = migdip.run("em.ini", set={"state.TUR.exit_enforcement": 0.5})   # doctest: +SKIP

See ``python/README.md`` and ``docs/results-format.md``.
"""

from .results import EVENT_COLUMNS, SUPPORTED_FORMAT_MAJOR, FormatError, Run, open_run
from .runs import InputError, RunError, find_binary, run, sweep
from .sweeps import SUPPORTED_SWEEP_FORMAT_MAJOR, Sweep, open_sweep

__version__ = "0.1.0"

__all__ = ["EVENT_COLUMNS", "SUPPORTED_FORMAT_MAJOR", "SUPPORTED_SWEEP_FORMAT_MAJOR",
           "FormatError", "InputError", "Run", "RunError", "Sweep", "find_binary", "open_run",
           "open_sweep", "run", "sweep", "__version__"]
