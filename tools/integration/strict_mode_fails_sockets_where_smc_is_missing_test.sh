#!/usr/bin/env bash
# --strict (or SMC_STRICT=1) turns the TCP fallback off: where the kernel
# has no SMC, socket() fails with the SMC error instead of making TCP.
source "$(dirname "$0")/lib.sh"

probe='
import socket
try:
    socket.socket()
    print("created")
except OSError as e:
    print("errno", e.errno)
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
print("udp ok")
'
expected_errno="$(python3 -c '
import socket
try:
    socket.socket(43, socket.SOCK_STREAM, 0); print("created")
except OSError as e:
    print("errno", e.errno)')"

run "$SMC_RUN" --strict python3 -c "$probe"
expect_eq "$RC" 0 "probe status with --strict"
expect_eq "$OUT" "$expected_errno"$'\n'"udp ok" "TCP socket with --strict"

run env SMC_STRICT=1 "$SMC_RUN" python3 -c "$probe"
expect_eq "$OUT" "$expected_errno"$'\n'"udp ok" "TCP socket with SMC_STRICT=1"

run "$SMC_RUN" python3 -c "$probe"
expect_eq "$OUT" $'created\nudp ok' "TCP socket without strict"

if ! kernel_has_smc; then
  run "$SMC_RUN" -d --strict python3 -c "$probe"
  expect_match "$ERR" 'socket\(AF_INET, SOCK_STREAM[^)]*\) -> IPPROTO_SMC failed: EPROTONOSUPPORT, AF_SMC failed: EAFNOSUPPORT \(strict: no TCP fallback\)' \
    "strict diagnostic"
fi
