"""Shared by the sweep tests: running `migdip sweep` and comparing sweep files bit for bit.

A sweep file's datasets (the design, seeds, metrics, done flags and series) must be identical
however the sweep was run; its provenance attributes (command line, time, shard) may differ.
"""

import pathlib
import re
import subprocess

import h5py
import numpy as np

# Datasets that must match bit for bit between two runs of the same sweep.
ROOT_DATASETS = ["point", "replicate", "parameter", "metric", "metric_units", "value",
                 "value_text", "seed", "metrics", "done", "checksum", "scenario_text", "plan_text"]

# A Latin hypercube over three keys of the flagship, stochastic, with replicates and two series:
# every part of the layout is exercised, and every run draws random numbers.
PLAN = """\
[sweep]
name = test-sweep
sampler = latin_hypercube
samples = {samples}
replicates = 2
seed = 11
{series}

[parameter state.TUR.exit_enforcement]
low = 0.05
high = 0.5

[parameter corridor.TUR-GRC.mortality]
low = 0.0002
high = 0.003

[parameter state.SYR.push_intensity]
low = 0.5
high = 1.5
"""


def write_plan(directory, samples=12, name="plan.ini", series=True):
    path = pathlib.Path(directory) / name
    kept = "series = states.arrivals, corridors.deaths" if series else ""
    path.write_text(PLAN.format(samples=samples, series=kept))
    return path


def sweep_command(binary, source_dir, plan, output, *extra):
    scenario = pathlib.Path(source_dir) / "scenarios" / "eastern-mediterranean-2015-2017.ini"
    return [str(binary), "sweep", str(scenario), "--plan", str(plan), "-o", str(output),
            "--set", "scenario.mode=stochastic", "--quiet", *map(str, extra)]


def run(command, timeout=600, expect=0, **kwargs):
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, **kwargs)
    if expect is not None and done.returncode != expect:
        raise AssertionError(f"`{' '.join(map(str, command))}` exited {done.returncode}, "
                             f"expected {expect}: {done.stderr.strip()}")
    return done


def datasets(path):
    """Every dataset of the file that must not depend on how the sweep ran, as numpy arrays."""
    found = {}
    with h5py.File(path, "r") as f:
        for name in ROOT_DATASETS:
            found[name] = f[name][()]
        if "series" in f:
            def visit(name, item):
                if isinstance(item, h5py.Dataset):
                    found["series/" + name] = item[()]
            f["series"].visititems(visit)
    return found


def assert_same_sweep(test, a, b):
    """Bit-identical datasets: same names, shapes, dtypes and bytes (NaN included)."""
    left, right = datasets(a), datasets(b)
    test.assertEqual(sorted(left), sorted(right), f"{a} and {b} hold different datasets")
    for name in left:
        x, y = np.asarray(left[name]), np.asarray(right[name])
        test.assertEqual(x.dtype, y.dtype, name)
        test.assertEqual(x.shape, y.shape, name)
        if x.dtype.kind == "O":
            test.assertEqual(x.tolist(), y.tolist(), name)
        else:
            test.assertEqual(x.tobytes(), y.tobytes(), f"{name} differs between {a} and {b}")


def done_count(path):
    """Runs marked done in a sweep file that another process may be writing. The writer holds
    HDF5's file lock, so the file is opened without locking (a read-only peek)."""
    try:
        with h5py.File(path, "r", locking=False) as f:
            return int(f["done"][()].sum())
    except (OSError, KeyError):
        return 0


def sized_plan(binary, source_dir, directory, name, seconds, threads=2):
    """A plan (without series) whose sweep takes about `seconds` on `threads` threads, on any build
    (Release or sanitizers) and any load: sized from a probe sweep's rate. Returns (plan, runs)."""
    probe = write_plan(directory, samples=200, name=f"{name}-probe.ini", series=False)
    command = sweep_command(binary, source_dir, probe, pathlib.Path(directory) / f"{name}-probe.h5",
                            "--threads", threads)
    probed = run([c for c in command if c != "--quiet"])
    # The rate migdip reports leaves out its start-up, which a sanitizer build makes long.
    runs_per_second = float(re.search(r"([0-9.]+) runs/s", probed.stdout).group(1))
    samples = max(200, int(runs_per_second * seconds / 2))
    return write_plan(directory, samples=samples, name=f"{name}.ini", series=False), samples * 2
