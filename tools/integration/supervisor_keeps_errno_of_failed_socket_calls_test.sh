#!/usr/bin/env bash
# Through the seccomp supervisor, socket() succeeds and fails exactly as
# without smc_run, errno included: a protocol the kernel does not know, a
# bad flag, a bad family, and a TCP socket past RLIMIT_NOFILE (EMFILE).
# With --strict, a TCP socket fails where SMC is missing, with the errno
# the library would give (EAFNOSUPPORT), and a UDP socket still works.
# Each for a static glibc, a static musl and a Go program.
source "$(dirname "$0")/lib.sh"
for probe in "$@"; do
  probe="$(cd "$(dirname "$probe")" && pwd)/$(basename "$probe")"
  name="$(basename "$probe")"
  for mode in errno emfile; do
    run "$probe" "$mode"
    expect_eq "$RC" 0 "$mode status without smc_run ($name)"
    without="$OUT"
    run "$SMC_RUN" -d "$probe" "$mode"
    expect_eq "$RC" 0 "$mode status under smc_run ($name)"
    expect_eq "$OUT" "$without" "$mode results and errno under the supervisor ($name)"
    expect_contains "$(seccomp_lines "$ERR" "$name")" "seccomp: socket(AF_INET, SOCK_STREAM" \
      "$mode went through the supervisor ($name)"
  done
  expect_contains "$OUT" "failed errno=24" "EMFILE ($name)"

  if ! kernel_has_smc; then
    run "$SMC_RUN" --strict "$probe" errno
    expect_contains "$OUT" "tcp4 failed errno=97" "strict TCP socket, EAFNOSUPPORT ($name)"
    expect_contains "$OUT" "udp4 made" "strict UDP socket ($name)"
    expect_contains "$OUT" "protocol-99 failed errno=93" \
      "strict, a protocol the kernel lacks ($name)"
  fi
done
# The C probes preset errno: a successful call leaves it alone.
run "$SMC_RUN" --strict "$1" errno
expect_contains "$OUT" "udp4 made errno=4242" "strict UDP socket keeps errno"
