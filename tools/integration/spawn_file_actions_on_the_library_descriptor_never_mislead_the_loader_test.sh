#!/usr/bin/env bash
# posix_spawn and posix_spawnp with a file action on the library's
# descriptor number N (or next to it): addopen of a file named
# libsmc-preload.so onto N, adddup2 of a pipe onto N, addclose of N or of
# every descriptor, addclosefrom, addchdir, addfchdir. The child never
# loads that file, never blocks reading the pipe, prints no loader error,
# and still gets the library (a copy on a number the actions leave alone).
source "$(dirname "$0")/lib.sh"
probe="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
mkdir "$SCRATCH/wrong"
cp "$2" "$SCRATCH/wrong/libsmc-preload.so"

run "$SMC_RUN" -d "$probe" run "$SCRATCH/wrong/libsmc-preload.so" posix_spawn posix_spawnp
expect_eq "$RC" 0 "status"
expect_not_contains "$ERR" "marker-preload: loaded" "a child loaded the file opened on N"
expect_not_contains "$OUT" ": hung" "children"
expect_no_loader_errors "$ERR" "stderr"
expect_not_contains "$OUT" ": status" "children"
expect_eq "$(grep -c ': smc$' <<<"$OUT")" 48 "children with the library mapped"
