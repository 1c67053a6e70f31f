#!/usr/bin/env bash
# Used alone through LD_PRELOAD, the library never fails the program over a
# bad SMC_SNDBUF/SMC_RCVBUF: it ignores the value and, under SMC_DEBUG, says
# so; good values still apply.
source "$(dirname "$0")/lib.sh"

lib="$SCRATCH/libsmc-preload.so"
"$SMC_RUN" --write-lib "$lib"
probe='import socket; s = socket.socket(); print(s.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF), s.getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF))'
run python3 -c "$probe"
read -r _ default_sndbuf <<<"$OUT"

run env LD_PRELOAD="$lib" SMC_SNDBUF=1g SMC_RCVBUF=32k SMC_DEBUG=1 python3 -c "$probe"
expect_eq "$RC" 0 "status"
expect_eq "$OUT" "65536 $default_sndbuf" "SO_RCVBUF applied, SO_SNDBUF untouched"
expect_contains "$ERR" "smc: ignoring SMC_SNDBUF='1g': unknown suffix (use k or m)" \
  "diagnostic for the bad value"

run env LD_PRELOAD="$lib" SMC_SNDBUF=-3 SMC_RCVBUF= python3 -c "$probe"
expect_eq "$RC" 0 "status without SMC_DEBUG"
expect_eq "$ERR" "" "stderr without SMC_DEBUG"
