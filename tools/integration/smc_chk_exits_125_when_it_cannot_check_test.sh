#!/usr/bin/env bash
# When smc_chk itself cannot work - /proc not mounted, no file descriptor
# left - it says so in one line on stderr and exits 125, never 2: "SMC
# would not be used" is only said after checking.
source "$(dirname "$0")/lib.sh"
[[ "$(id -u)" == 0 ]] || fail "this test needs root (a mount namespace)"

run unshare --mount sh -c 'mount -t tmpfs -o size=4k empty /proc && exec "$@"' sh \
  "$SMC_RUN" --role smc_chk
expect_eq "$RC" 125 "status without /proc"
expect_eq "$OUT" "" "stdout without /proc"
expect_eq "$ERR" "smc_chk: Error: /proc is not mounted" "stderr without /proc"

run prlimit --nofile=3 "$SMC_RUN" --role smc_chk
expect_eq "$RC" 125 "status without descriptors"
expect_eq "$OUT" "" "stdout without descriptors"
expect_eq "$ERR" "smc_chk: Error: cannot read /proc/modules: Too many open files" \
  "stderr without descriptors"
