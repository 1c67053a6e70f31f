#!/usr/bin/env bash
# -r 256k makes a TCP socket's SO_RCVBUF 524288 (the kernel doubles it, see
# socket(7)) while a UDP socket keeps the default it has without smc_run.
source "$(dirname "$0")/lib.sh"

probe='
import socket
tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
tcp6 = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
get = lambda s: s.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF)
print(get(tcp), get(tcp6), get(udp))
'
run python3 -c "$probe"
expect_eq "$RC" 0 "probe without smc_run"
read -r _ _ udp_default <<<"$OUT"

run "$SMC_RUN" -r 256k python3 -c "$probe"
expect_eq "$RC" 0 "probe under smc_run"
expect_eq "$OUT" "524288 524288 $udp_default" "SO_RCVBUF of tcp, tcp6, udp"
