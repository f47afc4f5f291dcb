#!/usr/bin/python3
"""Checks the qualitative outcome of the Philippines-Kuwait episode of 2018.

Runs scenarios/philippines-kuwait-2018.ini with the real `migdip` binary (monthly ticks from
January 2017, the table open from then) and checks, from the results file, what
scenarios/data/seed-episodes.md asks a model of the episode to reproduce ("the origin state's
threat, a deployment ban, extracted a binding bilateral protection agreement ... the ban was
lifted within 5 days of signing"), with the dates within the +-2 months of monthly ticks:
  - nothing happens at the table before the killing (February 2018): no threat announced or
    carried out, no deal;
  - the Philippines carries out its deployment ban after the killing, within 2 months of
    12 February 2018 (tick 2018-02 +- 2), and deployment on the pathway falls to 0 while it holds;
  - a deal signed by Kuwait holds the protections (`kwt_protections`), within 2 months of
    11 May 2018 (tick 2018-05 +- 2), after the ban;
  - the ban ends with the deal (conceded at the signing tick) and deployment resumes;
  - without the killing (the event's value set to the value before it) nothing happens: no
    ban, no deal, the whole run.
The model's agreement comes in March 2018, two months early (the scenario's header says why):
the bound of +-2 months is the issue's tolerance, not this file's result.

usage: check_philippines_kuwait.py MIGDIP_BINARY SOURCE_DIR [SCENARIO]
(SCENARIO, default the shipped file, lets a modified copy be checked. Broken copies fail: the
killing moved to February 2017 (event date) gives the ban and the deal a year early; a positive
value of protections before the killing (kwt_protections value_to_target 1e4) gives a ban in
January 2017, and one without the killing too; protections dearer than the ban hurts Kuwait
(cost_to_user 9e6), or a Kuwait that replaces the workers at once (substitution_months 0), give
no ban and no deal.)
"""

import pathlib
import re
import subprocess
import sys
import tempfile

import h5py

START_YEAR, START_MONTH = 2017, 1  # the scenario's start; ticks are months


def tick(year, month):
    return (year - START_YEAR) * 12 + (month - START_MONTH)


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def run(binary, scenario, tmp, name, *options):
    out = pathlib.Path(tmp) / name
    subprocess.run([binary, "run", str(scenario), "-o", str(out), "--quiet", "--force", *options],
                   check=True)
    with h5py.File(out, "r") as results:
        log = [(int(r["tick"]), text(r["action"]), text(r["actor"]), text(r["instrument"]))
               for r in results["negotiation_log"][:]]
        deals = [{"signed": int(d["signed_tick"]), "items": text(d["terms"]),
                  "partner": text(d["partner"])} for d in results["deals"][:]]
        moved = results["pathways/moved"][:, 0]
        ticks = len(results["pathways/time"][:])
    return log, deals, moved, ticks


def main(binary, scenario):
    with tempfile.TemporaryDirectory() as tmp:
        log, deals, moved, ticks = run(binary, scenario, tmp, "phl.h5")
        # Without the killing: the event sets the value it had before (0), so nothing changes.
        quiet_log, quiet_deals, _, _ = run(binary, scenario, tmp, "quiet.h5",
                                           "--set", "event.demafelis_found.value=0")
    failed = []

    def check(what, ok, detail=""):
        print(f"{what}: {detail} {'ok' if ok else 'FAILED'}")
        if not ok:
            failed.append(what)

    if ticks != tick(2018, 12) + 1:
        return [f"expected monthly ticks 2017-01 to 2018-12, got {ticks}"]
    trigger = tick(2018, 2)
    actions = {"threat_announced", "threat_carried_out"}
    before = [e for e in log if e[0] < trigger and e[1] in actions]
    check("no threat before the killing", not before, str(before))
    check("no deal before the killing", all(d["signed"] >= trigger for d in deals),
          str([d["signed"] for d in deals]))

    bans = [e[0] for e in log if e[1] == "threat_carried_out" and e[2] == "PHL"
            and e[3] == "phl_deployment_ban"]
    ban = bans[0] if bans else None
    check("the Philippines carries out the deployment ban", ban is not None, str(bans))
    if ban is None:
        return failed
    check("ban within 2 months of February 2018", abs(ban - tick(2018, 2)) <= 2, f"tick {ban}")
    check("deployment stops in the ban's month", moved[ban] == 0 and moved[ban - 1] > 5000,
          f"{moved[ban - 1]:.0f} -> {moved[ban]:.0f}")

    protected = [d for d in deals if "kwt_protections" in re.split(r"[^A-Za-z0-9_]+", d["items"])
                 and d["partner"] == "KWT" and d["signed"] > ban]
    check("a deal with Kuwait's protections after the ban", bool(protected),
          str([(d["signed"], d["items"]) for d in deals]))
    if not protected:
        return failed
    signed = protected[0]["signed"]
    check("agreement within 2 months of May 2018", abs(signed - tick(2018, 5)) <= 2,
          f"tick {signed}")
    conceded = [e[0] for e in log if e[1] == "threat_conceded" and e[3] == "phl_deployment_ban"]
    check("the ban ends with the deal", conceded == [signed], f"conceded {conceded}")
    resumed = signed < len(moved) and moved[signed] > 5000 and min(moved[signed:]) > 5000
    check("deployment resumes from the deal on", resumed, f"{min(moved[signed:]):.0f} a month")

    quiet = [e for e in quiet_log if e[1] in actions]
    check("without the killing: no threat", not quiet, str(quiet))
    check("without the killing: no deal", not quiet_deals, str(quiet_deals))
    return failed


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    source = pathlib.Path(sys.argv[2])
    scenario_file = (pathlib.Path(sys.argv[3]) if len(sys.argv) == 4 else
                     source / "scenarios" / "philippines-kuwait-2018.ini")
    failures = main(sys.argv[1], scenario_file)
    if failures:
        sys.exit("FAILED: " + "; ".join(failures))
    print("the Philippines-Kuwait 2018 outcome holds")
