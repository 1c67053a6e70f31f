#!/usr/bin/env bash
# Run from a folder that was removed, a relative --summary-file cannot be
# made absolute (nor created): smc_run says so in one line and exits 1,
# never aborts. A relative --install-links DIR likewise; absolute paths
# still work from there.
source "$(dirname "$0")/lib.sh"
mkdir "$SCRATCH/gone"
cd "$SCRATCH/gone"
rmdir "$SCRATCH/gone"

run "$SMC_RUN" --summary-file s.json true
expect_eq "$RC" 1 "status for a relative --summary-file"
expect_eq "$ERR" "" "stderr for a relative --summary-file"
expect_eq "$(wc -l <<<"$OUT")" 1 "lines for a relative --summary-file"
expect_match "$OUT" "^smc_run: Error: .*'s\.json'.*current folder .*removed" \
  "error for a relative --summary-file"

run "$SMC_RUN" -n --summary-file s.json true
expect_eq "$RC" 1 "status for a relative --summary-file under -n"

run "$SMC_RUN" --install-links rel
expect_eq "$RC" 1 "status for a relative --install-links DIR"
expect_eq "$ERR" "" "stderr for a relative --install-links DIR"
expect_eq "$(wc -l <<<"$OUT")" 1 "lines for a relative --install-links DIR"
expect_match "$OUT" "^smc_run: Error: .*'rel'.*current folder .*removed" \
  "error for a relative --install-links DIR"

run "$SMC_RUN" --summary-file "$SCRATCH/summary.json" true
expect_eq "$RC" 0 "status for an absolute --summary-file"
[[ -f "$SCRATCH/summary.json" ]] || fail "the absolute --summary-file was not checked (created)"
