#!/usr/bin/env bash
# The BPF hook's cost per socket(), run in the SMC guest booted with
# --icount (tools/testbed/run): there the guest's clock counts the
# instructions its one CPU executes, one nanosecond each, so socket_bench's
# nanoseconds are instructions, the same from one run to the next up to the
# timer's interrupts. By TCG's wall clock the same figures ranged from 0.4x
# to 4x over rounds, which left a goal of 2 % unjudged; a few hundred
# instructions stand out here.
# The hook alone, without smc_run in the timed programs:
# - a TCP socket() of a process in a scope, which the hook makes an
#   IPPROTO_SMC one, against asking for IPPROTO_SMC itself with no hook;
# - a TCP socket() of a process outside every scope, while the hook is
#   attached for the scoped cgroup, against no hook at all: what every
#   other program on the host pays;
# - the same for a socket() the kernel refuses at once, which still runs
#   the hook and leaves it at its first test (not TCP): the price of the
#   hook's trampoline itself, the floor for any program on that hook.
# Writes "key value" lines to ./icount.txt.
#   in_icount.sh SMC_RUN BENCH_DIR ROUNDS
# BENCH_DIR holds socket_bench and stats.sh.
set -euo pipefail
smc_run="$1" bin="$2" rounds="$3"
# shellcheck source=stats.sh
source "$bin/stats.sh"
out="$PWD/icount.txt"
: >"$out"
# One CPU is what --icount boots; more would mean a guest without it,
# whose figures are nanoseconds, not instructions.
[[ "$(nproc)" == 1 ]] ||
  { echo "in_icount.sh: $(nproc) CPUs: run it in a guest booted with tools/testbed/run --icount" >&2; exit 1; }
# From the guest's tmpfs, as in in_guest.sh: over 9p every start of
# smc_run reads its 2 MB anew.
local_bin="$(mktemp -d)"
cp "$smc_run" "$bin/socket_bench" "$local_bin/"
smc_run="$local_bin/smc_run" bench="$local_bin/socket_bench"

# bpffs and cgroup v2 where systemd would mount them (the test bed's init
# mounts neither), as the BPF guest checks do (tools/guest/bpf_lib.sh).
mountpoint -q /sys/fs/bpf || mount -t bpf bpf /sys/fs/bpf
[[ "$(stat -f -c %T /sys/fs/cgroup)" == cgroup2fs ]] || mount -t cgroup2 cgroup2 /sys/fs/cgroup
scope() { "$smc_run" --role smc_scope "$@"; }
# in_cgroup FOLDER CMD...: CMD as a process of cgroup FOLDER.
in_cgroup() { sh -c 'echo $$ >"$0/cgroup.procs" && exec "$@"' "$@"; }
# A scoped cgroup, and one that no scope covers at a systemd service's
# depth (system.slice/NAME.service), where every other program's socket()
# walks its ancestors through the hook's cgroup lookup.
inside=/sys/fs/cgroup/bench-scope outside=/sys/fs/cgroup/bench.slice/other.service
mkdir -p "$inside" "$outside"
scope clear >/dev/null
# Each figure's per-round values, one file each, fresh.
figures=(bpf_scoped ipproto_smc outside_attached outside_none refused_attached refused_none)
for name in "${figures[@]}"; do : >"$name.in"; done

# measure CGROUP KIND FILE: socket_bench's instructions per socket()+close()
# of KIND in CGROUP, the median of 5 runs of 2000 calls, onto FILE.
measure() { in_cgroup "$1" "$bench" "$2" 5 2000 >>"$3"; }
# Each pair runs in one cgroup. Every round attaches and detaches the hook
# once (smc_scope clear detaches it); which half comes first alternates.
attached() {
  scope add cgroup "$inside" >/dev/null
  measure "$inside" tcp bpf_scoped.in
  measure "$outside" tcp outside_attached.in
  measure "$outside" refused refused_attached.in
}
detached() {
  scope clear >/dev/null
  measure "$inside" ipproto_smc ipproto_smc.in
  measure "$outside" tcp outside_none.in
  measure "$outside" refused refused_none.in
}
# What the kernel made of each, once: IPPROTO_SMC in the scope, TCP outside.
scope add cgroup "$inside" >/dev/null
echo "icount_scoped_socket $(in_cgroup "$inside" "$bench" tcp 0 0)" >>"$out"
echo "icount_outside_socket $(in_cgroup "$outside" "$bench" tcp 0 0)" >>"$out"
for round in $(seq "$rounds"); do
  if ((round % 2)); then attached; detached; else detached; attached; fi
done
scope clear >/dev/null

# The figures: instructions, medians over rounds; per-round ratios and
# differences as "median min max".
results() {
  local name
  for name in "${figures[@]}"; do
    echo "icount_$name $(median <"$name.in")"
  done
  echo "icount_bpf_socket_ratio $(ratios bpf_scoped.in ipproto_smc.in)"
  echo "icount_outside_ratio $(ratios outside_attached.in outside_none.in)"
  echo "icount_outside_added $(added outside_attached.in outside_none.in)"
  echo "icount_refused_added $(added refused_attached.in refused_none.in)"
  # The floor against the whole call it rides on: what the trampoline adds
  # to a refused socket(), over a TCP socket()+close() without the hook.
  echo "icount_refused_share $(paste refused_attached.in refused_none.in outside_none.in |
    awk '{print ($1 - $2) / $3}' | median_and_range)"
}
results >>"$out"
echo "icount_cleared $([[ -e /sys/fs/bpf/smc_run ]] && echo no || echo yes)" >>"$out"
