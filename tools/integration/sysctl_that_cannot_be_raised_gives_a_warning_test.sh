#!/usr/bin/env bash
# When net.core.rmem_max cannot be raised (read-only /proc/sys, or a network
# namespace where it is not writable), smc_run warns on stderr with what to
# do, and still runs PROGRAM.
source "$(dirname "$0")/lib.sh"
command -v unshare >/dev/null || fail "unshare (util-linux) is missing"

current="$(cat /proc/sys/net/core/rmem_max)"
wanted=$((current + 4096))
expected="smc_run: Warning: cannot raise net.core.rmem_max from $current to $wanted: "
advice="As root on the host, run: sysctl -w net.core.rmem_max=$wanted"

# A read-only bind mount of /proc/sys in a private mount namespace.
run unshare --mount sh -c '
  mount --bind -o ro /proc/sys /proc/sys || exit 99
  exec "$@"' sh "$SMC_RUN" -r "$wanted" sh -c 'echo ran'
expect_eq "$RC" 0 "status with read-only /proc/sys"
expect_eq "$OUT" "ran" "PROGRAM ran with read-only /proc/sys"
expect_contains "$ERR" "${expected}Read-only file system" "warning with read-only /proc/sys"
expect_contains "$ERR" "$advice" "advice with read-only /proc/sys"
expect_eq "$(cat /proc/sys/net/core/rmem_max)" "$current" "host rmem_max untouched"

# A fresh network namespace shows the value but refuses writes.
run unshare --net "$SMC_RUN" -r "$wanted" sh -c 'echo ran'
expect_eq "$RC" 0 "status in a network namespace"
expect_eq "$OUT" "ran" "PROGRAM ran in a network namespace"
expect_contains "$ERR" "$expected" "warning in a network namespace"
