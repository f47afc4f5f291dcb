#!/usr/bin/python3
"""Checks the qualitative outcome of the Türkiye-Greece episode of February-March 2020.

Runs scenarios/turkey-greece-2020.ini with the real `migdip` binary and checks, from the results
file, what scenarios/data/seed-episodes.md asks a model of the episode to reproduce ("high attempts,
near-zero net entries"), with the sea left open and the end of the surge at the end of March:
  - the gates open: attempts at the Evros land border (departures on TUR-GRC-land) in the first
    week (29 Feb - 6 Mar) are at least twice their February level, and the entries Greece prevents
    there (entry interceptions) at least 5 times theirs and at least 200 a day;
  - the border is sealed: from 29 February to 26 March, entries (arrivals on TUR-GRC-land) are
    under 3% of attempts;
  - the sea is not sealed: arrivals on TUR-GRC-sea in the same weeks are at least half their
    February level a day;
  - the people are moved away: attempts from 28 March on are at most half those of the first week,
    prevented entries at most a fifth.
  - the rumour that the border is open draws people: prevented entries in the first week are at
    least 1.5 times those of the same file without the event rumour_evros_is_open (the truth at
    the border is the same in both runs; only beliefs differ).
Attempts run at 7-10 thousand a day in the data and at about a thousand in the model (see the
scenario's header): the bound of 200 a day is the outcome's shape, not the data's size.

usage: check_turkey_greece.py MIGDIP_BINARY SOURCE_DIR [SCENARIO]
(SCENARIO, default the shipped file, lets a modified copy be checked: without the event
grc_seals_evros the entry share fails, without tur_opens_the_gates the rise in attempts, without
rumour_evros_is_open the rumour's effect.)
"""

import datetime
import pathlib
import subprocess
import sys
import tempfile

import h5py
import numpy as np

START = datetime.date(2020, 1, 1)  # the scenario's start_date; ticks are days


def tick(month, day):
    return (datetime.date(2020, month, day) - START).days


def daily_mean(series, first, last):
    """Mean a day over the ticks of first..last inclusive, each given as (month, day)."""
    return float(np.mean(series[tick(*first):tick(*last) + 1]))


def total(series, first, last):
    return float(np.sum(series[tick(*first):tick(*last) + 1]))


def run(binary, scenario, tmp, name, *options):
    out = pathlib.Path(tmp) / name
    subprocess.run([binary, "run", str(scenario), "-o", str(out), "--quiet", *options], check=True)
    with h5py.File(out, "r") as results:
        corridors = [c.decode() for c in results["corridors/corridor"][:]]
        land, sea = corridors.index("TUR-GRC-land"), corridors.index("TUR-GRC-sea")
        return (results["corridors/departures"][:, land],
                results["corridors/entry_interceptions"][:, land],
                results["corridors/arrivals"][:, land], results["corridors/arrivals"][:, sea])


def without_rumour(scenario, tmp):
    """A copy of the scenario without its [event rumour_evros_is_open] section."""
    kept, skipping = [], False
    for line in pathlib.Path(scenario).read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("["):
            skipping = line.strip() == "[event rumour_evros_is_open]"
        if not skipping:
            kept.append(line)
    copy = pathlib.Path(tmp) / "without-rumour.ini"
    copy.write_text("".join(kept), encoding="utf-8")
    return copy


def main(binary, source_dir, scenario):
    with tempfile.TemporaryDirectory() as tmp:
        attempts, prevented, entries, sea_arrivals = run(binary, scenario, tmp, "tg.h5")
        unrumoured_prevented = run(binary, without_rumour(scenario, tmp), tmp, "plain.h5")[1]
    if len(attempts) != tick(4, 15) + 1:
        return [f"expected daily ticks from 2020-01-01 to 2020-04-15, got {len(attempts)} ticks"]

    february, first_week = ((2, 1), (2, 27)), ((2, 29), (3, 6))
    surge, after = ((2, 29), (3, 26)), ((3, 28), (4, 15))
    checks = []

    def check(what, value, ok):
        print(f"{what}: {value:.3f} {'ok' if ok else 'FAILED'}")
        if not ok:
            checks.append(what)

    attempts_rise = daily_mean(attempts, *first_week) / daily_mean(attempts, *february)
    check("attempts, first week / February", attempts_rise, attempts_rise >= 2)
    prevented_rise = daily_mean(prevented, *first_week) / daily_mean(prevented, *february)
    check("prevented entries, first week / February", prevented_rise, prevented_rise >= 5)
    prevented_week = daily_mean(prevented, *first_week)
    check("prevented entries a day, first week", prevented_week, prevented_week >= 200)
    rumour_effect = prevented_week / daily_mean(unrumoured_prevented, *first_week)
    check("prevented entries, first week, with / without the rumour", rumour_effect,
          rumour_effect >= 1.5)
    entry_share = total(entries, *surge) / total(attempts, *surge)
    check("entries / attempts, 29 Feb - 26 Mar", entry_share, entry_share < 0.03)
    sea_kept = daily_mean(sea_arrivals, *surge) / daily_mean(sea_arrivals, *february)
    check("sea arrivals a day, 29 Feb - 26 Mar / February", sea_kept, sea_kept >= 0.5)
    attempts_after = daily_mean(attempts, *after) / daily_mean(attempts, *first_week)
    check("attempts, from 28 Mar / first week", attempts_after, attempts_after <= 0.5)
    prevented_after = daily_mean(prevented, *after) / prevented_week
    check("prevented entries, from 28 Mar / first week", prevented_after, prevented_after <= 0.2)
    return checks


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    source = pathlib.Path(sys.argv[2])
    scenario_file = (pathlib.Path(sys.argv[3]) if len(sys.argv) == 4 else
                     source / "scenarios" / "turkey-greece-2020.ini")
    failed = main(sys.argv[1], source, scenario_file)
    if failed:
        print("FAILED: " + "; ".join(failed))
        sys.exit(1)
    print("the Türkiye-Greece 2020 outcome holds")
