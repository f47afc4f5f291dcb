#!/usr/bin/python3
"""Makes benchmarks/README.md's scaling tables from what benchmarks/measure_scaling.sh wrote.

    /usr/bin/python3 benchmarks/scaling_table.py OUT

Per world: the median over repetitions of each phase's CPU time per tick (bench_phases counters),
and the whole `migdip run` of 30 daily ticks (runs.tsv). Growth exponents: the least-squares
slope of log(time or memory) against log(size) over the four worlds of each series.
"""

import csv
import glob
import json
import math
import os
import sys

PHASES = ["events", "observation", "politics", "diplomacy", "policy", "migration", "utility",
          "tick", "recorder", "hdf5"]
SERIES = {
    "states (25 corridors per state, 10 nationalities)":
        ("states", ["50x1250x10", "100x2500x10", "200x5000x10", "400x10000x10"]),
    "corridors (200 states, 10 nationalities)":
        ("corridors", ["200x1000x10", "200x2000x10", "200x5000x10", "200x10000x10"]),
    "nationalities (200 states, 5,000 corridors)":
        ("nationalities", ["200x5000x2", "200x5000x5", "200x5000x10", "200x5000x20"]),
}


def slope(xs, ys):
    """Least-squares slope of log(y) against log(x)."""
    lx = [math.log(x) for x in xs]
    ly = [math.log(y) for y in ys]
    mx = sum(lx) / len(lx)
    my = sum(ly) / len(ly)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly)) / sum((a - mx) ** 2 for a in lx)


def time_text(seconds):
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.3g} ms"
    return f"{seconds * 1e6:.3g} µs"


def main(out):
    phases = {}
    for path in sorted(glob.glob(os.path.join(out, "phases-*.json"))):
        world = os.path.basename(path)[len("phases-"):-len(".json")]
        with open(path) as f:
            report = json.load(f)
        medians = [b for b in report["benchmarks"] if b.get("aggregate_name") == "median"]
        phases[world] = medians[0]
    runs = {}
    ticks_rows = []
    with open(os.path.join(out, "runs.tsv")) as f:
        for row in csv.DictReader(f, delimiter="\t"):
            cpu = float(row["user_s"]) + float(row["system_s"])
            entry = (cpu, int(row["peak_kb"]) / 1024, int(row["file_bytes"]) / 1e6, row["load"])
            if row["world"] == "200x5000x10":
                ticks_rows.append((int(row["ticks"]), entry))
            runs.setdefault(row["world"], entry)

    print("| world (S×C×N) | " + " | ".join(PHASES) +
          " | allocs per tick (sim) | run of 30 ticks: CPU | peak RSS | file |")
    print("|---" * (len(PHASES) + 5) + "|")
    shown = set()
    for _, (_, worlds) in SERIES.items():
        for world in worlds:
            if world not in phases or world in shown:
                continue
            shown.add(world)
            b = phases[world]
            cpu, peak, size, _ = runs[world]
            print(f"| {world.replace('x', '×')} | " +
                  " | ".join(time_text(b[p]) for p in PHASES) +
                  f" | {b['sim_allocs']:.0f} | {cpu:.2f} s | {peak:.0f} MiB | {size:.1f} MB |")
    print()
    print("| series: growth exponent over its 4 worlds | " + " | ".join(PHASES) +
          " | run CPU | peak RSS |")
    print("|---" * (len(PHASES) + 3) + "|")
    for label, (key, worlds) in SERIES.items():
        worlds = [w for w in worlds if w in phases]
        if len(worlds) < 2:
            continue
        xs = [phases[w][key] for w in worlds]
        cells = [f"{slope(xs, [phases[w][p] for w in worlds]):.2f}" for p in PHASES]
        cells.append(f"{slope(xs, [runs[w][0] for w in worlds]):.2f}")
        cells.append(f"{slope(xs, [runs[w][1] for w in worlds]):.2f}")
        print(f"| {label} | " + " | ".join(cells) + " |")
    print()
    print("| ticks (200×5,000×10, daily) | CPU | peak RSS | file | load before |")
    print("|---|---|---|---|---|")
    for ticks, (cpu, peak, size, load) in ticks_rows:
        print(f"| {ticks} | {cpu:.2f} s | {peak:.0f} MiB | {size:.1f} MB | {load} |")
    distinct = sorted({t: e for t, e in ticks_rows}.items())
    if len(distinct) >= 2:
        xs = [t for t, _ in distinct]
        print(f"\nexponents over ticks {xs}: CPU {slope(xs, [e[0] for _, e in distinct]):.2f}, "
              f"peak RSS {slope(xs, [e[1] for _, e in distinct]):.2f}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/migdip-scaling")
