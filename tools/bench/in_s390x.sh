#!/usr/bin/env bash
# The part of tools/bench that runs in the s390x test bed's guest
# (tools/testbed/run --arch s390x), where glibc and Go make every socket
# call through socketcall(2) (../shared/ARCH-FACTS.md): what the seccomp
# supervisor adds to one socketcall socket() it serves, beside one loopback
# TCP connection. The guest is emulated: only ratios within it mean
# anything. Writes "key value" lines to ./s390x.txt.
#   in_s390x.sh SMC_RUN BENCH_DIR ROUNDS
# BENCH_DIR holds socket_bench (built for s390x) and stats.sh; the guest's
# root has bash and busybox, no more.
set -euo pipefail
smc_run="$1" bin="$2" rounds="$3"
source "$bin/stats.sh"
out="$PWD/s390x.txt"
: >"$out"

# What the supervisor handed over for a TCP socketcall socket(): an SMC
# socket (IPPROTO_SMC, or AF_SMC on kernels before 6.11) when it really
# served the call, TCP when it let it run.
echo "s390x_supervised_socket $("$smc_run" --mechanism seccomp "$bin/socket_bench" tcp_socketcall 0 0)" >>"$out"
# Whether the supervisor's sockets connect over SMC-D here: the kernel's
# SMC-D client handshakes (smcd's Prometheus text, since the module's
# load) across a few loopback connections of a supervised socket_bench,
# both of whose ends the supervisor makes. The s390x guest suite proves
# it through its own oracle; this only tells the bench's run.
smcd_clients() {
  "$smc_run" --role smcd --prometheus stats |
    awk '/^smc_handshakes_total[{]mechanism="smcd",side="client"/ {n += $2} END {print n + 0}'
}
before="$(smcd_clients)"
"$smc_run" --mechanism seccomp "$bin/socket_bench" connect 1 5 >/dev/null
echo "s390x_supervised_connections $(($(smcd_clients) - before)) of 5 on SMC-D" >>"$out"

# Per round, the three in turn: the supervised TCP socketcall socket(),
# the SMC socket made directly through socketcall, and one whole loopback
# connection (socket_bench's connect: socket, connect, accept, close,
# through socketcall too, as glibc does here).
for _ in $(seq "$rounds"); do
  "$smc_run" --mechanism seccomp "$bin/socket_bench" tcp_socketcall 11 100 >>supervisor.ns
  "$bin/socket_bench" smc_socketcall 11 100 >>direct.ns
  "$bin/socket_bench" connect 11 30 >>connect.ns
done
echo "s390x_socket_supervisor_ns $(median <supervisor.ns)" >>"$out"
echo "s390x_socket_direct_smc_ns $(median <direct.ns)" >>"$out"
echo "s390x_connect_ns $(median <connect.ns)" >>"$out"
echo "s390x_supervisor_per_connect $(paste supervisor.ns direct.ns connect.ns |
  awk '{print ($1 - $2) / $3}' | median_and_range)" >>"$out"
