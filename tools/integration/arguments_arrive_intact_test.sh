#!/usr/bin/env bash
# PROGRAM's arguments arrive byte for byte: spaces, quotes, empty strings,
# globs, newlines and options that smc_run itself knows.
source "$(dirname "$0")/lib.sh"

args=("a b" "" "'single'" '"double"' '*' '$HOME' $'two\nlines' -d -r 1g -- -h)
run "$SMC_RUN" python3 -c 'import sys, json; print(json.dumps(sys.argv[1:]))' \
  "${args[@]}"
expect_eq "$RC" 0 "exit status"
expected="$(python3 -c 'import sys, json; print(json.dumps(sys.argv[1:]))' \
  "${args[@]}")"
expect_eq "$OUT" "$expected" "arguments"
