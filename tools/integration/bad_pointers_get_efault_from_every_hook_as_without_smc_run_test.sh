#!/usr/bin/env bash
# Every hooked call that reads a caller's pointer answers a bad one as libc
# does, with the kernel's EFAULT, and never crashes the program: connect()
# under a connection filter (an invalid address, a sockaddr straddling the
# end of a mapping), getsockopt() and accept() under -d, and the exec
# family and posix_spawn with an environment that is invalid, holds an
# invalid string or runs into an unreadable page.
source "$(dirname "$0")/lib.sh"
probe="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"

run "$probe"
expect_eq "$RC" 0 "probe status without smc_run"
without="$OUT"
expect_contains "$without" "connect-ipv4-straddling -1 errno=14" "probe sanity: EFAULT without smc_run"
expect_contains "$without" "execve-envp-straddling -1 errno=14" "probe sanity: exec's EFAULT"

for options in "--exclude 198.18.0.1" "--include 127.0.0.1" "-d --exclude 198.18.0.0/15" "-d" ""; do
  # shellcheck disable=SC2086  # the options are words
  run "$SMC_RUN" $options "$probe"
  expect_eq "$RC" 0 "probe status under smc_run $options (139 is a crash)"
  expect_eq "$OUT" "$without" "results and errno under smc_run $options"
done
