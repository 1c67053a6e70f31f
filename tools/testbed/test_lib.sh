# Shared by the test bed's own tests: sourced, never run. Each test gets
# the smc_run executable (whose smcd role adds the UEID at boot) as $1 and
# tools/testbed/run as $2, and a scratch folder the guests can see. With an
# architecture as $3 (arm64, s390x), it boots that architecture's guest,
# and $1 is '' (the guest's EID is then the test bed's own business).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../support/expect.sh"

if [[ "${SMC_RUN_SKIP_GUEST:-}" == 1 ]]; then
  echo "SMC_RUN_SKIP_GUEST=1: this test boots the test bed and is skipped, not run"
  echo "[cases] 0 passed | 0 failed | 1 skipped"
  exit 0
fi
RUN="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
# The guests have their own /tmp; run mounts the work folder at its own
# path and hands the guest a copy of smc_run, wherever they lie.
SCRATCH="$(mktemp -d "${TEST_TMPDIR:-$HOME}/testbed-test.XXXXXX")"
trap 'rm -rf "$SCRATCH"' EXIT
GUEST=(--smc-run "$SCRATCH/smc_run")
if [[ -n "${3:-}" ]]; then GUEST=(--arch "$3"); else cp -L "$1" "$SCRATCH/smc_run"; fi
WORK="$SCRATCH/work"
mkdir "$WORK"

# boot [RUN-OPTIONS...]: tools/testbed/run with this test's smc_run (or
# architecture) and work folder; sets OUT, ERR (its stdout and stderr) and
# RC.
boot() {
  RC=0
  "$RUN" "${GUEST[@]}" --work "$WORK" --timeout 300 "$@" \
    >"$SCRATCH/out" 2>"$SCRATCH/err" || RC=$?
  OUT="$(cat "$SCRATCH/out")"
  ERR="$(cat "$SCRATCH/err")"
  echo "--- run $* exited $RC; stdout:"; echo "$OUT"; echo "--- stderr:"; echo "$ERR"
}

# count_lines TEXT REGEX: how many lines of TEXT match.
count_lines() { grep -cE -- "$2" <<<"$1" || true; }
