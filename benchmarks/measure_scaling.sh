#!/bin/sh
# Measures benchmarks/README.md's scaling table: per-phase CPU time per tick (bench_phases) and
# the whole `migdip run` (CPU, peak memory, file) of each world of the grid, then the ticks
# series of the 200 x 5,000 x 10 world. Writes OUT/*.json and OUT/runs.tsv; make the table with
#   /usr/bin/python3 benchmarks/scaling_table.py OUT
# Usage (from the source tree, after building bench_phases, generate_world and migdip in BUILD):
#   benchmarks/measure_scaling.sh [BUILD [OUT]]        (defaults: build /tmp/migdip-scaling)
set -eu
BUILD=${1:-build}
OUT=${2:-/tmp/migdip-scaling}
mkdir -p "$OUT"
G="$BUILD/benchmarks/generate_world"
printf 'world\tticks\tuser_s\tsystem_s\tpeak_kb\tfile_bytes\tload\n' > "$OUT/runs.tsv"

# One whole run: CPU, peak resident set, file size, the load average before it.
run() {  # name ticks scenario
  load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -v "$BUILD/apps/migdip" run "$3" -o "$OUT/run.h5" --force -q 2> "$OUT/time.txt"
  user=$(sed -n 's/.*User time (seconds): //p' "$OUT/time.txt")
  sys=$(sed -n 's/.*System time (seconds): //p' "$OUT/time.txt")
  peak=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$OUT/time.txt")
  size=$(stat -c %s "$OUT/run.h5")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$user" "$sys" "$peak" "$size" "$load" \
    >> "$OUT/runs.tsv"
  rm -f "$OUT/run.h5"
}

for world in 50x1250x10 100x2500x10 200x5000x10 400x10000x10 200x1000x10 200x2000x10 \
             200x10000x10 200x5000x2 200x5000x5 200x5000x20; do
  "$BUILD/benchmarks/bench_phases" "$world" --benchmark_repetitions=3 \
    --benchmark_out="$OUT/phases-$world.json" --benchmark_out_format=json > /dev/null
  s=${world%%x*}; rest=${world#*x}; c=${rest%%x*}; n=${rest#*x}
  "$G" --states "$s" --corridors "$c" --nationalities "$n" --ticks 30 --tick-length day \
    --tables 5 --seed 1 -o "$OUT/world.ini"
  run "$world" 30 "$OUT/world.ini"
done
for ticks in 30 120; do
  "$G" --states 200 --corridors 5000 --nationalities 10 --ticks "$ticks" --tick-length day \
    --tables 5 --seed 1 -o "$OUT/world.ini"
  run 200x5000x10 "$ticks" "$OUT/world.ini"
done
run 200x5000x10 365 benchmarks/world-200x5000.ini
rm -f "$OUT/world.ini" "$OUT/time.txt"
