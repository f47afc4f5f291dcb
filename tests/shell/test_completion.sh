#!/usr/bin/env bash
# Tests of completions/migdip.bash without the bash-completion package: the script is sourced
# into a plain bash, COMP_WORDS and COMP_CWORD are set as bash sets them for a TAB, and the
# completion function's COMPREPLY is checked.
#
#   tests/shell/test_completion.sh MIGDIP_BINARY COMPLETION_SCRIPT      (what CTest runs)
set -uo pipefail

binary=$(realpath "$1")
script=$2
failures=0

# shellcheck source=/dev/null
source "$script" || { echo "FAIL: cannot source $script"; exit 1; }

# complete WORD... : the words of the command line, the last one being completed.
complete_words() {
  COMP_WORDS=("$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMP_LINE="${COMP_WORDS[*]}"
  COMP_POINT=${#COMP_LINE}
  COMPREPLY=()
  _migdip
  printf '%s\n' "${COMPREPLY[@]}" | sort
}

# expect "what" EXPECTED_LINES WORD...: the completions are exactly EXPECTED_LINES.
expect() {
  local what=$1 expected=$2
  shift 2
  local got
  got=$(complete_words "$@")
  if [[ $got != "$(printf '%s\n' "$expected" | tr ' ' '\n' | sort)" ]]; then
    echo "FAIL: $what: completing '$*' gave [$(echo $got)], expected [$expected]"
    failures=$((failures + 1))
  fi
}

# expect_includes "what" WORDS WORD...: the completions include every one of WORDS.
expect_includes() {
  local what=$1 wanted=$2
  shift 2
  local got
  got=$(complete_words "$@")
  for word in $wanted; do
    if ! grep -qxF -- "$word" <<<"$got"; then
      echo "FAIL: $what: completing '$*' did not offer $word (offered: $(echo $got))"
      failures=$((failures + 1))
    fi
  done
}

# Commands.
expect "migdip r<TAB>" "run" "$binary" r
expect "migdip s<TAB>" "slurm sweep" "$binary" s
commands=$("$binary" --help | awk '/^commands:/{l=1;next} /^[^ ]/{l=0} l&&/^  [a-z]/{print $1}')
[[ $(wc -w <<<"$commands") -ge 7 ]] || { echo "FAIL: too few commands in --help"; failures=$((failures + 1)); }
expect "migdip <TAB>" "$commands --help --version" "$binary" ""

# Options of each command: every option its --help lists, long and short.
# run's examples hold "--set" lines too: it is offered once, from the options section.
expect "migdip run --se<TAB>" "--seed --set" "$binary" run --se
expect "migdip info --p<TAB>" "--point" "$binary" info --p
expect "migdip run --q<TAB>" "--quiet" "$binary" run --q
expect "migdip plot --f<TAB>" "--format" "$binary" plot --f
expect_includes "migdip plot -<TAB>" "-o --output --format --dpi --help -h" "$binary" plot -
expect_includes "migdip sweep --<TAB>" "--plan --threads --shard --resume --force --mpi" \
  "$binary" sweep --
for command in $commands; do
  # The option column of --help's options section (not its examples): lines starting with a
  # dash, up to the gap before the text.
  listed=$("$binary" "$command" --help | sed -n '/^options:$/,$p' | grep -E '^ +-' |
    sed -E 's/^ +//; s/  .*//' | grep -oE -- '--[a-z][a-z-]*' | sort -u)
  expect_includes "every option of $command" "$listed" "$binary" "$command" --
done

# Option values: words out of a list, files, or nothing to offer.
expect "migdip plot --format <TAB>" "png pdf svg" "$binary" plot run.h5 --format ""
expect "migdip plot --format p<TAB>" "pdf png" "$binary" plot --format p
expect "migdip plot --format=s<TAB>" "svg" "$binary" plot --format = s
expect "migdip run --seed <TAB>" "" "$binary" run --seed ""

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
touch "$work/flagship.ini" "$work/flagship.h5" "$work/other.txt"
expect "migdip run DIR/fla<TAB>" "$work/flagship.h5 $work/flagship.ini" "$binary" run "$work/fla"
expect "migdip run -o DIR/flagship.h<TAB>" "$work/flagship.h5" "$binary" run x.ini -o "$work/flagship.h"
expect "migdip sweep --plan DIR/o<TAB>" "$work/other.txt" "$binary" sweep --plan "$work/o"

# `migdip` found on PATH, as an installed one is.
PATH="$(dirname "$binary"):$PATH" expect "migdip (on PATH) r<TAB>" "run" migdip r
# A binary that is not there offers nothing, and says nothing.
expect "a missing binary" "" /nonexistent/migdip r

if ((failures > 0)); then
  echo "$failures failure(s)"
  exit 1
fi
echo "bash completion: all checks passed"
