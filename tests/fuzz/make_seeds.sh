#!/usr/bin/env bash
# Writes the seed corpora of the harnesses, one directory per harness, from the shipped scenarios
# and plans, the test data, the plans in tests/fuzz/seeds, and small results and sweep files
# written by the built migdip (16-tick runs of scenarios/minimal.ini), so that no binary seed is
# kept in the tree. Run by the build (target migdip_fuzz_seeds).
#
#   tests/fuzz/make_seeds.sh MIGDIP SOURCE_DIR OUTPUT_DIR
set -euo pipefail

if [ $# -ne 3 ]; then
  echo "usage: make_seeds.sh MIGDIP SOURCE_DIR OUTPUT_DIR" >&2
  exit 2
fi
migdip=$1
source_dir=$2
output=$3

rm -rf "$output"
mkdir -p "$output"/{fuzz_scenario_loader,fuzz_simulation,fuzz_plan_loader,fuzz_results_reader,fuzz_sweep_reader,fuzz_results_edits,fuzz_sweep_edits}

for harness in fuzz_scenario_loader fuzz_simulation; do
  cp "$source_dir"/scenarios/*.ini "$source_dir"/tests/data/*.ini "$output/$harness/"
done
cp "$source_dir"/scenarios/sweeps/*.ini "$source_dir"/tests/fuzz/seeds/plan/*.ini \
  "$output/fuzz_plan_loader/"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
minimal="$source_dir/scenarios/minimal.ini"
"$migdip" run "$minimal" --set scenario.ticks=16 -o "$output/fuzz_results_reader/minimal.h5" >/dev/null
"$migdip" run "$source_dir/scenarios/eastern-mediterranean-2015-2017-strategic.ini" -o "$output/fuzz_results_reader/strategic.h5" >/dev/null

cat >"$work/series.ini" <<'PLAN'
[sweep]
sampler = grid
series = states.arrivals
[parameter state.TRA.exit_enforcement]
levels = 0.1, 0.5
PLAN
cat >"$work/replicates.ini" <<'PLAN'
[sweep]
sampler = list
replicates = 2
[parameter corridor.TRA-DST.mortality]
levels = 0.001, 0.002, 0.004
[parameter scenario.mode]
levels = expected, stochastic, stochastic
PLAN
sweep() {
  "$migdip" sweep "$minimal" --set scenario.ticks=16 --threads 1 --quiet "$@"
}
sweep --plan "$work/series.ini" -o "$output/fuzz_sweep_reader/series.h5"
sweep --plan "$work/replicates.ini" -o "$output/fuzz_sweep_reader/replicates.h5"
sweep --plan "$work/replicates.ini" --shard 1/2 -o "$output/fuzz_sweep_reader/shard-1-of-2.h5"

# The edit harnesses read their input as choices; a few byte patterns start them off.
for letter in A B C D E F G H I J K L; do
  for harness in fuzz_results_edits fuzz_sweep_edits; do
    head -c 48 /dev/zero | tr '\0' "$letter" >"$output/$harness/$letter"
  done
done
