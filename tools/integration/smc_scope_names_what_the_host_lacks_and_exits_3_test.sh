#!/usr/bin/env bash
# smc_scope refuses, in one line naming the missing piece and with status 3,
# a host without bpffs on /sys/fs/bpf (every command that needs the state)
# and a kernel without IPPROTO_SMC (add: the hook has no TCP fallback); it
# checks the value first, and leaves nothing behind.
source "$(dirname "$0")/lib.sh"
# Absolute: in_bpffs enters another mount namespace, whose root is the cwd.
without_smc="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
[[ "$(id -u)" == 0 ]] || fail "this test needs root (mount namespaces, bpffs)"
sleep 600 &
target=$!
BACKGROUND_PIDS+=("$target")

bpffs_line="smc_scope: Error: no BPF file system is mounted at '/sys/fs/bpf' (mount -t bpf bpf /sys/fs/bpf)"
for command in "add tree $target" "del tree $target" list prune clear; do
  # shellcheck disable=SC2086 # the command's words
  run unshare -m --propagation private sh -c 'mount -t tmpfs none /sys/fs/bpf && exec "$@"' sh \
    "$SMC_RUN" --role smc_scope $command
  expect_eq "$RC" 3 "$command without bpffs: status"
  expect_eq "$ERR" "$bpffs_line" "$command without bpffs: stderr"
  expect_eq "$OUT" "" "$command without bpffs: stdout"
done

with_bpffs
run in_bpffs "$without_smc" "$SMC_RUN" --role smc_scope add tree "$target"
expect_eq "$RC" 3 "add without IPPROTO_SMC: status"
expect_eq "$(wc -l <<<"$ERR")" 1 "add without IPPROTO_SMC: lines"
expect_match "$ERR" "^smc_scope: Error: IPPROTO_SMC sockets cannot be made here: Protocol not supported .*no TCP fallback" \
  "add without IPPROTO_SMC: stderr"
# A fresh bpffs may hold the kernel's own maps.debug and progs.debug.
expect_eq "$(in_bpffs ls -A /sys/fs/bpf | grep -v '\.debug$')" "" "bpffs after the refusal"
