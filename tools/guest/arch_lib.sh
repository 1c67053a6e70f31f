# Helpers for the checks that run in the guests of other architectures
# than x86_64 (tools/testbed/run --arch arm64|s390x: checks in arch/ and in
# the folder of each architecture); sourced after lib.sh. Those guests
# cannot run the host's programs: the checks use the guest's own bash,
# python3 and busybox, and programs of the guest's architecture that
# suite_test.sh put in $GUEST_DIR: smc_run, go_probe, and smc_echo, a C
# echo server and client (tools/probes/smc_echo.c) that make AF_SMC,
# IPPROTO_SMC or plain TCP sockets, linked dynamically (smc_echo) and
# statically with glibc (smc_echo_static).

ECHO_BYTES=1048576
ECHO=smc_echo # or smc_echo_static
# What uname -m says on each test bed's architecture.
declare -A MACHINE_OF=([arm64]=aarch64 [s390x]=s390x)

# start_echo_server KIND ADDRESS [LAUNCHER...]: $ECHO serves one connection
# on ADDRESS with a socket of KIND (smc, ipproto-smc, tcp), under LAUNCHER
# (e.g. "$SMC_RUN" -d) when given; sets SERVER_PID, PORT.
start_echo_server() {
  local kind="$1" address="$2"
  shift 2
  rm -f release server.out
  "$@" "$GUEST_DIR/$ECHO" serve "$kind" "$address" >server.out 2>server.err &
  SERVER_PID=$!
  BACKGROUND_PIDS+=("$SERVER_PID")
  wait_for server.out '^port [0-9]+$'
  PORT="$(awk '/^port/ {print $2}' server.out)"
}

# start_echo_client KIND ADDRESS [LAUNCHER...]: $ECHO sends ECHO_BYTES to
# the server with a socket of KIND and checks the echo; returns once it
# has, with the connection still open (until release_echo); sets
# CLIENT_PID.
start_echo_client() {
  local kind="$1" address="$2"
  shift 2
  rm -f client.out
  "$@" "$GUEST_DIR/$ECHO" send "$kind" "$address" "$PORT" "$ECHO_BYTES" >client.out 2>client.err &
  CLIENT_PID=$!
  BACKGROUND_PIDS+=("$CLIENT_PID")
  local i
  for ((i = 0; i < 600; i++)); do
    grep -q '^echoed ' client.out && return 0
    kill -0 "$CLIENT_PID" 2>/dev/null || break
    nap
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

# expect_library_in PID: the preload library smc_run embeds is mapped into
# process PID, from its sealed memfd (base/preload_list.h's name).
expect_library_in() {
  expect_match "$(cat "/proc/$1/maps")" '/memfd:libsmc-preload\.so' "the library in process $1"
}

# expect_static_program PID: process PID runs a static program of the
# guest's architecture: no dynamic loader, no libc.so.6, no library of ours.
expect_static_program() {
  local maps
  maps="$(cat "/proc/$1/maps")"
  expect_eq "$(uname -m)" "${MACHINE_OF[$SMC_TESTBED_ARCH]}" "the guest's machine"
  expect_no_match "$maps" '(/libc\.so\.6|/ld(64|-linux-aarch64)\.so\.1|libsmc-preload)' \
    "shared objects in process $1"
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
