#!/usr/bin/env bash
# Every smcr and smcd command that asks the kernel, on a host whose kernel
# has no SMC (like this project's build hosts): one line on stderr naming
# what it could not read and why (no smc module), nothing on stdout, and
# status 125, never a crash or a half-written table. Where the kernel has
# SMC, the same commands succeed.
source "$(dirname "$0")/lib.sh"
no_smc="the kernel has no SMC generic netlink (smc module not loaded)"
# Asked once: each ask starts python3 (up to ~3 s on this 2-core machine
# when it is busy), and 22 asks took the test past its 60 s.
has_smc=0
if kernel_has_smc; then has_smc=1; fi

check() {  # ROLE WHAT-IT-READS ARGS...
  local role="$1" what="$2"
  shift 2
  run "$SMC_RUN" --role "$role" "$@"
  if ((has_smc)); then
    expect_eq "$RC" 0 "status of $role $* on a kernel with SMC"
    return
  fi
  expect_eq "$RC" 125 "status of $role $*"
  expect_eq "$OUT" "" "stdout of $role $*"
  expect_eq "$ERR" "$role: Error: cannot $what: $no_smc" "stderr of $role $*"
}

for role in smcr smcd; do
  check "$role" "read the SMC system info" info
  check "$role" "read the SMC system info" -j info show
  check "$role" "read the SMC statistics" stats
  check "$role" "read the SMC statistics" -d stats
  check "$role" "read the SMC statistics" -a stats json
  check "$role" "read the SMC statistics" stats -j
  check "$role" "read the SMC statistics" stats --prometheus
  check "$role" "read the SMC statistics" s reset
done
check smcr "list SMC-R devices" device
check smcr "list SMC-R devices" -d dev ibdev rxe0
check smcr "list SMC-R link groups" linkgroup
check smcr "list SMC-R link groups" -dd linkgroup link-show
check smcr "list SMC-R link groups" -j l
check smcd "list SMC-D devices" device
check smcd "list SMC-D link groups" linkgroup
check smcd "list SMC-D link groups" -d linkgroup 2d00
check smcd "read the SEID" seid

# A reset that could not read the counters leaves no snapshot behind.
if ((!has_smc)); then
  for role in smcr smcd; do
    [[ ! -e "/tmp/.smc_run-stats.$role.u$(id -u)" ]] || fail "a $role stats snapshot was written"
  done
fi
