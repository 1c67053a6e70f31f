#!/usr/bin/env bash
# --smc-run may name a file under the host's /tmp, which the guest's own
# tmpfs on /tmp hides: run hands the guest a copy, the UEID is added with
# it and the command runs.
source "$(dirname "$0")/test_lib.sh"
under_tmp="$(mktemp -d /tmp/testbed-smc-run.XXXXXX)"
trap 'rm -rf "$SCRATCH" "$under_tmp"' EXIT
cp -L "$1" "$under_tmp/smc_run"
GUEST=(--smc-run "$under_tmp/smc_run")
boot -q -- sh -c 'echo ran >>runs'
expect_eq "$RC" 0 "exit status"
expect_no_match "$ERR" 'adding UEID' "a failure to add the UEID"
expect_eq "$(cat "$WORK/runs" 2>/dev/null)" ran "runs of the command"
