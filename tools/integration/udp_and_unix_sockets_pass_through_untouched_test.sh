#!/usr/bin/env bash
# Sockets that are not TCP keep their family and type and get no buffer
# sizes: UDP, UNIX stream and datagram, and a stream socket of another
# protocol (MPTCP), which fails or works exactly as it does without us.
source "$(dirname "$0")/lib.sh"

probe='
import socket
for fam, typ, proto in ((socket.AF_INET, socket.SOCK_DGRAM, 0),
                        (socket.AF_INET6, socket.SOCK_DGRAM, 0),
                        (socket.AF_UNIX, socket.SOCK_STREAM, 0),
                        (socket.AF_UNIX, socket.SOCK_DGRAM, 0),
                        (socket.AF_INET, socket.SOCK_STREAM, 262)):
    try:
        s = socket.socket(fam, typ, proto)
    except OSError as e:
        print("errno", e.errno)
        continue
    print(s.getsockopt(socket.SOL_SOCKET, socket.SO_DOMAIN),
          s.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE),
          s.getsockopt(socket.SOL_SOCKET, socket.SO_PROTOCOL),
          s.getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF))
'
run python3 -c "$probe"
expected="$OUT"
run "$SMC_RUN" -d -t 1m python3 -c "$probe"
expect_eq "$RC" 0 "status"
expect_eq "$OUT" "$expected" "domain, type, protocol, SO_SNDBUF of non-TCP sockets"
unchanged="$(grep -cE 'socket\((AF_INET6?|AF_UNIX), SOCK_DGRAM[^)]*, 0\) = [0-9]+ unchanged$|socket\(AF_UNIX, SOCK_STREAM[^)]*, 0\) = [0-9]+ unchanged$' <<<"$ERR" || true)"
expect_eq "$unchanged" 4 "pass-through diagnostics"
expect_match "$ERR" 'socket\(AF_INET, SOCK_STREAM[^)]*, IPPROTO_MPTCP\) (= [0-9]+ unchanged|failed: E[A-Z]+)$' \
  "MPTCP diagnostic"
