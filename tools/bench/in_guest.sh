#!/usr/bin/env bash
# The part of tools/bench that needs real SMC, run in the SMC guest: the
# cost of a converted socket() against calling AF_SMC directly, the same
# socket made and handed over by the seccomp supervisor beside one loopback
# TCP connection, the data path of one program as plain TCP, under the
# library, under the BPF hook and written against AF_SMC itself, and the
# launch with the BPF hook against the exec-only trampoline. Writes "key
# value" lines to ./guest.txt. The BPF hook's cost per socket() is
# in_icount.sh's, counted in instructions in a guest of its own.
#   in_guest.sh SMC_RUN BENCH_DIR ROUNDS
# BENCH_DIR holds socket_bench, stream_bench, spawn_bench, exec_only and
# stats.sh.
set -euo pipefail
smc_run="$1" bin="$2" rounds="$3"
source "$bin/stats.sh"
out="$PWD/guest.txt"
: >"$out"
# The programs run from the guest's tmpfs, as from a local disk: BENCH_DIR
# is 9p without a cache, where every start reads smc_run's 2 MB anew
# (smc_run -v took 1.2 s from there, 20 ms from tmpfs), which made each
# launch slow, the launch figures about 9p, and the modes' check below
# ask smcss before the client had started.
local_bin="$(mktemp -d)"
cp "$smc_run" "$bin"/{socket_bench,stream_bench,spawn_bench,exec_only} "$local_bin/"
smc_run="$local_bin/smc_run" bin="$local_bin"

# socket(): a TCP socket under smc_run becomes AF_SMC; the baseline asks for
# AF_SMC itself. Interleaved, so drift hits both alike.
# The supervisor (--mechanism seccomp) makes the SMC socket itself and
# hands it over (SECCOMP_IOCTL_NOTIF_ADDFD): what that adds to AF_SMC
# itself, per round, in loopback TCP connections (socket, connect, accept,
# close).
for _ in $(seq "$rounds"); do
  "$smc_run" --mechanism preload "$bin/socket_bench" tcp 11 500 >>converted.ns
  "$bin/socket_bench" smc 11 500 >>direct.ns
  "$smc_run" --mechanism seccomp "$bin/socket_bench" tcp 11 500 >>supervisor.ns
  "$bin/socket_bench" connect 11 100 >>connect.ns
done
echo "socket_converted_ns $(median <converted.ns)" >>"$out"
echo "socket_direct_smc_ns $(median <direct.ns)" >>"$out"
echo "socket_ratio $(ratios converted.ns direct.ns)" >>"$out"
echo "socket_supervisor_ns $(median <supervisor.ns)" >>"$out"
echo "guest_connect_ns $(median <connect.ns)" >>"$out"
echo "guest_supervisor_per_connect $(paste supervisor.ns direct.ns connect.ns |
  awk '{print ($1 - $2) / $3}' | median_and_range)" >>"$out"

# --- where the BPF hook lives ----------------------------------------------------
# bpffs and cgroup v2 where systemd would mount them (the test bed's init
# mounts neither), as the BPF guest checks do (tools/guest/bpf_lib.sh): the
# --mechanism bpf data path and launch below pin the hook's programs there
# and scope their trees; smc_scope clear starts them from no hook at all.
mountpoint -q /sys/fs/bpf || mount -t bpf bpf /sys/fs/bpf
[[ "$(stat -f -c %T /sys/fs/cgroup)" == cgroup2fs ]] || mount -t cgroup2 cgroup2 /sys/fs/cgroup
scope() { "$smc_run" --role smc_scope "$@"; }
scope clear >/dev/null

# What each launch below is served by, as smc_run -n says: --mechanism bpf
# falls back to auto's choice with a warning where the hook cannot serve,
# which would make its figures the library's.
mechanism() { "$smc_run" -n "$@" | sed -n 's/^mechanism: //p' | head -1; }
echo "mechanism_bpf $(mechanism --mechanism bpf /usr/bin/true)" >>"$out"
echo "mechanism_auto $(mechanism /usr/bin/true)" >>"$out"

# The data path: one server and its clients per configuration.
serve() {  # NAME FAMILY WRAPPER...
  local name="$1" family="$2"
  shift 2
  rm -f "port.$name"
  "$@" "$bin/stream_bench" serve "$family" 127.0.0.1 "port.$name" &
  echo $! >"pid.$name"
  for _ in $(seq 100); do [[ -s "port.$name" ]] && return 0; sleep 0.1; done
  echo "in_guest.sh: the $name server did not start" >&2
  exit 1
}
# "smc_run" is the library (named: as root with bpffs mounted, auto would
# take the BPF hook); "bpf" is the BPF hook alone (with nothing asked of
# the library, no -d or summary, smc_run gives none: core/launch/
# mechanism.h). The first
# --mechanism bpf server loads and pins the BPF programs.
configs=("tcp inet env" "smc_run inet $smc_run --mechanism preload"
  "direct smc env" "bpf inet $smc_run --mechanism bpf")
for config in "${configs[@]}"; do
  read -r name family rest <<<"$config"
  read -ra wrapper <<<"$rest"
  serve "$name" "$family" "${wrapper[@]}"
done
stop_servers() {
  local f
  for f in pid.*; do kill "$(cat "$f")" 2>/dev/null || true; done
}
trap stop_servers EXIT

# Each round starts with another configuration, so that whatever running
# first or last does to the emulated guest does not always hit the same one.
for round in $(seq "$rounds"); do
  for i in "${!configs[@]}"; do
    read -r name family rest <<<"${configs[$(((i + round) % ${#configs[@]}))]}"
    read -ra wrapper <<<"$rest"
    port="$(cat "port.$name")"
    "${wrapper[@]}" "$bin/stream_bench" stream "$family" 127.0.0.1 "$port" 64 >>"$name.mbps"
    "${wrapper[@]}" "$bin/stream_bench" pingpong "$family" 127.0.0.1 "$port" 1000 >>"$name.rtt"
  done
done
for name in tcp smc_run direct bpf; do
  echo "stream_${name}_mbps $(median <"$name.mbps")" >>"$out"
  echo "rtt_${name}_us $(median <"$name.rtt")" >>"$out"
done
echo "stream_ratio_direct $(ratios smc_run.mbps direct.mbps)" >>"$out"
echo "rtt_ratio_direct $(ratios smc_run.rtt direct.rtt)" >>"$out"
echo "stream_ratio_tcp $(ratios smc_run.mbps tcp.mbps)" >>"$out"
echo "rtt_ratio_tcp $(ratios smc_run.rtt tcp.rtt)" >>"$out"
echo "stream_ratio_bpf $(ratios bpf.mbps direct.mbps)" >>"$out"
echo "rtt_ratio_bpf $(ratios bpf.rtt direct.rtt)" >>"$out"

# Which mode the connections really had: one held connection per
# configuration, asked of SMC_DIAG through smcss.
for config in "${configs[@]}"; do
  read -r name family rest <<<"$config"
  read -ra wrapper <<<"$rest"
  port="$(cat "port.$name")"
  # About 2 s of round trips in the emulated guest: smcss asks meanwhile.
  "${wrapper[@]}" "$bin/stream_bench" pingpong "$family" 127.0.0.1 "$port" 20000 >/dev/null &
  client=$!
  sleep 0.5
  mode="$("$smc_run" --role smcss | awk 'NR > 1 {print $NF}' | sort -u | tr '\n' ',')"
  wait "$client"
  mode="${mode%,}"
  echo "mode_$name ${mode:-none}" >>"$out"
done
stop_servers
wait

# --- the launch --------------------------------------------------------------------
# smc_run true as root, where auto takes the BPF hook, and with --mechanism
# bpf, against the exec-only trampoline (the floor any exec-ing launcher
# pays) and a bare true, interleaved. The BPF programs are loaded and
# pinned once (the --mechanism bpf servers above did it; this launch makes
# sure): what is timed is a launch that only registers its tree scope.
# true, too, runs from the tmpfs, as from a local disk: smc_run reads
# PROGRAM's first page (core/launch/reach.cc), which on the 9p root is a
# round trip to the host per launch (1.5 to 3.5 ms in the emulated guest,
# measured) that no disk costs; its libraries load from the root for every
# variant alike. Each variant is spawned 40 times a round: a TCG guest's
# spawns vary by a fifth around their median.
cp /usr/bin/true "$bin/true"
"$smc_run" --mechanism bpf "$bin/true"
echo "bpf_pinned_before_launch $([[ -d /sys/fs/bpf/smc_run ]] && echo yes || echo no)" >>"$out"
"$bin/spawn_bench" "$((rounds * 40))" \
  true "$bin/true" -- \
  floor_true "$bin/exec_only" "$bin/true" -- \
  smc_run_true "$smc_run" "$bin/true" -- \
  smc_run_bpf_true "$smc_run" --mechanism bpf "$bin/true" >launch.txt
launch_results guest_launch launch.txt >>"$out"

# Nothing of the BPF hook outlives the bench.
scope clear >/dev/null
echo "bpf_cleared $([[ -e /sys/fs/bpf/smc_run ]] && echo no || echo yes)" >>"$out"
