#!/usr/bin/env bash
# The part of tools/bench that needs real SMC, run in the SMC guest: the
# cost of a converted socket() against calling AF_SMC directly, the same
# socket made and handed over by the seccomp supervisor beside one loopback
# TCP connection, and the data path of one program as plain TCP, under
# smc_run and written against AF_SMC itself. Writes "key value" lines to
# ./guest.txt.
#   in_guest.sh SMC_RUN BENCH_DIR ROUNDS
# BENCH_DIR holds socket_bench, stream_bench and stats.sh.
set -euo pipefail
smc_run="$1" bin="$2" rounds="$3"
source "$bin/stats.sh"
out="$PWD/guest.txt"
: >"$out"

# ratios A B: per round, A's figure over B's; then "median min max".
ratios() {
  paste "$1" "$2" | awk '{print $1 / $2}' | median_and_range
}

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
serve tcp inet env
serve smc_run inet "$smc_run"
serve direct smc env
trap 'kill $(cat pid.*) 2>/dev/null || true' EXIT

configs=("tcp inet env" "smc_run inet $smc_run" "direct smc env")
# Each round starts with another configuration, so that whatever running
# first or last does to the emulated guest does not always hit the same one.
for round in $(seq "$rounds"); do
  for i in 0 1 2; do
    read -r name family wrapper <<<"${configs[$(((i + round) % 3))]}"
    port="$(cat "port.$name")"
    "$wrapper" "$bin/stream_bench" stream "$family" 127.0.0.1 "$port" 64 >>"$name.mbps"
    "$wrapper" "$bin/stream_bench" pingpong "$family" 127.0.0.1 "$port" 1000 >>"$name.rtt"
  done
done
for name in tcp smc_run direct; do
  echo "stream_${name}_mbps $(median <"$name.mbps")" >>"$out"
  echo "rtt_${name}_us $(median <"$name.rtt")" >>"$out"
done
echo "stream_ratio_direct $(ratios smc_run.mbps direct.mbps)" >>"$out"
echo "rtt_ratio_direct $(ratios smc_run.rtt direct.rtt)" >>"$out"
echo "stream_ratio_tcp $(ratios smc_run.mbps tcp.mbps)" >>"$out"
echo "rtt_ratio_tcp $(ratios smc_run.rtt tcp.rtt)" >>"$out"

# Which mode the connections really had: one held connection per
# configuration, asked of SMC_DIAG through smcss.
for config in "${configs[@]}"; do
  read -r name family wrapper <<<"$config"
  port="$(cat "port.$name")"
  # About 2 s of round trips in the emulated guest: smcss asks meanwhile.
  "$wrapper" "$bin/stream_bench" pingpong "$family" 127.0.0.1 "$port" 20000 >/dev/null &
  client=$!
  sleep 0.5
  mode="$("$smc_run" --role smcss | awk 'NR > 1 {print $NF}' | sort -u | tr '\n' ',')"
  wait "$client"
  mode="${mode%,}"
  echo "mode_$name ${mode:-none}" >>"$out"
done
