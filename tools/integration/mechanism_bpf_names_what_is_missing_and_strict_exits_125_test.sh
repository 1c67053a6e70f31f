#!/usr/bin/env bash
# smc_run --mechanism bpf on a host where the BPF hook cannot serve (this
# one has no SMC): one warning line names the missing piece (bpffs,
# IPPROTO_SMC, a capability) and PROGRAM runs under auto's mechanism;
# with --strict, smc_run exits 125 with that line instead and PROGRAM does
# not run. --include/--exclude with bpf are refused with status 1. auto as
# root says under -d why it does not use the hook, and runs PROGRAM.
source "$(dirname "$0")/lib.sh"
# Absolute: in_bpffs enters another mount namespace, whose root is the cwd.
without_smc="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
[[ "$(id -u)" == 0 ]] || fail "this test needs root (mount namespaces, bpffs, setpriv)"
no_bpffs() { unshare -m --propagation private sh -c 'mount -t tmpfs none /sys/fs/bpf && exec "$@"' sh "$@"; }
bpffs_missing="no BPF file system is mounted at '/sys/fs/bpf' (mount -t bpf bpf /sys/fs/bpf)"
smc_missing="IPPROTO_SMC sockets cannot be made here: Protocol not supported (no smc module, or a kernel before 6.11); the BPF program gives no TCP fallback, so scoped programs' TCP sockets would fail"
caps_missing="missing CAP_BPF and CAP_PERFMON: loading BPF tracing programs needs CAP_BPF and CAP_PERFMON, or CAP_SYS_ADMIN (run it as root)"

# Without bpffs.
run no_bpffs "$SMC_RUN" --mechanism bpf /bin/sh -c 'echo ran'
expect_eq "$RC" 0 "without bpffs: status"
expect_eq "$OUT" "ran" "without bpffs: PROGRAM ran"
expect_eq "$ERR" "smc_run: Warning: $bpffs_missing: the BPF hook cannot serve /bin/sh; auto's mechanism does" \
  "without bpffs: the one line"
run no_bpffs "$SMC_RUN" --strict --mechanism bpf /bin/sh -c 'echo ran'
expect_eq "$RC" 125 "without bpffs, --strict: status"
expect_eq "$OUT" "smc_run: Error: $bpffs_missing; --strict refuses to run /bin/sh without the BPF hook" \
  "without bpffs, --strict: the error, and PROGRAM did not run"

# With bpffs, without IPPROTO_SMC (made certain by without_smc).
with_bpffs
run in_bpffs "$without_smc" "$SMC_RUN" --mechanism bpf /bin/sh -c 'echo ran'
expect_eq "$RC" 0 "without IPPROTO_SMC: status"
expect_eq "$OUT" "ran" "without IPPROTO_SMC: PROGRAM ran"
expect_eq "$ERR" "smc_run: Warning: $smc_missing: the BPF hook cannot serve /bin/sh; auto's mechanism does" \
  "without IPPROTO_SMC: the one line"
run in_bpffs "$without_smc" "$SMC_RUN" --strict --mechanism bpf /bin/sh -c 'echo ran'
expect_eq "$RC" 125 "without IPPROTO_SMC, --strict: status"
expect_eq "$OUT" "smc_run: Error: $smc_missing; --strict refuses to run /bin/sh without the BPF hook" \
  "without IPPROTO_SMC, --strict: the error"
# Nothing was loaded or pinned by the refusals.
expect_eq "$(in_bpffs ls -A /sys/fs/bpf | grep -v '\.debug$' || true)" "" "bpffs after the refusals"

# Without the capabilities, another user: the first thing named.
run setpriv --reuid=65534 --regid=65534 --clear-groups "$SMC_RUN" --strict --mechanism bpf /bin/true
expect_eq "$RC" 125 "as nobody, --strict: status"
expect_eq "$OUT" "smc_run: Error: $caps_missing; --strict refuses to run /bin/true without the BPF hook" \
  "as nobody, --strict: the error"

# A connection filter cannot be carried out by the hook: refused, whatever the host.
for option in "--include=10.0.0.0/8" "--exclude=*:22"; do
  run "$SMC_RUN" --mechanism bpf "$option" true
  expect_eq "$RC" 1 "bpf with $option: status"
  expect_match "$OUT" "^smc_run: Error: --mechanism bpf cannot filter connections: .*--include and --exclude need --mechanism preload, seccomp or auto$" \
    "bpf with $option: the error"
done
run env SMC_MECHANISM=bpf SMC_EXCLUDE='*:22' "$SMC_RUN" true
expect_eq "$RC" 1 "SMC_MECHANISM=bpf with SMC_EXCLUDE: status"

# auto as root: the hook is asked for, and why it is not used said under -d.
run no_bpffs "$SMC_RUN" -d /bin/sh -c 'echo ran'
expect_eq "$RC" 0 "auto as root: status"
expect_eq "$OUT" "ran" "auto as root: PROGRAM ran"
expect_contains "$ERR" "mechanism: not the BPF hook: $bpffs_missing" "auto as root: -d says why not BPF"
expect_no_match "$ERR" "Warning" "auto as root: no warning"
