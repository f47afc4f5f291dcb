#!/usr/bin/python3
"""Holds the route-value solver to its stated tolerance (docs/model.md 7.6.4).

The solver stops its sweeps when no choice probability moves by more than a relative
`[model] route_value_tolerance` (default 1.9e-9). The outputs then differ from those of the
converged values by at most a relative 1e-9, or 1e-6 people where values are near 0: the bound
that a change of solver may move shipped outputs by. This script runs shipped scenarios twice
with the real binary, at the default tolerance and converged (1e-12), and compares every
floating-point dataset of every group. Of the shipped scenarios only Italy-Libya has cycles of
corridors, whose values are iterated; the others are solved exactly, state by state, and must
agree to the bit.

It fails when the solver stops early, and when it ignores the key: a run at 1e-5 must exceed the
bound against the converged one (checked below, so that the comparison can fail at all).

usage: check_route_value_tolerance.py MIGDIP_BINARY SOURCE_DIR
"""

import pathlib
import subprocess
import sys
import tempfile

import h5py
import numpy as np

SCENARIOS = [
    "eastern-mediterranean-2015-2017.ini",
    "central-mediterranean-2016-2018.ini",
    "italy-libya-2006-2012.ini",
    "belarus-2021.ini",
    "turkey-greece-2020.ini",
    "ceuta-2021.ini",
]
RELATIVE = 1e-9
ABSOLUTE = 1e-6
CONVERGED = "1e-12"
LOOSE = "1e-5"
LOOSE_SCENARIO = "italy-libya-2006-2012.ini"


def run(binary, scenario, output, tolerance=None):
    command = [binary, "run", str(scenario), "-o", str(output), "--force", "--quiet"]
    if tolerance is not None:
        command += ["--set", f"model.route_value_tolerance={tolerance}"]
    subprocess.run(command, check=True)


def float_datasets(path):
    """Every floating-point dataset below a group, by name."""
    found = {}
    with h5py.File(path, "r") as file:
        def visit(name, item):
            if isinstance(item, h5py.Dataset) and "/" in name and item.dtype.kind == "f":
                found[name] = item[()]
        file.visititems(visit)
    return found


def excess(a_path, b_path):
    """The datasets where |a - b| > max(RELATIVE max(|a|, |b|), ABSOLUTE), with the largest
    relative difference found over all of them."""
    a, b = float_datasets(a_path), float_datasets(b_path)
    if sorted(a) != sorted(b) or not a:
        raise SystemExit(f"{a_path} and {b_path} hold different datasets")
    over, largest = [], 0.0
    for name in sorted(a):
        x, y = a[name], b[name]
        if x.shape != y.shape:
            raise SystemExit(f"{name}: shapes {x.shape} and {y.shape}")
        with np.errstate(invalid="ignore"):
            gap = np.abs(x - y)
            bound = np.maximum(RELATIVE * np.maximum(np.abs(x), np.abs(y)), ABSOLUTE)
            # Equal values (infinite capacities among them) and NaN against NaN agree.
            same = (x == y) | (np.isnan(x) & np.isnan(y))
            bad = ~same & ~(gap <= bound)
            scale = np.maximum(np.abs(x), np.abs(y))
            relative = np.where(~same & np.isfinite(gap) & (scale > ABSOLUTE),
                                gap / np.where(scale > 0, scale, 1), 0)
        largest = max(largest, float(relative.max()) if relative.size else 0.0)
        if bad.any():
            over.append(f"{name}: {int(bad.sum())} values, largest gap {float(gap[bad].max()):.3g}")
    return over, largest


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    binary, source = sys.argv[1], pathlib.Path(sys.argv[2])
    failures = []
    with tempfile.TemporaryDirectory() as work:
        work = pathlib.Path(work)
        for name in SCENARIOS:
            scenario = source / "scenarios" / name
            default, converged = work / "default.h5", work / "converged.h5"
            run(binary, scenario, default)
            run(binary, scenario, converged, CONVERGED)
            over, largest = excess(default, converged)
            print(f"{name}: largest relative difference {largest:.3g} from the converged values")
            failures += [f"{name} {line}" for line in over]
        # The comparison must be able to fail: a loose tolerance breaks the bound. Italy-Libya's
        # corridors form cycles, so its values are iterated (the flagship's are solved exactly,
        # state by state, whatever the tolerance).
        loose = work / "loose.h5"
        scenario = source / "scenarios" / LOOSE_SCENARIO
        run(binary, scenario, loose, LOOSE)
        run(binary, scenario, work / "converged.h5", CONVERGED)
        over, largest = excess(loose, work / "converged.h5")
        print(f"{LOOSE_SCENARIO} at {LOOSE}: largest relative difference {largest:.3g}")
        if not over:
            failures.append(f"at route_value_tolerance={LOOSE} the outputs stay within the bound: "
                            "the solver ignores the key or the comparison cannot fail")
    for line in failures:
        print("FAIL", line)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
