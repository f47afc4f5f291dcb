#!/usr/bin/env bash
# Shows that a change leaves migdip's outputs as they were: runs every shipped scenario (as shipped
# and in stochastic mode), a shipped sweep whole and another in two shards merged, with the
# migdip of a baseline commit and with the one under test, and compares what they write.
#
#   scripts/check_outputs_unchanged.sh BASELINE [--migdip PATH] [--messages DIR] [--values]
#                                      [--tolerance RTOL[,ATOL]]
#
# BASELINE is a commit; its migdip is built once (Release) and kept in
# ${XDG_CACHE_HOME:-~/.cache}/migdip-baseline/COMMIT. --migdip is the binary under test
# (default: build/apps/migdip). Results and sweep files are compared object for object by
# scripts/compare_outputs.py (provenance and wall time aside); what `run` and `merge` print is
# compared too (sweeps run quietly: they print their speed).
# With --tolerance, floating-point values in the files may differ by the relative RTOL (absolute
# ATOL near 0), as compare_outputs.py --tolerance says; the default is bit for bit.
# With --messages, every file in DIR (for instance a fuzzing corpus of scenarios) is also given
# to `migdip validate` by both, and their exit statuses and messages are compared. With --values,
# how datasets are stored (chunks, filters, deflate levels) is not compared: for a change of
# compression, which changes bytes but no value (compare_outputs.py --values).
#
# Exit status: 0 when everything is the same, 1 when something differs (each difference is
# printed), 2 on a usage error or a failed baseline build.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
usage() {
  sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

[[ $# -ge 1 ]] || usage
baseline_ref=$1
shift
candidate=$root/build/apps/migdip
messages_dir=
tolerance=()
values=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --migdip) candidate=$(realpath "$2"); shift 2 ;;
    --messages) messages_dir=$(realpath "$2"); shift 2 ;;
    --tolerance) tolerance=(--tolerance "$2"); shift 2 ;;
    --values) values=(--values); shift ;;
    -h | --help) usage ;;
    *) echo "check_outputs_unchanged.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[[ -x $candidate ]] || { echo "check_outputs_unchanged.sh: no migdip at $candidate" >&2; exit 2; }
commit=$(git -C "$root" rev-parse --verify "$baseline_ref^{commit}" 2>/dev/null) ||
  { echo "check_outputs_unchanged.sh: '$baseline_ref' is not a commit" >&2; exit 2; }

# The baseline binary, built once per commit. Checks running at the same time share it: the
# first builds it while the others wait on the lock, instead of removing each other's build.
cache=${XDG_CACHE_HOME:-$HOME/.cache}/migdip-baseline/$commit
baseline=$cache/migdip
mkdir -p "$cache"
exec {cache_lock}>"$cache.lock"
flock "$cache_lock"
if [[ ! -x $baseline ]]; then
  echo "building the migdip of ${commit:0:12} in $cache ..." >&2
  rm -rf "$cache/source" "$cache/build"
  git -C "$root" worktree add --quiet --detach "$cache/source" "$commit"
  launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  if ! { cmake -S "$cache/source" -B "$cache/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
           -DMIGDIP_BUILD_TESTS=OFF -DMIGDIP_BUILD_BENCHMARKS=OFF "${launcher[@]}" &&
         cmake --build "$cache/build" --target migdip; } >"$cache/build.log" 2>&1; then
    echo "check_outputs_unchanged.sh: the baseline did not build; see $cache/build.log" >&2
    git -C "$root" worktree remove --force "$cache/source"
    exit 2
  fi
  cp "$cache/build/apps/migdip" "$baseline.partial" && mv "$baseline.partial" "$baseline"
  git -C "$root" worktree remove --force "$cache/source"
  rm -rf "$cache/build"
fi
flock --unlock "$cache_lock"

work=$(mktemp -d "${TMPDIR:-/tmp}/migdip-outputs.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/baseline" "$work/candidate"
differences=0
differ() {
  echo "DIFFERENT $*"
  differences=$((differences + 1))
}

# Runs "$@" (a migdip command line without the binary, with OUT for the output directory) with
# both binaries from the source root, and compares what they print and the file NAME they write.
both() {
  local name=$1
  shift
  local side binary
  for side in baseline candidate; do
    binary=$baseline
    [[ $side == candidate ]] && binary=$candidate
    (cd "$root" && "$binary" "${@//OUT/$work/$side}") >"$work/$side/$name.out" 2>&1 ||
      echo "exit status $?" >>"$work/$side/$name.out"
    sed -i "s|$work/$side|OUT|g" "$work/$side/$name.out"
  done
  cmp -s "$work/baseline/$name.out" "$work/candidate/$name.out" ||
    differ "$name: what migdip printed" "($(diff "$work/baseline/$name.out" \
      "$work/candidate/$name.out" | head -3 | tr '\n' ' '))"
  if [[ $name == *.h5 ]]; then
    if [[ -f $work/baseline/$name && -f $work/candidate/$name ]]; then
      "$root/scripts/compare_outputs.py" "${values[@]}" "${tolerance[@]}" \
        "$work/baseline/$name" "$work/candidate/$name" |
        sed "s|^|DIFFERENT $name: |" || differences=$((differences + 1))
    else
      differ "$name: written by only one of them, or by neither"
    fi
  fi
  echo "checked $name" >&2
}

for scenario in "$root"/scenarios/*.ini; do
  stem=$(basename "$scenario" .ini)
  both "$stem.h5" run "scenarios/$stem.ini" -o "OUT/$stem.h5"
  both "$stem-stochastic.h5" run "scenarios/$stem.ini" -o "OUT/$stem-stochastic.h5" \
    --set scenario.mode=stochastic --seed 7
done

flagship=scenarios/eastern-mediterranean-2015-2017.ini
both grid.h5 sweep "$flagship" --plan scenarios/sweeps/turkish-enforcement-grid.ini \
  -o OUT/grid.h5 --threads 2 -q
both sobol-0.h5 sweep "$flagship" --plan scenarios/sweeps/eastern-mediterranean-sobol.ini \
  -o OUT/sobol-0.h5 --shard 0/2 --threads 2 -q
both sobol-1.h5 sweep "$flagship" --plan scenarios/sweeps/eastern-mediterranean-sobol.ini \
  -o OUT/sobol-1.h5 --shard 1/2 --threads 2 -q
both sobol.h5 merge OUT/sobol-0.h5 OUT/sobol-1.h5 -o OUT/sobol.h5

if [[ -n $messages_dir ]]; then
  count=0
  for input in "$messages_dir"/*; do
    [[ -f $input ]] || continue
    count=$((count + 1))
    baseline_says=$("$baseline" validate "$input" 2>&1) && baseline_says+=" (exit 0)" ||
      baseline_says+=" (exit $?)"
    candidate_says=$("$candidate" validate "$input" 2>&1) && candidate_says+=" (exit 0)" ||
      candidate_says+=" (exit $?)"
    [[ $baseline_says == "$candidate_says" ]] ||
      differ "validate $input: '$baseline_says' vs '$candidate_says'"
  done
  echo "validated $count inputs of $messages_dir with both" >&2
fi

if ((differences > 0)); then
  echo "$differences difference(s) from ${commit:0:12}" >&2
  exit 1
fi
echo "outputs unchanged from ${commit:0:12}" >&2
