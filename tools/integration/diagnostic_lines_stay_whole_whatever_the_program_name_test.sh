#!/usr/bin/env bash
# The library's stderr lines (-d, --summary) are one line each whatever
# the program's name holds: control characters are escaped, so a newline
# in argv[0] cannot forge a line, and a very long name is shortened, so
# the summary itself is never cut away.
source "$(dirname "$0")/lib.sh"
socket_probe='import socket; socket.socket()'
# The interpreter itself, not a wrapper that would exec it under another
# name (pyenv's shims do).
python=/usr/bin/python3
[[ -x "$python" ]] || fail "$python is missing"

run "$SMC_RUN" --summary bash -c 'exec -a "$0" "$1" -c "$2"' \
  $'evil\nforged[1]: smc: summary: sockets 99' "$python" "$socket_probe"
expect_eq "$RC" 0 "status"
expect_no_match "$ERR" '^forged' "a forged line"
expect_match "$ERR" '^evil\\x0aforged\[1\]: smc: summary: so.*\[[0-9]+\]: smc: summary: sockets 1, ' "the escaped name"

long="$(printf 'x%.0s' $(seq 3000))"
run "$SMC_RUN" --summary bash -c 'exec -a "$0" "$1" -c "$2"' "$long" "$python" "$socket_probe"
expect_eq "$RC" 0 "status with a 3000-byte name"
expect_eq "$(wc -l <<<"$ERR")" 1 "lines"
expect_match "$ERR" '^x+\[[0-9]+\]: smc: summary: sockets 1, .*TCP 0$' "the summary of a program with a 3000-byte name"
