#!/usr/bin/env bash
# The part of tools/bench that needs two hosts, run on both guests of the
# test bed's pair (tools/testbed/run --pair): the data path of one program
# across the virtual link as plain TCP, under smc_run (SMC-R over rxe0) and
# written against AF_SMC itself. Guest A serves, guest B measures and
# writes "key value" lines to ./pair.txt (keys start with "pair_").
#   in_pair.sh SMC_RUN BENCH_DIR ROUNDS MEGABYTES ROUND_TRIPS
# BENCH_DIR holds stream_bench and stats.sh; the cwd is the shared work
# folder, where the guests tell each other "ready" (A's servers listen)
# and "done" (B has measured) by files.
set -euo pipefail
smc_run="$1" bin="$2" rounds="$3" megabytes="$4" round_trips="$5"
source "$bin/stats.sh"
side="${SMC_TESTBED_HOST:?not in a pair guest}"
# Guest A's address on the link: its own on A, its peer's on B.
server="$SMC_TESTBED_ADDR"
[[ "$side" == A ]] || server="$SMC_TESTBED_PEER"
configs=("tcp inet env" "smc_run inet $smc_run" "direct smc env")

# wait_for FILE: until the other guest makes it (600 s at most).
wait_for() {
  local i
  for ((i = 0; i < 6000; i++)); do
    [[ -e "$1" ]] && return 0
    sleep 0.1
  done
  echo "in_pair.sh: guest $side waited 600 s for '$1' in vain" >&2
  exit 1
}

if [[ "$side" == A ]]; then
  # One server per configuration, on A's address.
  for config in "${configs[@]}"; do
    read -r name family wrapper <<<"$config"
    rm -f "port.$name"
    "$wrapper" "$bin/stream_bench" serve "$family" "$server" "port.$name" &
    echo $! >"pid.$name"
  done
  trap 'kill $(cat pid.*) 2>/dev/null || true' EXIT
  for name in tcp smc_run direct; do
    for ((i = 0; i < 100; i++)); do [[ -s "port.$name" ]] && break; sleep 0.1; done
    [[ -s "port.$name" ]] || { echo "in_pair.sh: the $name server did not start" >&2; exit 1; }
  done
  : >ready
  wait_for done
  exit 0
fi

wait_for ready
trap ': >done' EXIT
out="$PWD/pair.txt"
: >"$out"
# Each round starts with another configuration, so that whatever running
# first or last does to the emulated guests does not always hit the same one.
for round in $(seq "$rounds"); do
  for i in 0 1 2; do
    read -r name family wrapper <<<"${configs[$(((i + round) % 3))]}"
    port="$(cat "port.$name")"
    "$wrapper" "$bin/stream_bench" stream "$family" "$server" "$port" "$megabytes" >>"$name.mbps"
    "$wrapper" "$bin/stream_bench" pingpong "$family" "$server" "$port" "$round_trips" >>"$name.rtt"
  done
done
for name in tcp smc_run direct; do
  echo "pair_stream_${name}_mbps $(median <"$name.mbps")" >>"$out"
  echo "pair_rtt_${name}_us $(median <"$name.rtt")" >>"$out"
done
echo "pair_stream_ratio_direct $(ratios smc_run.mbps direct.mbps)" >>"$out"
echo "pair_rtt_ratio_direct $(ratios smc_run.rtt direct.rtt)" >>"$out"
echo "pair_stream_ratio_tcp $(ratios smc_run.mbps tcp.mbps)" >>"$out"
echo "pair_rtt_ratio_tcp $(ratios smc_run.rtt tcp.rtt)" >>"$out"

# Which mode B's end of each configuration really had: one held connection
# per configuration, asked of SMC_DIAG through smcss (a plain TCP socket
# is no SMC socket, so smcss lists none for it).
for config in "${configs[@]}"; do
  read -r name family wrapper <<<"$config"
  port="$(cat "port.$name")"
  "$wrapper" "$bin/stream_bench" pingpong "$family" "$server" "$port" 100000 >/dev/null &
  client=$!
  sleep 1
  mode="$("$smc_run" --role smcss | awk 'NR > 1 {print $NF}' | sort -u | tr '\n' ',')"
  kill "$client" 2>/dev/null || true
  wait "$client" 2>/dev/null || true
  mode="${mode%,}"
  echo "pair_mode_$name ${mode:-none}" >>"$out"
done
