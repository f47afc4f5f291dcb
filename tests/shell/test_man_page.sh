#!/usr/bin/env bash
# The man page migdip(1) that scripts/man_page.sh generates at build time: it renders without
# a groff warning, and documents every command and every option of the binary it came from.
#
#   tests/shell/test_man_page.sh MAN_PAGE MIGDIP_BINARY      (what CTest runs)
set -uo pipefail

page=$1
binary=$2
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

[[ -s $page ]] || { echo "FAIL: $page does not exist or is empty"; exit 1; }

# groff with every warning on: a roff mistake (an unescaped request, a bad font) is a warning.
warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1) || fail "groff failed on $page"
[[ -z $warnings ]] || fail "groff warns on $page: $warnings"

# As man shows it (man -l renders a file), with overstriking removed.
if command -v man >/dev/null; then
  text=$(MANWIDTH=100 man -l "$page" 2>/dev/null | sed 's/.\x08//g')
else
  text=$(groff -man -Tutf8 -P-cbou "$page")
fi
grep -q "^NAME" <<<"$text" || fail "no NAME section"
grep -q "migdip - simulate bargaining" <<<"$text" || fail "no one-line description"
grep -q "^COMMANDS" <<<"$text" || fail "no COMMANDS section"
grep -qF "$("$binary" --version | head -1 | cut -d' ' -f2)" <<<"$text" || fail "no version"

commands=$("$binary" --help | awk '/^commands:/ { l = 1; next } /^[^ ]/ { l = 0 }
  l && /^  [a-z]/ { print $1 }')
[[ $(wc -w <<<"$commands") -ge 7 ]] || fail "too few commands in $binary --help"
for command in $commands; do
  grep -qE "^ +migdip $command\$" <<<"$text" || fail "no subsection for migdip $command"
  grep -qF "usage: migdip $command" <<<"$text" || fail "no usage line of migdip $command"
  # Every option in the option column of the command's --help.
  for option in $("$binary" "$command" --help | grep -E '^ +-' | sed -E 's/^ +//; s/   .*//' |
    grep -oE -- '--[a-z][a-z-]*' | sort -u); do
    grep -qF -- "$option" <<<"$text" || fail "migdip $command $option is not in the page"
  done
done

if ((failures > 0)); then
  echo "$failures failure(s)"
  exit 1
fi
echo "man page: renders cleanly and lists every command and option"
