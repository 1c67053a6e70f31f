# Helpers for the checks that run in the guests of other architectures
# than x86_64 (tools/testbed/run --arch arm64|s390x: checks in arch/ and in
# the folder of each architecture); sourced after lib.sh. Those guests
# cannot run the host's programs: the checks use the guest's own bash,
# python3 and busybox, and $GUEST_DIR/smc_echo, a dynamic C echo server and
# client of the guest's architecture (tools/probes/smc_echo.c) that make
# their SMC sockets themselves.

ECHO_BYTES=1048576
# What uname -m says on each test bed's architecture.
declare -A MACHINE_OF=([arm64]=aarch64 [s390x]=s390x)

# start_echo_server KIND ADDRESS: smc_echo serves one connection on ADDRESS
# with a socket of KIND (smc, ipproto-smc, tcp); sets SERVER_PID, PORT.
start_echo_server() {
  rm -f release server.out
  "$GUEST_DIR/smc_echo" serve "$1" "$2" >server.out 2>server.err &
  SERVER_PID=$!
  BACKGROUND_PIDS+=("$SERVER_PID")
  wait_for server.out '^port [0-9]+$'
  PORT="$(awk '/^port/ {print $2}' server.out)"
}

# start_echo_client KIND ADDRESS: smc_echo sends ECHO_BYTES to the server
# with a socket of KIND and checks the echo; returns once it has, with the
# connection still open (until release_echo); sets CLIENT_PID.
start_echo_client() {
  rm -f client.out
  "$GUEST_DIR/smc_echo" send "$1" "$2" "$PORT" "$ECHO_BYTES" >client.out 2>client.err &
  CLIENT_PID=$!
  BACKGROUND_PIDS+=("$CLIENT_PID")
  local i
  for ((i = 0; i < 600; i++)); do
    grep -q '^echoed ' client.out && return 0
    kill -0 "$CLIENT_PID" 2>/dev/null || break
    sleep 0.1
  done
  fail "the client did not echo its bytes: $(cat client.out client.err)"
}

# release_echo: both close; the bytes came back intact and the server
# served them all.
release_echo() {
  touch release
  wait "$CLIENT_PID" || fail "the client failed: $(cat client.err)"
  wait "$SERVER_PID" || fail "the server failed: $(cat server.err)"
  expect_eq "$(cat client.out)" "echoed $ECHO_BYTES bytes intact" "the client's words"
  expect_eq "$(tail -n 1 server.out)" "served $ECHO_BYTES bytes" "the server's words"
}

# expect_own_dynamic_program PID: the process runs a program of the guest's
# architecture, linked dynamically: the guest's ld.so and libc.so.6 are
# mapped into it.
expect_own_dynamic_program() {
  local maps
  maps="$(cat "/proc/$1/maps")"
  expect_eq "$(uname -m)" "${MACHINE_OF[$SMC_TESTBED_ARCH]}" "the guest's machine"
  expect_match "$maps" '/libc\.so\.6$' "libc.so.6 in process $1"
  expect_match "$maps" '/ld(64|-linux-aarch64)\.so\.1$' "the dynamic loader in process $1"
}
