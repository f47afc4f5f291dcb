#!/usr/bin/env bash
# Runs the libFuzzer harnesses of a build configured with -DMIGDIP_BUILD_FUZZERS=ON
# (tests/fuzz/README.md).
#
#   tests/fuzz/run.sh [--build DIR] [--minutes N | --seconds N] [--jobs N] [--work DIR]
#                     [HARNESS ...]
#       Fuzzes each harness (all by default) for the time given (default 60 minutes), one after
#       the other, with N worker processes each (libFuzzer's -fork=N; default 1). Each harness
#       keeps its corpus in WORK/corpus/HARNESS, which grows from run to run, and saves every
#       input that crashes, leaks, runs out of memory or time in WORK/artifacts/HARNESS; the
#       run goes on after such findings. WORK defaults to $MIGDIP_FUZZ_WORK, else
#       ~/.cache/migdip-fuzz: outside the source tree. Exits 1 when this run saved a finding.
#
#   tests/fuzz/run.sh [--build DIR] --smoke SECONDS HARNESS
#       The CI smoke: SECONDS of fuzzing from the seeds, with a corpus thrown away afterwards,
#       stopping at the first finding, whose input is kept in DIR/tests/fuzz/artifacts/HARNESS.
#       With 0 seconds, the seeds are only replayed.
#
#   tests/fuzz/run.sh [--build DIR] --replay HARNESS FILE ...
#       Runs the harness once on each file (a reproducer), under the same settings.
#
#   tests/fuzz/run.sh [--build DIR] --triage HARNESS FILE ...
#       Replays each finding on its own and says where it happens: the first frame of its
#       report's stack outside the sanitizer runtime and the C library, and whether that frame
#       is in libhdf5 ("libhdf5"), elsewhere ("migdip"), or the input no longer fails
#       ("passes"). Exits 1 when a finding is not inside libhdf5.
#
# DIR defaults to build-sanitize.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=$root/build-sanitize
seconds=3600
jobs=1
work=${MIGDIP_FUZZ_WORK:-${XDG_CACHE_HOME:-$HOME/.cache}/migdip-fuzz}
mode=fuzz
arguments=()

usage() {
  sed -n '2,31p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=$(cd "$2" && pwd); shift 2 ;;
    --minutes) seconds=$(($2 * 60)); shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --smoke) mode=smoke; seconds=$2; shift 2 ;;
    --replay) mode=replay; shift ;;
    --triage) mode=triage; shift ;;
    -h | --help) usage ;;
    -*) echo "run.sh: unknown option $1" >&2; usage ;;
    *) arguments+=("$1"); shift ;;
  esac
done
fuzz_dir=$build/tests/fuzz
if [ "$mode" = fuzz ] && [ ${#arguments[@]} -eq 0 ]; then
  arguments=(fuzz_scenario_loader fuzz_plan_loader fuzz_simulation fuzz_results_reader
    fuzz_results_edits fuzz_sweep_reader fuzz_sweep_edits)
fi
if [ "$mode" = fuzz ]; then
  harnesses=("${arguments[@]}")
else
  [ ${#arguments[@]} -ge 1 ] || usage
  harnesses=("${arguments[0]}")
fi
for harness in "${harnesses[@]}"; do
  if [ ! -x "$fuzz_dir/$harness" ]; then
    echo "run.sh: $fuzz_dir/$harness is not built (configure with -DMIGDIP_BUILD_FUZZERS=ON)" >&2
    exit 2
  fi
done

# The reader harnesses write every input to a file: in memory when possible.
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
  export TMPDIR=/dev/shm
fi
# Leaks are findings, except inside libhdf5; a sanitizer report stops the input, and libFuzzer
# saves it. The sanitizers do not find Debian's llvm-symbolizer by themselves.
symbolizer=$(command -v llvm-symbolizer || true)
# Options already in the environment come last, and win.
symbolizer=${symbolizer:+external_symbolizer_path=$symbolizer:}
export ASAN_OPTIONS=${symbolizer}detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}
export UBSAN_OPTIONS=${symbolizer}print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}
export LSAN_OPTIONS=suppressions=$root/tests/fuzz/lsan-suppressions.txt:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}

# Per input: a slow or greedy input is a finding (a hang, or work unbounded in its size).
limits=(-timeout=20 -rss_limit_mb=2048)
dictionary_of() {
  if [ -e "$fuzz_dir/$1.dict" ]; then
    echo "-dict=$fuzz_dir/$1.dict"
  fi
}

# The first stack frame of a sanitizer or libFuzzer report that is neither the sanitizer
# runtime, libFuzzer, nor the C or C++ runtime: where the fault is.
first_own_frame() {
  grep -E '^ +#[0-9]+ 0x[0-9a-f]+ ' |
    grep -vE ' in (__asan|__ubsan|__lsan|__sanitizer|_*interceptor|__libc|__GI_|fuzzer::|LLVMFuzzer|std::__throw|__cxa|__pthread)| in (main|malloc|calloc|realloc|free|memcpy|memmove|memset|strlen|operator new|operator delete|abort|raise|pthread_kill)\b|libclang_rt|/libc\.so|/libstdc\+\+|libc_start' |
    head -n 1
}

case "$mode" in
  replay)
    exec "$fuzz_dir/${harnesses[0]}" "${limits[@]}" "${arguments[@]:1}"
    ;;
  triage)
    status=0
    for finding in "${arguments[@]:1}"; do
      report=$("$fuzz_dir/${harnesses[0]}" "${limits[@]}" "$finding" 2>&1) && {
        echo "passes   $(basename "$finding")"
        continue
      }
      frame=$(first_own_frame <<<"$report" || true)
      place=migdip
      if [[ $frame == *libhdf5* || $frame =~ \ in\ H5[A-Za-z_]+ ]]; then
        place=libhdf5
      else
        status=1
      fi
      kind=$(grep -m1 -oE 'SUMMARY: [A-Za-z]+: [A-Za-z-]+|ERROR: libFuzzer: [a-z-]+|runtime error: [^:]*' <<<"$report" || echo failure)
      echo "$place  $(basename "$finding")  $kind  ${frame:-no stack}" | tr -s ' '
    done
    exit $status
    ;;
  smoke)
    harness=${harnesses[0]}
    artifacts=$fuzz_dir/artifacts/$harness
    mkdir -p "$artifacts"
    corpus=$(mktemp -d)
    trap 'rm -rf "$corpus"' EXIT
    if [ "$seconds" -eq 0 ]; then
      "$fuzz_dir/$harness" "${limits[@]}" -runs=0 "$fuzz_dir/seeds/$harness"
    else
      # shellcheck disable=SC2046
      "$fuzz_dir/$harness" "${limits[@]}" $(dictionary_of "$harness") -max_total_time="$seconds" \
        -print_final_stats=1 -artifact_prefix="$artifacts/" "$corpus" "$fuzz_dir/seeds/$harness"
    fi
    exit
    ;;
esac

status=0
for harness in "${harnesses[@]}"; do
  corpus=$work/corpus/$harness
  artifacts=$work/artifacts/$harness
  logs=$work/logs/$harness
  mkdir -p "$corpus" "$artifacts" "$logs"
  marker=$(mktemp)
  log=$logs/$(date -u +%Y%m%dT%H%M%SZ).log
  echo "run.sh: $harness for ${seconds}s with $jobs job(s); log $log"
  # Fork mode goes on after a finding (each is saved), so hours of fuzzing are not lost to one.
  # shellcheck disable=SC2046
  (cd "$logs" && "$fuzz_dir/$harness" "${limits[@]}" $(dictionary_of "$harness") \
    -max_total_time="$seconds" -fork="$jobs" -ignore_crashes=1 -ignore_ooms=1 \
    -ignore_timeouts=1 -artifact_prefix="$artifacts/" "$corpus" "$fuzz_dir/seeds/$harness") \
    >"$log" 2>&1 || true
  grep -E '^#[0-9]+: cov:' "$log" | tail -n 1 || true
  new=$(find "$artifacts" -type f -newer "$marker" | sort)
  rm -f "$marker"
  if [ -n "$new" ]; then
    echo "run.sh: $harness saved $(echo "$new" | wc -l) finding(s) in $artifacts"
    status=1
  fi
done
exit $status
