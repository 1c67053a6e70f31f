#!/usr/bin/env bash
# execveat(2), with a path, with a folder's descriptor and a name, and with
# AT_EMPTY_PATH on the program's own descriptor, hands children the library
# like the other exec calls: also after the program closed or reused its
# descriptor, or set close-on-exec on it.
source "$(dirname "$0")/lib.sh"
probe="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
mkdir "$SCRATCH/wrong"
cp "$2" "$SCRATCH/wrong/libsmc-preload.so"

run "$SMC_RUN" -d "$probe" run "$SCRATCH/wrong/libsmc-preload.so" \
  execveat_path execveat_dirfd execveat_empty_path
expect_eq "$RC" 0 "status"
expect_no_loader_errors "$ERR" "stderr"
expect_not_contains "$OUT" ": hung" "children"
expect_eq "$(grep -c ': smc$' <<<"$OUT")" 54 "children with the library mapped"
expect_match "$ERR" "smc: execveat: " "a -d line of the execveat hook"
