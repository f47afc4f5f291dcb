#!/usr/bin/python3
"""Checks what the shipped Belarus 2021 scenario reproduces (scenarios/belarus-2021.ini).

seed-episodes.md, "Belarus 2021": after the EU's sanctions of June 2021 Belarus engineered a
surge towards Lithuania, Latvia and Poland, the targets hardened their borders, entries collapsed,
the route ended by December and the EU conceded nothing. Run with the real `migdip` binary and
read with h5py, the shipped scenario (monthly ticks, the EU-Belarus table open from January 2020,
the sanctions the only events) must show:
  - the calibration holds: Lithuania's entries (arrivals on BLR-LTU) over 2020 within x1.5 of the
    Interior Ministry's 74;
  - nothing happens at the table before the trigger: no threat carried out and no deal before
    June 2021;
  - the surge is carried out, unscripted, by Belarus within two months of June 2021 (April to
    August 2021), and not before the sanctions event's tick;
  - the EU concedes nothing: no deal in the whole run, and the sanctions relief (eu_relief) never
    in force;
  - entries into Lithuania rise: their mean over June-December 2021 is at least 10 times that of
    January-May 2021 (the data rise 50-100 times and more; the bound is the outcome's direction
    and order, not the data's size);
  - targets harden their borders, unscripted, after the surge: Latvia's border emergency
    (lva_guard) within two months of August 2021 (declared 10 Aug) and Poland's (pol_guard)
    within two months of September 2021 (declared 2 Sep), each carried out by the EU at the table
    and not before Belarus's surge.
Then the same checks must FAIL on the scenario without the trigger (--set overrides that keep the
sanctions' valuations at their pre-event values): no surge is carried out, and entries do not
rise. So the test cannot pass with the trigger or the threat mechanism broken.

Not checked, because the scenario does not reproduce it (its header says why): Lithuania's
hardening (emergency 2 Jul, pushbacks 3 Aug 2021), the collapse of entries after it, the shift
from Lithuania to Poland and the end of the route by December 2021. The script prints every
counter-move carried out, for information.

usage: check_belarus.py MIGDIP_BINARY SOURCE_DIR [SCENARIO]
"""

import datetime
import pathlib
import subprocess
import sys
import tempfile

import h5py
import numpy as np

START = datetime.date(2020, 1, 1)  # the scenario's start_date; ticks are calendar months
TRIGGER = datetime.date(2021, 6, 21)  # the sanctions events' date
NO_TRIGGER = ["event.eu_sectoral_sanctions_surge_cost.value=47e6",
              "event.eu_sectoral_sanctions_relief_value.value=0"]
# The hardening the scenario reproduces, and the real month of each [SEED].
HARDENED = {"lva_guard": (2021, 8), "pol_guard": (2021, 9)}
HARDENING = ["ltu_guard", "ltu_pushback", "lva_guard", "lva_pushback", "pol_guard",
             "pol_pushback"]


def tick(year, month):
    return (year - START.year) * 12 + month - START.month


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def run(binary, scenario, out, overrides):
    command = [binary, "run", str(scenario), "-o", str(out), "--quiet"]
    for override in overrides:
        command += ["--set", override]
    subprocess.run(command, check=True)
    with h5py.File(out, "r") as results:
        corridors = [text(c) for c in results["corridors/corridor"][:]]
        instruments = [text(i) for i in results["instruments/instrument"][:]]
        log = [(int(r["tick"]), text(r["action"]), text(r["actor"]), text(r["instrument"]))
               for r in results["negotiation_log"][:]]
        deals = results["deals"].shape[0]
        return {
            "ticks": len(results["states/tick"][:]),
            "ltu_entries": results["corridors/arrivals"][:, corridors.index("BLR-LTU")],
            "in_force": {name: results["instruments/in_force"][:, k]
                         for k, name in enumerate(instruments)},
            "log": log,
            "deals": deals,
        }


def check_run(outcome, label):
    """The failed checks of one run, each printed."""
    failed = []

    def check(what, value, ok):
        print(f"{label}: {what}: {value} {'ok' if ok else 'FAILED'}")
        if not ok:
            failed.append(what)

    if outcome["ticks"] != 24:
        return [f"expected 24 monthly ticks from 2020-01, got {outcome['ticks']}"]
    entries = outcome["ltu_entries"]
    pre_2020 = float(np.sum(entries[:12]))
    check("Lithuania's entries in 2020 (data 74)", round(pre_2020, 1),
          74 / 1.5 <= pre_2020 <= 74 * 1.5)

    carried = [(t, actor, instrument) for t, action, actor, instrument in outcome["log"]
               if action == "threat_carried_out"]
    early = [c for c in carried if c[0] < tick(2021, 6)]
    check("threats carried out before June 2021", len(early), not early)
    surges = [t for t, actor, instrument in carried if instrument == "blr_surge"]
    first_surge = min(surges) if surges else None
    window = (tick(2021, 4), tick(2021, 8))
    trigger_tick = tick(TRIGGER.year, TRIGGER.month)
    check("first tick of Belarus's surge (June 2021 = 17)", first_surge,
          first_surge is not None and window[0] <= first_surge <= window[1] and
          first_surge >= trigger_tick)

    check("deals signed", outcome["deals"], outcome["deals"] == 0)
    relief = float(np.max(outcome["in_force"]["eu_relief"]))
    check("sanctions relief ever in force", relief, relief == 0)

    before = float(np.mean(entries[tick(2021, 1):tick(2021, 5) + 1]))
    after = float(np.mean(entries[tick(2021, 6):tick(2021, 12) + 1]))
    rise = after / before if before > 0 else float("inf")
    check("Lithuania's entries, mean Jun-Dec / Jan-May 2021", round(rise, 1), rise >= 10)

    for name, (year, month) in HARDENED.items():
        ticks = [t for t, actor, instrument in carried if instrument == name]
        first = min(ticks) if ticks else None
        check(f"first tick of {name} ({year}-{month:02d} = {tick(year, month)})", first,
              first is not None and abs(first - tick(year, month)) <= 2 and
              first_surge is not None and first >= first_surge)

    hardened = [name for name in HARDENING if np.max(outcome["in_force"][name]) > 0]
    print(f"{label}: (not checked) counter-moves carried out: {hardened or 'none'}")
    return failed


def main(binary, scenario):
    with tempfile.TemporaryDirectory() as tmp:
        shipped = run(binary, scenario, pathlib.Path(tmp) / "blr.h5", [])
        untriggered = run(binary, scenario, pathlib.Path(tmp) / "none.h5", NO_TRIGGER)
    failed = check_run(shipped, "shipped")
    if failed:
        return failed
    # Without the trigger the outcome must not hold: the test can fail.
    if not check_run(untriggered, "without the sanctions"):
        return ["the outcome also holds without the sanctions events: the test cannot fail"]
    return []


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    source = pathlib.Path(sys.argv[2])
    scenario_file = (pathlib.Path(sys.argv[3]) if len(sys.argv) == 4 else
                     source / "scenarios" / "belarus-2021.ini")
    problems = main(sys.argv[1], scenario_file)
    if problems:
        print("FAILED: " + "; ".join(problems))
        sys.exit(1)
    print("the Belarus 2021 outcome holds (as far as the scenario reproduces it)")
