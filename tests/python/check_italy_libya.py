#!/usr/bin/python3
"""Checks the qualitative outcome of the seed episode Italy-Libya 2006-2012.

Runs scenarios/italy-libya-2006-2012.ini with the real `migdip` binary and reads, from the
results file, sea arrivals to Italy (corridors LBY-ITA and TUN-ITA) and Libya's migrant workers
(people of other nationalities hosted in Libya, docs/model.md 7.6.9a). The outcome to reproduce
(scenarios/data/seed-episodes.md, episode italy_libya_2008):
  - pushbacks and joint patrols from May 2009 cut arrivals: the mean of 2009 and 2010 is less
    than half of 2008;
  - the war of 2011 voids the deal: arrivals in 2011 are at least three times those of 2010;
  - the collapse of labour demand expels migrant workers: Libya's stock of them at the end of
    2011 is less than half of that at the end of 2010.
Without the patrols and pushbacks the first bound fails; without the war's events the second and
third fail (the scenario's header says how this was checked).

usage: check_italy_libya.py MIGDIP_BINARY SOURCE_DIR
"""

import pathlib
import subprocess
import sys
import tempfile

import h5py
import numpy as np

SCENARIO = "italy-libya-2006-2012.ini"


def annual(series, year, first_year=2006):
    start = 12 * (year - first_year)
    return float(np.sum(series[start:start + 12]))


def main(binary, source_dir):
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        out = pathlib.Path(tmp) / "italy-libya.h5"
        subprocess.run([binary, "run", str(source_dir / "scenarios" / SCENARIO), "-o", str(out),
                        "--quiet"], check=True)
        with h5py.File(out, "r") as results:
            corridors = [c.decode() for c in results["corridors/corridor"][:]]
            states = [s.decode() for s in results["states/state"][:]]
            arrivals = results["corridors/arrivals"][:]
            to_italy = (arrivals[:, corridors.index("LBY-ITA")] +
                        arrivals[:, corridors.index("TUN-ITA")])
            workers = results["states/hosted"][:, states.index("LBY")]
    years = {year: annual(to_italy, year) for year in range(2006, 2013)}
    for year, value in years.items():
        print(f"arrivals in Italy {year}: {value:,.0f}")
    after_deal = (years[2009] + years[2010]) / 2
    print(f"2009-2010 mean / 2008: {after_deal / years[2008]:.2f} (must be < 0.5)")
    if not after_deal < 0.5 * years[2008]:
        failures.append("pushbacks and joint patrols did not halve arrivals in 2009-2010")
    print(f"2011 / 2010: {years[2011] / years[2010]:.1f} (must be >= 3)")
    if not years[2011] >= 3 * years[2010]:
        failures.append("arrivals in 2011 are not several times those of 2010")
    end_2010, end_2011 = float(workers[59]), float(workers[71])
    print(f"Libya's migrant workers: end-2010 {end_2010:,.0f}, end-2011 {end_2011:,.0f} "
          "(must fall by more than half)")
    if not end_2011 < 0.5 * end_2010:
        failures.append("Libya's migrant workers were not expelled in 2011")
    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], pathlib.Path(sys.argv[2])))
