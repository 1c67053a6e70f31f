# 32-bit x86 programs under smc_run, one statically linked and one dynamic
# (its loader and libc.so.6 are Debian's i386 cross ones, which the test
# bed's / holds), whose glibc makes every socket call through
# socketcall(2), each fetch 1 MiB from a dynamic python3 server under
# smc_run, at the same time. The seccomp supervisor serves them (the
# 64-bit library cannot load into them): each connection is SMC-D on both
# sides, as SMC_DIAG reports by inode, and neither client holds plain TCP.
source "$GUEST_DIR/lib.sh"
start_server 127.0.0.1 "$SMC_RUN"
declare -A pids
for kind in static dynamic; do
  probe="$GUEST_DIR/seccomp_probe_i386"
  [[ "$kind" == dynamic ]] && probe+=_dynamic
  fetch_held "$kind" "$SMC_RUN" -d "$probe" get 127.0.0.1 "$PORT" /hold/data "$kind.got"
  pids[$kind]=$CLIENT_PID
done
seen="$(kernel_sockets "$SERVER_PID" "${pids[static]}" "${pids[dynamic]}")"
release_fetches
echo "$seen"
expect_eq "$(grep -cE "^$SERVER_PID [0-9]+ smc ACTIVE SMCD $NONE $NONE " <<<"$seen")" 2 \
  "the python3 server's two connections"
for kind in static dynamic; do
  pid="${pids[$kind]}"
  expect_match "$seen" "^$pid [0-9]+ smc ACTIVE SMCD $NONE $NONE " "the $kind 32-bit client's connection"
  expect_no_match "$seen" "^$pid [0-9]+ tcp " "plain TCP in the $kind 32-bit client"
  expect_contains "$(cat "$kind.err")" "is a 32-bit program for ELF machine 3" \
    "the mechanism's reason ($kind)"
done
