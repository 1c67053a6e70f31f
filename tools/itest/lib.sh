# Shared by the integration tests: sourced, never run. Each test gets the
# built executable as $1 and a fresh scratch folder in $SCRATCH.
set -euo pipefail

SMC_RUN="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
shift
SCRATCH="$(mktemp -d "${TEST_TMPDIR:-/tmp}/itest.XXXXXX")"
BACKGROUND_PIDS=()

cleanup() {
  local pid
  for pid in "${BACKGROUND_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$SCRATCH"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

expect_eq() {  # ACTUAL EXPECTED WHAT
  [[ "$1" == "$2" ]] || fail "$3: expected [$2], got [$1]"
}

expect_contains() {  # TEXT NEEDLE WHAT
  [[ "$1" == *"$2"* ]] || fail "$3: [$2] not found in: $1"
}

expect_not_contains() {  # TEXT NEEDLE WHAT
  [[ "$1" != *"$2"* ]] || fail "$3: [$2] unexpectedly found in: $1"
}

expect_match() {  # TEXT EXTENDED-REGEX WHAT
  grep -qE -- "$2" <<<"$1" || fail "$3: /$2/ matches nothing in: $1"
}

# run CMD... : sets OUT, ERR and RC without stopping the test on failure.
run() {
  local rc=0
  "$@" >"$SCRATCH/.out" 2>"$SCRATCH/.err" || rc=$?
  OUT="$(cat "$SCRATCH/.out")"
  ERR="$(cat "$SCRATCH/.err")"
  RC=$rc
}

# Whether this kernel can make SMC sockets: decides what the library's
# diagnostics must say, never whether a check runs.
kernel_has_smc() {
  python3 -c 'import socket; socket.socket(43, socket.SOCK_STREAM, 0)' \
    2>/dev/null
}

# The line the library prints for a converted TCP socket on this kernel.
converted_as() {
  if kernel_has_smc; then echo "-> AF_SMC"; else echo "-> TCP"; fi
}

# wait_for FILE REGEX: until a line of FILE matches (10 s at most).
wait_for() {
  local i
  for i in $(seq 100); do
    grep -qE -- "$2" "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  fail "timed out waiting for /$2/ in $1: $(cat "$1" 2>/dev/null)"
}
