#!/usr/bin/env bash
# A size above net.core.rmem_max/wmem_max raises it (as root), so the
# kernel does not cap the buffer; a size below it never lowers it. The
# test puts the host's values back afterwards.
source "$(dirname "$0")/lib.sh"
[[ "$(id -u)" == 0 ]] || fail "this test needs root to write /proc/sys"

rmem_file=/proc/sys/net/core/rmem_max
wmem_file=/proc/sys/net/core/wmem_max
rmem_before="$(cat "$rmem_file")"
wmem_before="$(cat "$wmem_file")"
restore() {
  echo "$rmem_before" >"$rmem_file"
  echo "$wmem_before" >"$wmem_file"
  cleanup
}
trap restore EXIT

# Start from values just below what we will ask for.
echo 300000 >"$rmem_file"
echo 400000 >"$wmem_file"
probe='import socket; s = socket.socket(); print(s.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF), s.getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF))'
run "$SMC_RUN" -d -r 320000 -t 500000 python3 -c "$probe"
expect_eq "$RC" 0 "status"
expect_eq "$(cat "$rmem_file")" 320000 "rmem_max after -r 320000"
expect_eq "$(cat "$wmem_file")" 500000 "wmem_max after -t 500000"
expect_eq "$OUT" "640000 1000000" "SO_RCVBUF and SO_SNDBUF"
expect_contains "$ERR" "raised net.core.rmem_max from 300000 to 320000" "rmem diagnostic"
expect_contains "$ERR" "raised net.core.wmem_max from 400000 to 500000" "wmem diagnostic"

# Smaller sizes leave the sysctls alone.
run "$SMC_RUN" -d -r 8k -t 8k true
expect_eq "$(cat "$rmem_file")" 320000 "rmem_max after -r 8k"
expect_eq "$(cat "$wmem_file")" 500000 "wmem_max after -t 8k"
expect_contains "$ERR" "net.core.rmem_max is 320000, enough for 8192" "no-change diagnostic"
