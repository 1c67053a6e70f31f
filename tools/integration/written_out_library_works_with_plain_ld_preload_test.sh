#!/usr/bin/env bash
# --write-lib PATH writes the embedded library; with plain LD_PRELOAD=PATH
# (no smc_run) it converts TCP sockets and applies SMC_RCVBUF.
source "$(dirname "$0")/lib.sh"

lib="$SCRATCH/libsmc-preload.so"
run "$SMC_RUN" --write-lib "$lib"
expect_eq "$RC" 0 "status of --write-lib"
expect_eq "$OUT$ERR" "" "output of --write-lib"
expect_eq "$(stat -c %a "$lib")" 644 "mode of the written library"
expect_match "$(readelf -h "$lib")" 'Type: +DYN' "ELF type"

probe='import socket; s = socket.socket(); print(s.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF))'
run env LD_PRELOAD="$lib" SMC_RCVBUF=64k SMC_DEBUG=1 python3 -c "$probe"
expect_eq "$RC" 0 "status under plain LD_PRELOAD"
expect_eq "$OUT" 131072 "SO_RCVBUF under plain LD_PRELOAD"
expect_match "$ERR" "python3\[[0-9]+\]: smc: socket\(AF_INET, SOCK_STREAM[^)]*\) = [0-9]+ $(converted_as), SO_RCVBUF 65536" \
  "socket decision under plain LD_PRELOAD"

# Writing again replaces the file in place of the old one.
run "$SMC_RUN" --write-lib "$lib"
expect_eq "$RC" 0 "status of a second --write-lib"
run "$SMC_RUN" --write-lib "$SCRATCH/no/such/dir/lib.so"
expect_eq "$RC" 125 "status when the folder is missing"
expect_contains "$OUT" "smc_run: Error: cannot write '$SCRATCH/no/such/dir/lib.so': No such file or directory" \
  "message when the folder is missing"
