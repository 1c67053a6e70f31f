#!/usr/bin/env bash
# socket() through the library leaves errno as the program set it when it
# succeeds, even after a failed AF_SMC attempt and a TCP fallback, and
# reports the kernel's own errno when it fails, exactly as without us.
source "$(dirname "$0")/lib.sh"
probe="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"

run "$probe"
expect_eq "$RC" 0 "probe status without the library"
without="$OUT"
expect_contains "$without" "tcp4-first made errno=4242" "probe sanity"

run "$SMC_RUN" "$probe"
expect_eq "$RC" 0 "probe status under smc_run"
expect_eq "$OUT" "$without" "socket results and errno under smc_run"

if ! kernel_has_smc; then
  run "$SMC_RUN" --strict "$probe"
  expect_contains "$OUT" "tcp4-first failed errno=97" "strict TCP socket (EAFNOSUPPORT)"
  expect_contains "$OUT" "udp4 made errno=4242" "strict UDP socket"
fi

# A call that is invalid anyway keeps its own errno under --strict too:
# EINVAL for type flags the kernel does not know, not SMC's EAFNOSUPPORT.
run "$SMC_RUN" --strict "$probe"
expect_contains "$OUT" "bad-type-flags failed errno=22" "strict socket with unknown type flags (EINVAL)"
