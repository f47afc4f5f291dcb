#!/usr/bin/python3
"""Scenario files written before migration model v2 keep loading and keep their meaning.

usage: test_compatibility.py MIGDIP_BINARY SOURCE_DIR

For each file in tests/data/scenarios-v1 (the shipped scenarios at commit 0c3565d): `migdip
validate` accepts it, `migdip run` runs it, and the total of corridors/arrivals over the run
equals what the migdip of 0c3565d wrote for it (pinned below, relative difference below 1e-9).
Every mechanism added by issue 13 has defaults that leave the old model as it was; this fails if
a default, or the meaning of a key, changes.
"""

import pathlib
import subprocess
import sys
import tempfile

import h5py

# corridors/arrivals summed over ticks and corridors, as `migdip run FILE` at 0c3565d wrote it.
ARRIVALS_AT_0C3565D = {
    "minimal.ini": 1005904.1550781261,
    "eastern-mediterranean-2015-2017.ini": 6739118.881005559,
    "eastern-mediterranean-2015-2017-strategic.ini": 6741261.064291062,
    "central-mediterranean-2016-2018.ini": 1448191.0314788162,
}


def main(binary, source_dir):
    folder = source_dir / "tests" / "data" / "scenarios-v1"
    failures = []
    found = sorted(p.name for p in folder.glob("*.ini"))
    if found != sorted(ARRIVALS_AT_0C3565D):
        failures.append(f"{folder}: expected {sorted(ARRIVALS_AT_0C3565D)}, found {found}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, expected in ARRIVALS_AT_0C3565D.items():
            scenario = folder / name
            check = subprocess.run([binary, "validate", str(scenario)], capture_output=True,
                                   text=True)
            if check.returncode != 0:
                failures.append(f"{name}: validate exits {check.returncode}: {check.stderr.strip()}")
                continue
            out = pathlib.Path(tmp) / (name + ".h5")
            subprocess.run([binary, "run", str(scenario), "-o", str(out), "--quiet"], check=True)
            with h5py.File(out, "r") as results:
                total = float(results["corridors/arrivals"][:].sum())
            print(f"{name}: arrivals {total!r} (0c3565d: {expected!r})")
            if abs(total - expected) > 1e-9 * expected:
                failures.append(f"{name}: arrivals {total!r}, were {expected!r} at 0c3565d")
    for failure in failures:
        print("FAIL:", failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], pathlib.Path(sys.argv[2])))
