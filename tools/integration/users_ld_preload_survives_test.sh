#!/usr/bin/env bash
# The user's own LD_PRELOAD entries stay, in order, and are loaded next to
# ours; no stray separators are added.
source "$(dirname "$0")/lib.sh"
marker="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"

show='import os, socket; socket.socket(); print(os.environ["LD_PRELOAD"])'
run env LD_PRELOAD="$marker" "$SMC_RUN" -d python3 -c "$show"
expect_eq "$RC" 0 "exit status"
expect_match "$OUT" "^$marker:/proc/self/fd/[0-9]+\$" "LD_PRELOAD seen by the program"
expect_contains "$ERR" "marker-preload: loaded" "user's library loaded"
expect_match "$ERR" "python3\[[0-9]+\]: smc: socket\(AF_INET" "our library loaded"
expect_not_contains "$ERR" "cannot be preloaded" "loader errors"

# Space-separated and padded lists are kept entry by entry.
run env LD_PRELOAD=" $marker  $marker: " "$SMC_RUN" python3 -c "$show"
expect_match "$OUT" "^$marker:$marker:/proc/self/fd/[0-9]+\$" "normalised list"
