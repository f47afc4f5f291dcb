"""Reading migdip results in Python, with h5py, xarray and pandas.

>>> import migdip
>>> run = migdip.open_run("em.h5")                  # doctest: +SKIP
>>> run.corridors["arrivals"].sel(corridor="TUR-GRC").to_series()   # doctest: +SKIP
>>> run.events                                      # doctest: +SKIP

See ``python/README.md`` and ``docs/results-format.md``.
"""

from .results import EVENT_COLUMNS, SUPPORTED_FORMAT_MAJOR, FormatError, Run, open_run

__version__ = "0.1.0"

__all__ = ["EVENT_COLUMNS", "SUPPORTED_FORMAT_MAJOR", "FormatError", "Run", "open_run",
           "__version__"]
