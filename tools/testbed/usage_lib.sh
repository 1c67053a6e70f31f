# shellcheck shell=bash
# Shared by the test bed's tests of options that do not fit: sourced, never
# run. Each test gets tools/testbed/run as $1.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../support/expect.sh"
run="$1"

# try EXPECTED-LINE ARGS...: run exits 2 with that line on stderr.
try() {
  local want="$1" rc=0 err
  shift
  err="$("$run" "$@" 2>&1 >/dev/null)" || rc=$?
  expect_eq "$rc" 2 "exit status of run $*"
  expect_eq "$err" "tools/testbed/run: $want" "message of run $*"
}
