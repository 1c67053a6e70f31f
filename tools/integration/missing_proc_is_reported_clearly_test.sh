#!/usr/bin/env bash
# Without /proc, PROGRAM could not open /proc/self/fd/N: smc_run says so in
# one line naming /proc and the way out, and exits 125 without running it.
source "$(dirname "$0")/lib.sh"
command -v unshare >/dev/null || fail "unshare (util-linux) is missing"

# An empty folder at /proc, as in a container that never mounted proc.
# (Covering it works even where the proc mount is locked, as in sandboxes.)
run unshare --mount sh -c '
  mount -t tmpfs -o size=4k empty /proc || exit 99
  exec "$@"' sh "$SMC_RUN" sh -c 'echo ran'
expect_eq "$RC" 125 "status without /proc"
expect_not_contains "$OUT" "ran" "PROGRAM output"
expect_match "$OUT" '^smc_run: Error: /proc is not mounted: .*mount -t proc proc /proc.*--write-lib' \
  "message without /proc"
expect_eq "$(wc -l <<<"$OUT")" 1 "lines of the message"
