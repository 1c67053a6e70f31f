# Shared by the integration tests: sourced, never run. Each test gets the
# built executable as $1 and a fresh scratch folder in $SCRATCH.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../support/expect.sh"

SMC_RUN="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
shift
SCRATCH="$(mktemp -d "${TEST_TMPDIR:-/tmp}/integration.XXXXXX")"
BACKGROUND_PIDS=()

cleanup() {
  local pid
  for pid in "${BACKGROUND_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$SCRATCH"
}
trap cleanup EXIT

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

# skip_unless_runs_32_bit_x86 PROGRAM: a kernel booted with
# ia32_emulation=off (or built with CONFIG_IA32_EMULATION_DEFAULT_DISABLED)
# execs no 32-bit x86 program (ENOEXEC); there the test is reported as
# skipped, never as passed, and ends. PROGRAM, run without arguments,
# prints its usage and exits.
skip_unless_runs_32_bit_x86() {
  local err
  err="$("$1" 2>&1 >/dev/null)" || true
  [[ "$err" == *"Exec format error"* ]] || return 0
  echo "this kernel runs no 32-bit x86 programs ($err): skipped, not run"
  echo "[cases] 0 passed | 0 failed | 1 skipped"
  exit 0
}

# The line the library prints for a converted TCP socket on this kernel.
converted_as() {
  if kernel_has_smc; then echo "-> AF_SMC"; else echo "-> TCP"; fi
}

# The pids of python3 processes whose TCP socket went through the library,
# one per line (from -d output).
decided_pids() {
  { grep -E '^python3\[[0-9]+\]: smc: socket\(AF_INET, SOCK_STREAM' <<<"$1" || true; } |
    sed -E 's/^python3\[([0-9]+)\].*/\1/' | sort -u
}

# No child was handed an LD_PRELOAD entry it could not load.
expect_no_loader_errors() {  # TEXT WHAT
  expect_not_contains "$1" "cannot be preloaded" "$2"
  expect_not_contains "$1" "ERROR: ld.so" "$2"
}

# A command for python3 children: make a TCP socket.
CHILD_SOCKET='import socket; socket.socket()'

# The pid of the seccomp supervisor that smc_run -d reported starting.
supervisor_pid() {  # STDERR
  sed -nE 's/^[^ ]*: seccomp supervisor ([0-9]+) serves .*/\1/p' <<<"$1" | head -1
}

# wait_gone PID: until the process is gone, or a zombie its new parent has
# not reaped yet (20 s at most): the supervisor ends on its own, a moment
# after the last process it serves.
wait_gone() {
  local i state
  for i in $(seq 200); do
    state="$(sed -E 's/.*\) (.).*/\1/' "/proc/$1/stat" 2>/dev/null || true)"
    [[ -z "$state" || "$state" == Z ]] && return 0
    sleep 0.1
  done
  fail "process $1 is still there: $(cat "/proc/$1/stat" 2>/dev/null)"
}

# run_until_served CMD...: run CMD (an smc_run -d), then wait until its
# supervisor has ended. The supervisor writes a process's summary when it
# sees the process end, and its end line once the filter has no user left,
# which is after the caller has reaped PROGRAM: reading at once would race.
run_until_served() {
  run "$@"
  local pid
  pid="$(supervisor_pid "$ERR")"
  [[ -n "$pid" ]] || fail "no supervisor pid in: $ERR"
  wait_gone "$pid"
  ERR="$(cat "$SCRATCH/.err")"
}

# The lines the supervisor wrote for program NAME: "NAME[pid]: smc: seccomp: ...".
seccomp_lines() {  # STDERR NAME
  { grep -E "^$2\[[0-9]+\]: smc: seccomp: " <<<"$1" || true; }
}

# with_bpffs: a mount namespace of the test's own, with a fresh bpffs on
# /sys/fs/bpf (the host's, if it has one, is never touched); in_bpffs
# CMD... runs CMD there. What smc_scope pins there goes with the test.
with_bpffs() {
  local i
  unshare -m --propagation private sh -c 'mount -t bpf bpf /sys/fs/bpf && exec sleep 600' &
  BPFFS_HOLDER=$!
  BACKGROUND_PIDS+=("$BPFFS_HOLDER")
  for i in $(seq 100); do
    grep -q ' /sys/fs/bpf bpf ' "/proc/$BPFFS_HOLDER/mounts" 2>/dev/null && return 0
    sleep 0.1
  done
  fail "no bpffs in the test's mount namespace"
}
in_bpffs() { nsenter -t "$BPFFS_HOLDER" -m "$@"; }
