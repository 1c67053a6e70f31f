#!/usr/bin/env bash
# A musl program (Alpine containers) gets the same library as a glibc one:
# musl's loader takes its NEEDED libc.so.6 for itself. Sockets go through
# it, sizes apply, and a child exec'd with an empty environment after all
# descriptors were closed still gets it (and its settings).
source "$(dirname "$0")/lib.sh"
probe="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
expect_contains "$(readelf -l "$probe")" "ld-musl-x86_64.so.1" "the probe is a musl program"

run "$probe"
expect_eq "$OUT" $'parent 131072\nchild 131072' "without smc_run (this kernel's default)"
default_line="$OUT"

run "$SMC_RUN" -d -r 256k "$probe"
expect_eq "$RC" 0 "status under smc_run"
expect_eq "$OUT" $'parent 524288\nchild 524288' "SO_RCVBUF in the musl parent and its child"
expect_not_contains "$ERR" "Warning" "launcher warnings"
expect_no_loader_errors "$ERR" "stderr"
expect_contains "$ERR" "execve: the library's descriptor was closed or reused" "the child's mend"
[[ "$default_line" != "$OUT" ]] || fail "the size made no difference"
