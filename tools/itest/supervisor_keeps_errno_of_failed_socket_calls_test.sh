#!/usr/bin/env bash
# Through the seccomp supervisor, socket() succeeds and fails exactly as
# without smc_run, errno included: a protocol the kernel does not know, a
# bad flag, a bad family, and a TCP socket past RLIMIT_NOFILE (EMFILE).
# With --strict, a TCP socket fails where SMC is missing, with the errno
# the library would give (EAFNOSUPPORT), and a UDP socket still works.
source "$(dirname "$0")/lib.sh"
probe="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"

for mode in errno emfile; do
  run "$probe" "$mode"
  expect_eq "$RC" 0 "$mode status without smc_run"
  without="$OUT"
  run "$SMC_RUN" -d "$probe" "$mode"
  expect_eq "$RC" 0 "$mode status under smc_run"
  expect_eq "$OUT" "$without" "$mode results and errno under the supervisor"
  expect_contains "$ERR" "seccomp: socket(AF_INET, SOCK_STREAM" "$mode went through the supervisor"
done
expect_contains "$OUT" "failed errno=24" "EMFILE"

if ! kernel_has_smc; then
  run "$SMC_RUN" --strict "$probe" errno
  expect_contains "$OUT" "tcp4 failed errno=97" "strict TCP socket (EAFNOSUPPORT)"
  expect_contains "$OUT" "udp4 made errno=4242" "strict UDP socket"
  expect_contains "$OUT" "protocol-99 failed errno=93" "strict, a protocol the kernel lacks"
fi
