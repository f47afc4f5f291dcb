# Bash completion for migdip: commands, each command's options, option values and files.
#
# Installed to share/bash-completion/completions/migdip (loaded on demand by the
# bash-completion package); without that package, `source` this file from ~/.bashrc.
#
# The commands and options are read from the binary being completed (`migdip --help` and
# `migdip COMMAND --help`, once per shell session and binary), so the completion always offers
# what that binary accepts, new options included. Needs nothing but bash itself.

# Caches: the commands of a binary, and the options of one of its commands.
declare -gA _migdip_commands_cache=()
declare -gA _migdip_options_cache=()

# The commands listed under "commands:" in `migdip --help`.
_migdip_commands() {
  local binary=$1
  if [[ -z ${_migdip_commands_cache[$binary]+set} ]]; then
    _migdip_commands_cache[$binary]=$("$binary" --help 2>/dev/null | awk '
      /^commands:/ { listing = 1; next }
      /^[^ ]/      { listing = 0 }
      listing && /^  [a-z]/ { print $1 }')
  fi
  printf '%s\n' "${_migdip_commands_cache[$binary]}"
}

# The options of `migdip COMMAND --help`, as "-x" and "--long", one a line; an option that
# takes a value is followed by a tab and "arg".
_migdip_options() {
  local binary=$1 command=$2 key="$1 $2"
  if [[ -z ${_migdip_options_cache[$key]+set} ]]; then
    # Boost.Program_options lists "  -o [ --output ] arg   text" or "  --seed arg   text";
    # argparse lists "  -o DIR, --output DIR   text". Continuation lines of the text are
    # indented further and start with no dash.
    # Only the options sections count: the examples' continuation lines also start with
    # spaces and a dash ("      --set ...").
    _migdip_options_cache[$key]=$("$binary" "$command" --help 2>/dev/null | awk '
      /^[A-Za-z][^ ]*( [a-z]+)*:$/ { listing = ($0 ~ /options|arguments/) }
      listing && /^  +-/ {
        line = $0
        sub(/^ +/, "", line)
        split(line, parts, /  +/)        # the option column ends at a run of spaces
        column = parts[1]
        takes = (column ~ / arg( |$)/ || column ~ /[ =][A-Z]/) ? "\targ" : ""
        gsub(/[\[\],]/, " ", column)
        n = split(column, words, / +/)
        for (i = 1; i <= n; i++)
          if (words[i] ~ /^--?[A-Za-z][A-Za-z0-9-]*$/) print words[i] takes
      }')
  fi
  printf '%s\n' "${_migdip_options_cache[$key]}"
}

# Values of options that take a word out of a fixed list.
_migdip_option_values() {
  local command=$1 option=$2
  case "$command $option" in
    "plot --format") echo "png svg pdf" ;;
  esac
}

_migdip() {
  local binary=${COMP_WORDS[0]}
  local cur=${COMP_WORDS[COMP_CWORD]}
  local prev=${COMP_WORDS[COMP_CWORD - 1]:-}
  COMPREPLY=()
  # `migdip` found on PATH, or the path typed (./build/apps/migdip).
  [[ $binary == */* ]] || binary=$(type -P "$binary") || return 0
  [[ -x $binary ]] || return 0

  if ((COMP_CWORD == 1)); then
    mapfile -t COMPREPLY < <(compgen -W "$(_migdip_commands "$binary") --help --version" \
      -- "$cur")
    return 0
  fi
  local command=${COMP_WORDS[1]}

  # --option=value is split at "=" by bash's COMP_WORDBREAKS: the option is two words back.
  if [[ $prev == "=" ]]; then
    prev=${COMP_WORDS[COMP_CWORD - 2]:-}
  elif [[ $cur == "=" ]]; then
    prev=${COMP_WORDS[COMP_CWORD - 1]:-}
    cur=""
  fi

  local options takes_value=""
  options=$(_migdip_options "$binary" "$command")
  if [[ $prev == -* ]] && grep -qxF -- "$prev"$'\targ' <<<"$options"; then
    takes_value=1
  fi
  if [[ -n $takes_value ]]; then
    local values
    values=$(_migdip_option_values "$command" "$prev")
    if [[ -n $values ]]; then
      mapfile -t COMPREPLY < <(compgen -W "$values" -- "$cur")
    else
      case "$prev" in
        --set | --seed | --threads | --shard | --point | --replicate | --dpi | --time | \
          --mem | --partition | --account | --job-name | --shards | --cpus-per-task)
          ;;  # a value to type, not a file
        *) mapfile -t COMPREPLY < <(compgen -f -- "$cur") ;;
      esac
    fi
    return 0
  fi
  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$(cut -f1 <<<"$options")" -- "$cur")
    return 0
  fi
  # A positional argument: a scenario, plan, results or sweep file.
  mapfile -t COMPREPLY < <(compgen -f -- "$cur")
  return 0
}

complete -o filenames -o bashdefault -F _migdip migdip
