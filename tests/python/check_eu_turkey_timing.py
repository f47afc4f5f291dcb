#!/usr/bin/python3
"""Issue 14, property (a): with the EU-Türkiye table open from the run's start, pressure decides
when the deal comes.

Runs scenarios/eastern-mediterranean-2015-2017-strategic.ini with the real `migdip` binary. The
shipped file has the table open from the run's start (the issue's `--set
negotiation.eu_turkey.start_date=2015-01-01`, passed again here so that the property holds even if
the file's date changes) and pressure switched on for the EU's members (docs/model.md 7.3): each
weighs the costs of arrivals and of hosting people by theta = S / (S + pressure_salience). The one
pressure parameter is not fitted: pressure_salience is 1 / (salience_weight (1 + polarisation)) =
1 / 0.002 = 500, the salience at which the political price of an arrival has doubled. Checks:
  - the first deal with coast-guard patrols (tur_coastguard) and readmission (tur_readmission) is
    signed between October 2015 and April 2016 (talks opened in October 2015, the Joint Action
    Plan came on 29 November 2015, the Statement on 18 March 2016);
  - Greek sea arrivals (TUR-GRC) are within a factor 1.5 of the data in 2016 and 2 in 2017
    (scenarios/data/med-monthly-2015-2018.csv, greece_sea_arrivals);
  - without pressure (pressure_salience 0), the same early table signs that deal before October
    2015 (the mechanism is what moves it: issue 14's finding that tables sign in their first
    months).

usage: check_eu_turkey_timing.py MIGDIP_BINARY SOURCE_DIR
"""

import csv
import datetime
import pathlib
import subprocess
import sys
import tempfile

import h5py

SCENARIO = "scenarios/eastern-mediterranean-2015-2017-strategic.ini"
EARLY_TABLE = ["--set", "negotiation.eu_turkey.start_date=2015-01-01"]
# Pressure switched off (the shipped file has 500 = 1 / salience_weight).
NO_PRESSURE = ["--set", "state.GRC.pressure_salience=0", "--set", "state.DEU.pressure_salience=0"]


def run(binary, source, tmp, name, options):
    out = pathlib.Path(tmp) / name
    subprocess.run([binary, "run", str(source / SCENARIO), "-o", str(out), "--quiet", *options],
                   check=True)
    with h5py.File(out, "r") as results:
        corridors = [c.decode() for c in results["corridors/corridor"][:]]
        arrivals = results["corridors/arrivals"][:, corridors.index("TUR-GRC")]
        deals = [(d["terms"].decode(), d["signed_date"].decode()) for d in results["deals"][:]]
    return arrivals, deals


def first_patrol_deal(deals):
    """Signing date of the first deal with both coast-guard patrols and readmission, or None."""
    for terms, signed in deals:
        items = terms.split("+")
        if "tur_coastguard" in items and "tur_readmission" in items:
            return datetime.date.fromisoformat(signed)
    return None


def greek_data(source):
    by_year = {}
    with open(source / "scenarios/data/med-monthly-2015-2018.csv", encoding="utf-8") as data:
        for row in csv.DictReader(data):
            if row["series"] == "greece_sea_arrivals":
                year = int(row["month"][:4])
                by_year[year] = by_year.get(year, 0.0) + float(row["value"])
    return by_year


def main(binary, source):
    with tempfile.TemporaryDirectory() as tmp:
        arrivals, deals = run(binary, source, tmp, "pressure.h5", EARLY_TABLE)
        _, deals_without = run(binary, source, tmp, "plain.h5", EARLY_TABLE + NO_PRESSURE)
    failed = []

    def check(what, value, ok):
        print(f"{what}: {value} {'ok' if ok else 'FAILED'}")
        if not ok:
            failed.append(what)

    signed = first_patrol_deal(deals)
    check("first deal with patrols and readmission, with pressure", signed,
          signed is not None and datetime.date(2015, 10, 1) <= signed <= datetime.date(2016, 4, 30))
    data = greek_data(source)
    for year, factor in ((2016, 1.5), (2017, 2.0)):
        first = (year - 2015) * 12
        ratio = float(arrivals[first:first + 12].sum()) / data[year]
        check(f"Greek sea arrivals {year}, model / data", round(ratio, 3),
              1 / factor <= ratio <= factor)
    unpressed = first_patrol_deal(deals_without)
    check("first deal with patrols and readmission, without pressure", unpressed,
          unpressed is not None and unpressed < datetime.date(2015, 10, 1))
    return failed


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    failures = main(sys.argv[1], pathlib.Path(sys.argv[2]))
    if failures:
        sys.exit("FAILED: " + "; ".join(failures))
