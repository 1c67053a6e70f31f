#!/usr/bin/env bash
# The smcss, smcd, smcr, smc_chk and smc_scope roles answer -h with their usage (status 0,
# nothing on stderr), through --role and through a link of their name, and
# their man pages document every option and command that -h lists, and
# every exit status.
source "$(dirname "$0")/lib.sh"
smcss_man="$1"
smcd_man="$2"
smc_chk_man="$3"
smcr_man="$4"
smc_scope_man="$5"

for role in smcss smcd smcr smc_chk smc_scope; do
  ln -s "$SMC_RUN" "$SCRATCH/$role"
done
for role in smcss smcd smcr smc_chk smc_scope; do
  run "$SMC_RUN" --role "$role" -h
  expect_eq "$RC" 0 "status of $role -h"
  expect_eq "$ERR" "" "stderr of $role -h"
  expect_contains "$OUT" "Usage: $role " "$role usage"
  by_role="$OUT"
  run "$SCRATCH/$role" --help
  expect_eq "$OUT" "$by_role" "$role --help through a link"
  declare "help_$role=$OUT"
done

man_words() {  # MAN-PAGE: its text without roff escapes
  sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' "$1"
}
# The first column of the help's lists ("  -a, --all   text", "  ueid add
# ID   text"): options and command words, without metavariables like ID.
first_column_words() {
  grep -E '^  [^ ]' <<<"$1" | sed -E 's/^  //; s/  .*//' | tr ' ,[]|' '\n\n\n\n\n' |
    grep -E '^(--?[a-zA-Z][a-z-]*|[a-z]+)$' | sort -u
}
check_man() {  # MAN-PAGE HELP
  local text word words
  text="$(man_words "$1")"
  words="$(first_column_words "$2")"
  [[ -n "$words" ]] || fail "no options found in the help for $1"
  for word in $words; do
    expect_contains "$text" "$word" "$(basename "$1") mention of $word"
  done
}
check_man "$smcss_man" "$help_smcss"
check_man "$smcd_man" "$help_smcd"
check_man "$smc_chk_man" "$help_smc_chk"
check_man "$smcr_man" "$help_smcr"
check_man "$smc_scope_man" "$help_smc_scope"

# Every exit status the help lists ("  125  ...") has its entry in the
# man page's EXIT STATUS section.
check_exit_codes() {  # MAN-PAGE HELP
  local text code codes
  text="$(man_words "$1" | sed -n '/^\.SH EXIT STATUS/,/^\.SH /p')"
  codes="$(grep -oE '^  [0-9]+  ' <<<"$2" | tr -d ' ')"
  [[ -n "$codes" ]] || fail "no exit codes found in the help for $1"
  for code in $codes; do
    expect_match "$text" "^\.B $code\$" "$(basename "$1") exit status $code"
  done
}
check_exit_codes "$smc_chk_man" "$help_smc_chk"
check_exit_codes "$smc_scope_man" "$help_smc_scope"
