#!/usr/bin/env bash
# Stress: children started through every hooked call (the exec family,
# execveat, fexecve, posix_spawn, posix_spawnp, system, popen), after a
# program closed, reused, dup'ed a pipe onto or set close-on-exec on the
# library's descriptor number or the ones next to it, or with every kind of
# posix_spawn file action on those numbers. No child ever loads another
# file in its place, hangs in the loader or prints a loader error, and each
# has the library mapped (its own /proc/self/maps says so): on this host
# there is always a descriptor the spawn leaves alone.
source "$(dirname "$0")/lib.sh"
probe="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
mkdir "$SCRATCH/wrong"
cp "$2" "$SCRATCH/wrong/libsmc-preload.so"

run "$SMC_RUN" -d "$probe" run "$SCRATCH/wrong/libsmc-preload.so"
expect_eq "$RC" 0 "status"
expect_not_contains "$ERR" "marker-preload: loaded" "a child loaded another file as the library"
expect_no_loader_errors "$ERR" "stderr"
expect_not_contains "$OUT" ": hung" "children"
expect_not_contains "$OUT" ": status" "children"
# Every child has the library, but where the descriptor limit leaves no
# number above the ones "addclose of 3..1099" touches: those two children
# (posix_spawn, posix_spawnp) run without it, as -d says.
without="$(grep -v ': smc$' <<<"$OUT" || true)"
if (($(ulimit -Hn) > 1101)); then
  expect_eq "$without" "" "children without the library"
else
  expect_eq "$(grep -c ' addclose_all 3+: nosmc$' <<<"$without")" 2 "children without the library"
  expect_match "$ERR" "posix_spawn: cannot hand the library on: .*; the child runs without it" "-d line"
fi
expect_eq "$(wc -l <<<"$OUT")" 282 "children started"
