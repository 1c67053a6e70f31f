#!/usr/bin/env bash
# The supervisor keeps none of the launcher's descriptors (stderr only
# under -d): a pipeline reading the program's output ends when the
# program and its children close that output, even while a child that
# let go of it still runs, served by the supervisor.
source "$(dirname "$0")/lib.sh"
probe="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"

(
  "$SMC_RUN" sh -c "
    ( exec >/dev/null 2>&1
      while [ ! -e '$SCRATCH/go' ] && [ -d '$SCRATCH' ]; do sleep 0.05; done
      exec '$probe' exit 0 ) &
    echo started; exec '$probe' exit 0" | cat >"$SCRATCH/read"
  touch "$SCRATCH/done"
) 2>"$SCRATCH/err" &
BACKGROUND_PIDS+=($!)
# The reader sees the end of its input before the child is let go (30 s
# at most: a supervisor holding the pipe would keep it open until then).
for _ in $(seq 300); do
  [[ -e "$SCRATCH/done" ]] && break
  sleep 0.1
done
[[ -e "$SCRATCH/done" ]] || fail "the reader never saw the end of its input"
expect_eq "$(cat "$SCRATCH/read")" "started" "what the reader got"
[[ ! -e "$SCRATCH/go" ]] || fail "the child was let go too early"
pid="$(pgrep -n -x smc_run-seccomp || true)"
touch "$SCRATCH/go"
expect_eq "$(cat "$SCRATCH/err")" "" "stderr"
[[ -z "$pid" ]] || wait_gone "$pid"
