#!/usr/bin/python3
"""Checks the qualitative outcome of the shipped Ceuta scenario (scenarios/ceuta-2021.ini).

seed-episodes.md, "Morocco-Spain, Ceuta, May 2021": Morocco relaxed exit control for about 48
hours; thousands entered; most were returned within a week. Run with the real `migdip` binary,
read with xarray, the shipped scenario must show:
  - a burst of entries into Ceuta confined to the 48 hours of relaxed control (17-18 May 2021):
    at least 1,000 entries in those two days, at least 100 times the mean daily entries of 1-16
    May, at most 20 a day on average before (1-16 May) and after (19 May - 15 June), and at
    least 90% of the run's entries inside the two days;
  - most entrants returned within a week: Spain's removals of people already inside Ceuta from
    17 to 23 May exceed half of the entries of 17-18 May;
  - minors are never returned (the MNR nationality has no deportations).
Then the same checks must FAIL on two copies of the scenario with a mechanism switched off (by
--set overrides of its events): without the relaxation (facilitation 0) there is no burst;
without the returns (removal capacity 0) nobody is returned. So the test cannot pass with either
mechanism broken.

usage: check_ceuta.py MIGDIP_BINARY SOURCE_DIR
"""

import pathlib
import subprocess
import sys
import tempfile

import xarray as xr

EVENT_DAYS = slice("2021-05-17", "2021-05-18")
BEFORE = slice("2021-05-01", "2021-05-16")
AFTER = slice("2021-05-19", "2021-06-15")
WEEK = slice("2021-05-17", "2021-05-23")

NO_RELAXATION = ["event.morocco_relaxes_exit_adults.value=0",
                 "event.morocco_relaxes_exit_minors.value=0"]
NO_RETURNS = ["event.spain_returns_adults.value=0"]


def run(binary, scenario, out, overrides):
    command = [binary, "run", str(scenario), "-o", str(out), "--quiet"]
    for override in overrides:
        command += ["--set", override]
    subprocess.run(command, check=True)


def outcome_failures(out):
    """The list of the qualitative checks the results file `out` fails (empty: all hold)."""
    failures = []
    with xr.open_dataset(out, group="corridors", engine="h5netcdf") as corridors:
        entries = corridors["arrivals"].sel(corridor=["MAR-CEU", "MNR-CEU"]).sum("corridor")
        entries = entries.to_series()
    with xr.open_dataset(out, group="states", engine="h5netcdf") as states:
        returns = states["deportations"].sel(state="CEU").to_series()
    with xr.open_dataset(out, group="nationalities", engine="h5netcdf") as nationalities:
        minors_returned = float(nationalities["deportations"].sel(nationality="MNR").sum())

    burst = float(entries[EVENT_DAYS].sum())
    before = float(entries[BEFORE].mean())
    after = float(entries[AFTER].mean())
    share = burst / float(entries.sum()) if entries.sum() > 0 else 0.0
    returned = float(returns[WEEK].sum())
    print(f"  entries: {before:.1f}/day on 1-16 May, {burst:,.0f} on 17-18 May, "
          f"{after:.1f}/day from 19 May; {share:.0%} of the run's entries in the 48 hours")
    print(f"  returned 17-23 May: {returned:,.0f} ({returned / burst if burst else 0:.0%} of the "
          f"entries of 17-18 May); minors returned: {minors_returned:.0f}")

    if burst < 1000:
        failures.append(f"only {burst:,.0f} entries on 17-18 May (want >= 1,000)")
    if burst < 100 * 2 * before:
        failures.append(f"17-18 May ({burst:,.0f}) not 100 times the usual 2 days "
                        f"({2 * before:.1f})")
    if before > 20 or after > 20:
        failures.append(f"entries outside the 48 hours too high: {before:.1f}/day before, "
                        f"{after:.1f}/day after (want <= 20)")
    if share < 0.9:
        failures.append(f"only {share:.0%} of entries in the 48 hours (want >= 90%)")
    if returned <= 0.5 * burst or burst == 0:
        failures.append(f"{returned:,.0f} returned by 23 May, not more than half of the "
                        f"{burst:,.0f} entrants")
    if minors_returned > 0:
        failures.append(f"{minors_returned:.0f} minors returned (want 0)")
    return failures


def main(binary, source_dir):
    scenario = source_dir / "scenarios" / "ceuta-2021.ini"
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        shipped = pathlib.Path(tmp) / "ceuta.h5"
        run(binary, scenario, shipped, [])
        print("shipped scenario:")
        for failure in outcome_failures(shipped):
            problems.append(f"shipped scenario: {failure}")
            print("FAIL: shipped scenario:", failure)

        for name, overrides, must_fail in (
                ("without the relaxation", NO_RELAXATION, "entries on 17-18 May"),
                ("without the returns", NO_RETURNS, "returned by 23 May")):
            out = pathlib.Path(tmp) / (name.replace(" ", "-") + ".h5")
            run(binary, scenario, out, overrides)
            print(f"{name}:")
            failures = outcome_failures(out)
            if not any(must_fail in failure for failure in failures):
                problems.append(f"{name}: the checks still pass, so they cannot see that "
                                f"mechanism ({failures})")
                print("FAIL:", problems[-1])
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], pathlib.Path(sys.argv[2])))
