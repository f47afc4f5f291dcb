#!/usr/bin/env bash
# Writes the man page migdip(1) from the binary's own help, with help2man (Debian: help2man).
#
#   scripts/man_page.sh MIGDIP_BINARY OUTPUT.1
#
# help2man renders `migdip --help` and `--version`; the COMMANDS section added here holds
# `migdip COMMAND --help` of every command that `migdip --help` lists, so the page documents
# every option the binary accepts. CMake runs this at build time (target migdip_man_page).
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: scripts/man_page.sh MIGDIP_BINARY OUTPUT.1" >&2
  exit 2
fi
binary=$1
output=$2
include=$(mktemp)
temporary="$output.tmp-$$"
trap 'rm -f "$include" "$temporary"' EXIT

# Text as roff that prints it as it is: backslashes escaped, and a line starting with a dot or
# a quote (a roff request) protected with \&.
roff_literal() {
  sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"
}

commands=$("$binary" --help | awk '/^commands:/ { l = 1; next } /^[^ ]/ { l = 0 }
  l && /^  [a-z]/ { print $1 }')
if [ -z "$commands" ]; then
  echo "man_page.sh: $binary --help lists no commands" >&2
  exit 1
fi
{
  echo "[COMMANDS]"
  echo "Each command has its own options; \\fBmigdip\\fR \\fICOMMAND\\fR \\fB\\-\\-help\\fR prints them."
  for command in $commands; do
    echo ".SS \"migdip $command\""
    echo ".nf"
    "$binary" "$command" --help | roff_literal
    echo ".fi"
  done
  echo "[FILES]"
  echo "Scenario files (INI) are described in docs/scenario-reference.md, results files (HDF5)"
  echo "in docs/results-format.md and sweep plans in docs/sweeps.md of the source tree. A JSON"
  echo "Schema of the scenario keys is docs/scenario.schema.json."
  echo "[SEE ALSO]"
  echo "The migdip README and docs/ directory; the Python package python/migdip reads results."
} >"$include"

"${HELP2MAN:-help2man}" --no-info --no-discard-stderr \
  --name="simulate bargaining over migration flows between states" \
  --include="$include" --output="$temporary" "$binary"
mv "$temporary" "$output"
