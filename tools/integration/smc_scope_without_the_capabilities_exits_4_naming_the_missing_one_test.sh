#!/usr/bin/env bash
# smc_scope needs CAP_BPF and CAP_PERFMON, or CAP_SYS_ADMIN, in the initial
# user namespace: without them it exits 4 with one line naming what is
# missing; CAP_SYS_ADMIN alone is enough to get past this check.
source "$(dirname "$0")/lib.sh"
[[ "$(id -u)" == 0 ]] || fail "this test needs root (setpriv, user namespaces)"
scope() { "$SMC_RUN" --role smc_scope "$@"; }
need="loading BPF tracing programs needs CAP_BPF and CAP_PERFMON, or CAP_SYS_ADMIN (run it as root)"

# The capabilities a root process keeps when its bounding set is cut to
# them (setpriv(1)); or none at all, as another user.
for row in "nobody:CAP_BPF and CAP_PERFMON" "+bpf:CAP_PERFMON" "+perfmon:CAP_BPF" \
  "+net_admin,+sys_ptrace:CAP_BPF and CAP_PERFMON"; do
  caps="${row%%:*}"
  missing="${row#*:}"
  for command in list "add tree $$" clear; do
    if [[ "$caps" == nobody ]]; then
      # shellcheck disable=SC2086
      run setpriv --reuid=65534 --regid=65534 --clear-groups "$SMC_RUN" --role smc_scope $command
    else
      # shellcheck disable=SC2086
      run setpriv --bounding-set="-all,$caps" "$SMC_RUN" --role smc_scope $command
    fi
    expect_eq "$RC" 4 "$command with $caps: status"
    expect_eq "$ERR" "smc_scope: Error: missing $missing: $need" "$command with $caps: stderr"
  done
done

# CAP_SYS_ADMIN stands in for both: the next check (bpffs, here a tmpfs) answers.
run setpriv --bounding-set=-all,+sys_admin unshare -m --propagation private \
  sh -c 'mount -t tmpfs none /sys/fs/bpf && exec "$@"' sh "$SMC_RUN" --role smc_scope list
expect_eq "$RC" 3 "list with CAP_SYS_ADMIN alone: status"
expect_contains "$ERR" "no BPF file system" "list with CAP_SYS_ADMIN alone: stderr"

# Root of a user namespace of its own has its capabilities there only.
run unshare -U -r "$SMC_RUN" --role smc_scope list
expect_eq "$RC" 4 "list in a user namespace: status"
expect_eq "$ERR" "smc_scope: Error: smc_scope runs in a user namespace of its own: the kernel takes CAP_BPF, CAP_PERFMON and CAP_SYS_ADMIN for BPF tracing programs only in the initial one" \
  "list in a user namespace: stderr"
