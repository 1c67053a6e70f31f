#!/usr/bin/env bash
# -h prints the usage in testdata/help.txt on stdout and exits 0; the man
# page documents every option and variable that -h lists.
source "$(dirname "$0")/lib.sh"
help_txt="$1"
man_page="$2"

for flag in -h --help; do
  run "$SMC_RUN" "$flag"
  expect_eq "$RC" 0 "status of $flag"
  expect_eq "$ERR" "" "stderr of $flag"
  diff -u "$help_txt" "$SCRATCH/.out" || fail "$flag differs from testdata/help.txt"
done

# Every option and variable named in -h appears in the man page, in roff.
man_text="$(sed -e 's/\\-/-/g' -e 's/\\fB//g; s/\\fI//g; s/\\fR//g; s/\\fP//g' "$man_page")"
words="$(grep -oE -- '(--?[a-z][a-z-]*|SMC_[A-Z]+|LD_PRELOAD|net\.core\.[a-z_]+)' "$help_txt" | sort -u)"
[[ -n "$words" ]] || fail "no options found in help.txt"
for word in $words; do
  expect_contains "$man_text" "$word" "man page mention of $word"
done
for code in 1 125 126 127; do
  expect_match "$man_text" "^\.B $code\$|^$code\b" "man page exit status $code"
done
