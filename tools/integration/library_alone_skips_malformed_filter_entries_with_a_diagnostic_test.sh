#!/usr/bin/env bash
# Used alone through LD_PRELOAD, the library never fails a program over a
# malformed SMC_INCLUDE/SMC_EXCLUDE entry: it skips the entry and, under
# SMC_DEBUG, names it; the valid entries still apply. An include list with
# no valid entry includes nothing.
source "$(dirname "$0")/lib.sh"

lib="$SCRATCH/libsmc-preload.so"
"$SMC_RUN" --write-lib "$lib"
probe='
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen()
c = socket.create_connection(s.getsockname())
print("unharmed")
'

run env LD_PRELOAD="$lib" SMC_DEBUG=1 SMC_EXCLUDE='10.0.0.0/33, 127.0.0.1, fd00::1,*:0' python3 -c "$probe"
expect_eq "$RC" 0 "status"
expect_eq "$OUT" "unharmed" "the program"
expect_contains "$ERR" "smc: libsmc-preload loaded, SMC_EXCLUDE 1 rule" "settings line"
expect_contains "$ERR" "smc: ignoring SMC_EXCLUDE entry '10.0.0.0/33': prefix length above 32 (IPv4) or 128 (IPv6)" \
  "first bad entry"
expect_contains "$ERR" "smc: ignoring SMC_EXCLUDE entry 'fd00::1': IPv6 addresses go in brackets" "second bad entry"
expect_contains "$ERR" "smc: ignoring SMC_EXCLUDE entry '*:0': a port must be a number from 1 to 65535" \
  "third bad entry"
expect_match "$ERR" "smc: connect\([0-9]+, 127\.0\.0\.1:[0-9]+\): excluded by SMC_EXCLUDE 127\.0\.0\.1 -> TCP" \
  "the valid entry applies"
expect_match "$ERR" "smc: listen\([0-9]+\) on 127\.0\.0\.1:[0-9]+: excluded by SMC_EXCLUDE 127\.0\.0\.1 -> TCP" \
  "the valid entry applies to the server"

run env LD_PRELOAD="$lib" SMC_DEBUG=1 SMC_INCLUDE='localhost' python3 -c "$probe"
expect_eq "$OUT" "unharmed" "the program with an invalid include list"
expect_contains "$ERR" "smc: ignoring SMC_INCLUDE entry 'localhost': not an IPv4 address" "bad include entry"
expect_contains "$ERR" "smc: SMC_INCLUDE has no valid entry: no connection uses SMC" "what that means"
expect_match "$ERR" "smc: connect\([0-9]+, 127\.0\.0\.1:[0-9]+\): not in SMC_INCLUDE -> TCP" "client decision"

many="$(seq -f '10.0.0.%g' 40 | paste -sd,)"
run env LD_PRELOAD="$lib" SMC_DEBUG=1 SMC_EXCLUDE="$many" python3 -c "$probe"
expect_eq "$OUT" "unharmed" "the program with 40 entries"
expect_contains "$ERR" "smc: libsmc-preload loaded, SMC_EXCLUDE 32 rules" "the first 32 kept"
expect_contains "$ERR" "smc: ignoring SMC_EXCLUDE entries past the first 32 (40 given)" "the rest named"

run env LD_PRELOAD="$lib" SMC_EXCLUDE='bogus,[' SMC_INCLUDE='x' python3 -c "$probe"
expect_eq "$RC" 0 "status without SMC_DEBUG"
expect_eq "$OUT" "unharmed" "the program without SMC_DEBUG"
expect_eq "$ERR" "" "stderr without SMC_DEBUG"
