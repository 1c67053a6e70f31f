#!/usr/bin/env bash
# Where registering PROGRAM's tree with the BPF hook fails at launch, after
# the probe found the hook able to serve, smc_run chooses again as where the
# hook is missing: under auto as root one warning names what failed and the
# library, with the seccomp supervisor as a net, serves PROGRAM; under
# --mechanism bpf the same line and the same mechanisms; with --strict,
# bpf exits 125 with that line and PROGRAM does not run, while auto, whose
# library still serves PROGRAM, runs it. Nothing is left behind.
# To get past the probe on this host (no SMC), with_ipproto_smc makes
# IPPROTO_SMC sockets (TCP ones); a state folder without its maps in the
# test's own bpffs makes registration fail, as the probe does not open it.
# with_ipproto_smc's listener makes the supervisor's own refused (EBUSY):
# said under -d, and the library serves.
source "$(dirname "$0")/lib.sh"
# Absolute: in_bpffs enters another mount namespace.
with_smc="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
[[ "$(id -u)" == 0 ]] || fail "this test needs root (mount namespaces, bpffs, seccomp listeners)"
with_bpffs
in_bpffs mkdir /sys/fs/bpf/smc_run
broken="the BPF state in '/sys/fs/bpf/smc_run' is incomplete (maps missing); remove it with smc_scope clear"
line="smc_run: Warning: $broken: the BPF hook cannot serve /bin/sh; auto's mechanism does"
program=(/bin/sh -c 'echo "ran with $LD_PRELOAD"')

# auto as root: the hook was chosen, then the library and the net.
run in_bpffs "$with_smc" "$SMC_RUN" -d "${program[@]}"
expect_eq "$RC" 0 "auto: status"
expect_match "$OUT" "^ran with /proc/self/fd/[0-9]+$" "auto: PROGRAM ran with the library"
expect_eq "$(grep -c 'Warning' <<<"$ERR")" 1 "auto: one warning"
expect_contains "$ERR" "$line" "auto: the warning names what failed"
expect_contains "$ERR" "mechanism: the preload library, and the seccomp supervisor as a net under it" \
  "auto: -d names the mechanism without the hook"
expect_not_contains "$ERR" "BPF: tree scope" "auto: no tree scope"

# --mechanism bpf: the same line, the same mechanisms.
run in_bpffs "$with_smc" "$SMC_RUN" --mechanism bpf "${program[@]}"
expect_eq "$RC" 0 "bpf: status"
expect_match "$OUT" "^ran with /proc/self/fd/[0-9]+$" "bpf: PROGRAM ran with the library"
expect_eq "$ERR" "$line" "bpf: the one line"

# --strict: bpf refuses; auto's library serves, so auto runs PROGRAM.
run in_bpffs "$with_smc" "$SMC_RUN" --strict --mechanism bpf "${program[@]}"
expect_eq "$RC" 125 "bpf, --strict: status"
expect_eq "$OUT" "smc_run: Error: $broken; --strict refuses to run /bin/sh without the BPF hook" \
  "bpf, --strict: the error, and PROGRAM did not run"
run in_bpffs "$with_smc" "$SMC_RUN" --strict "${program[@]}"
expect_eq "$RC" 0 "auto, --strict: status"
expect_match "$OUT" "^ran with /proc/self/fd/[0-9]+$" "auto, --strict: PROGRAM ran with the library"
expect_eq "$ERR" "$line" "auto, --strict: the one line"

# The failed registrations changed nothing.
expect_eq "$(in_bpffs ls -A /sys/fs/bpf/smc_run)" "" "the state folder after the launches"
