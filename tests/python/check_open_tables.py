#!/usr/bin/python3
"""The open tables (docs/results-format.md, "Open tables") read with netCDF's own tool and xarray.

Usage: check_open_tables.py MIGDIP_BINARY SOURCE_DIR

Runs the strategic flagship (one deal, a negotiation log) and the minimal scenario (no deals:
empty tables), then checks that
- `ncdump -t -v /tables/deals/...` (Debian's netcdf-bin) prints every field of every deal with
  the values of the compound table /deals: texts, numbers and dates (as YYYY-MM-DD);
- `ncdump` accepts the files whole, and shows the empty tables' groups with their variables;
- xarray opens each table group with the same values as the compound table (open_tables.py).
Fails, not skips, without ncdump: scripts/bootstrap.sh installs netcdf-bin for the tests.
"""

import math
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

import h5py

import open_tables

FLAGSHIP = "scenarios/eastern-mediterranean-2015-2017-strategic.ini"
EMPTY = "scenarios/minimal.ini"


def ncdump(*arguments):
    done = subprocess.run(["ncdump", *arguments], capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise AssertionError(f"ncdump {' '.join(arguments)} exited with {done.returncode}: "
                             f"{done.stderr.strip()}")
    return done.stdout


def group_text(dump, group):
    """The part of ncdump's output for `group: NAME { ... } // group NAME`."""
    match = re.search(rf"group: {group} {{\n(.*?)\n\s*}} // group {group}\n", dump, re.DOTALL)
    if match is None:
        raise AssertionError(f"ncdump shows no group {group}:\n{dump}")
    return match.group(1)


def data_values(text):
    """{variable: [values]} of the data section of one group as ncdump prints it: strings
    unquoted (ncdump's escapes undone), numbers as float."""
    data = text.split("data:", 1)[1]
    values = {}
    for name, listed in re.findall(r"(\w+) = (.*?) ;\n", data + "\n", re.DOTALL):
        items = []
        for quoted, bare in re.findall(r'"((?:[^"\\]|\\.)*)"|([^,\s]+)', listed):
            if bare:
                items.append(float(bare))
            else:
                items.append(re.sub(r"\\(.)", r"\1", quoted))
        values[name] = items
    return values


def run(binary, source, scenario, output):
    done = subprocess.run([binary, "run", str(source / scenario), "-o", str(output), "--quiet"],
                          capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise AssertionError(f"migdip run {scenario} exited with {done.returncode}: "
                             f"{done.stderr.strip()}")


def check_deals_printed(path):
    """ncdump -t -v of every deals variable prints the compound table's deals."""
    with h5py.File(path, "r") as f:
        deals = open_tables.compound_frame(f, "deals")
    assert len(deals) > 0, f"{path}: the strategic flagship signed no deal"
    names = ",".join(f"/tables/deals/{field}" for field in deals.columns)
    printed = data_values(group_text(ncdump("-t", "-v", names, str(path)), "deals"))
    assert list(printed) == list(deals.columns), (
        f"ncdump printed {list(printed)}, expected {list(deals.columns)}")
    for field in deals.columns:
        shown, stored = printed[field], list(deals[field])
        if deals[field].dtype == object:  # text, and dates as ncdump -t prints them
            assert shown == stored, f"deals.{field}: ncdump {shown}, stored {stored}"
        else:  # ncdump prints 15 significant digits
            assert len(shown) == len(stored) and all(
                math.isclose(a, b, rel_tol=1e-14, abs_tol=0) for a, b in zip(shown, stored)), (
                f"deals.{field}: ncdump {shown}, stored {stored}")
    print(f"{path.name}: ncdump prints {len(deals)} deal(s): "
          + "; ".join(f"{row.negotiation} {row.demander}-{row.partner} {row.terms} "
                      f"signed {row.signed_date} {row.status}" for row in deals.itertuples()))


def check_header(path, empty):
    """The whole file in ncdump: types of the tables' variables, CF units of the dates, and
    for `empty`, groups of zero rows with their variables."""
    dump = ncdump("-h", str(path))
    deals = group_text(dump, "deals")
    for declaration in ("string status(row) ;", "double signed_date(row) ;",
                        "int signed_tick(row) ;", "double paid(row) ;"):
        assert declaration in deals, f"{path.name}: /tables/deals has no `{declaration}`"
    assert re.search(r'signed_date:units = "days since \d{4}-\d{2}-\d{2} 00:00:00" ;', deals), (
        f"{path.name}: /tables/deals/signed_date has no CF time units:\n{deals}")
    if empty:
        for table in open_tables.TABLES[1:]:
            text = group_text(dump, table)
            assert re.search(r"row = (UNLIMITED ; // \(0 currently\)|0 ;)", text), (
                f"{path.name}: /tables/{table} is not empty:\n{text}")
    ncdump(str(path))  # the data too, every group


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    binary, source = sys.argv[1], pathlib.Path(sys.argv[2])
    if shutil.which("ncdump") is None:
        print("check_open_tables: ncdump not found; install Debian's netcdf-bin "
              "(scripts/bootstrap.sh test does)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="migdip-open-tables-") as tmp:
        flagship = pathlib.Path(tmp) / "strategic.h5"
        empty = pathlib.Path(tmp) / "minimal.h5"
        run(binary, source, FLAGSHIP, flagship)
        run(binary, source, EMPTY, empty)
        check_deals_printed(flagship)
        check_header(flagship, empty=False)
        check_header(empty, empty=True)
        for path in (flagship, empty):
            found = open_tables.differences(str(path))
            assert not found, "\n".join(found)
            print(f"{path.name}: xarray opens every table group with the compound table's values")
    print("check_open_tables: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
