#!/usr/bin/env bash
# Without /proc the supervisor cannot see which file a program has on its
# fd 2; it keeps its copy of stderr while PROGRAM lives rather than drop
# every -d and --summary line. Names it cannot read are "?".
source "$(dirname "$0")/lib.sh"
probe="$1"
command -v unshare >/dev/null || fail "unshare (util-linux) is missing"

# An empty folder at /proc, as in a container that never mounted proc.
run_until_served unshare --mount sh -c '
  mount -t tmpfs -o size=4k empty /proc || exit 99
  exec "$@"' sh "$SMC_RUN" -d --summary --mechanism seccomp "$probe" exit 0
expect_eq "$RC" 0 "status without /proc"
expect_match "$ERR" '\[[0-9]+\]: smc: seccomp: socket\(AF_INET, SOCK_STREAM' "the supervisor's -d line"
expect_match "$ERR" '\[[0-9]+\]: smc: summary: sockets 1,' "the supervisor's summary line"
