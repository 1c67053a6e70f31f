#!/usr/bin/env bash
# --install-links makes smcss, smcd, smcr and smc_chk links to the file, beside
# it by default or in a given folder, and exits 0; the links then run those
# roles. Running it again is harmless; a foreign file is never replaced.
source "$(dirname "$0")/lib.sh"
mkdir "$SCRATCH/opt" "$SCRATCH/bin"
cp "$SMC_RUN" "$SCRATCH/opt/smc_run"

run "$SCRATCH/opt/smc_run" --install-links
expect_eq "$RC" 0 "status beside the file"
for role in smcss smcd smcr smc_chk; do
  expect_eq "$(readlink "$SCRATCH/opt/$role")" "smc_run" "link $role beside the file"
done
expect_contains "$OUT" "$SCRATCH/opt/smcss -> smc_run" "report"

run "$SCRATCH/opt/smc_run" --install-links "$SCRATCH/bin"
expect_eq "$RC" 0 "status in another folder"
expect_eq "$(readlink "$SCRATCH/bin/smcd")" "$SCRATCH/opt/smc_run" "link in another folder"
run env PATH="$SCRATCH/bin:$PATH" smcss -v
expect_eq "$RC" 0 "smcss through the link"
expect_match "$OUT" "^smcss " "the smcss role answers"
run env PATH="$SCRATCH/bin:$PATH" smcr -v
expect_match "$OUT" "^smcr " "the smcr role answers"

run "$SCRATCH/opt/smc_run" --install-links "$SCRATCH/bin"
expect_eq "$RC" 0 "status the second time"
expect_contains "$OUT" "already leads to" "second run"

echo "mine" >"$SCRATCH/bin2-smcss"
mkdir "$SCRATCH/bin2" && mv "$SCRATCH/bin2-smcss" "$SCRATCH/bin2/smcss"
run "$SCRATCH/opt/smc_run" --install-links "$SCRATCH/bin2"
expect_eq "$RC" 125 "status with a foreign file in the way"
expect_contains "$OUT" "smcss' exists and is not a link" "message"
expect_eq "$(cat "$SCRATCH/bin2/smcss")" "mine" "the foreign file"

run "$SCRATCH/opt/smc_run" --install-links "$SCRATCH/nowhere"
expect_eq "$RC" 1 "status for a missing folder"
