#!/usr/bin/env bash
# smc_run execs PROGRAM: same pid, no smc_run process left behind, so
# signals and exit statuses reach PROGRAM directly (container entrypoints).
source "$(dirname "$0")/lib.sh"

"$SMC_RUN" sh -c 'echo $$ > "$1"; exec sleep 30' sh "$SCRATCH/pid" &
launched=$!
BACKGROUND_PIDS+=("$launched")
wait_for "$SCRATCH/pid" '[0-9]'
expect_eq "$(cat "$SCRATCH/pid")" "$launched" "pid of PROGRAM"
for _ in $(seq 50); do
  [[ "$(cat "/proc/$launched/comm")" == sleep ]] && break
  sleep 0.1
done
expect_eq "$(cat "/proc/$launched/comm")" "sleep" "process behind the pid"
expect_eq "$(pgrep -P "$launched" || true)" "" "children of PROGRAM"
kill -TERM "$launched"
rc=0
wait "$launched" || rc=$?
expect_eq "$rc" 143 "status after SIGTERM to the pid smc_run was started as"
