#!/usr/bin/env bash
# --install-links makes smcss, smcd, smcr, smc_chk and smc_scope links to the file, beside
# it by default or in a given folder, and exits 0; the links then run those
# roles. Running it again is harmless; a foreign file is never replaced.
source "$(dirname "$0")/lib.sh"
mkdir "$SCRATCH/opt" "$SCRATCH/bin"
cp "$SMC_RUN" "$SCRATCH/opt/smc_run"

run "$SCRATCH/opt/smc_run" --install-links
expect_eq "$RC" 0 "status beside the file"
for role in smcss smcd smcr smc_chk smc_scope; do
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
run env PATH="$SCRATCH/bin:$PATH" smc_scope -v
expect_match "$OUT" "^smc_scope " "the smc_scope role answers"

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

# Stopped half-way by a foreign file, it names the links it made.
mkdir "$SCRATCH/bin3" && echo "mine" >"$SCRATCH/bin3/smcd"
run "$SCRATCH/opt/smc_run" --install-links "$SCRATCH/bin3"
expect_eq "$RC" 125 "status with a foreign smcd"
expect_eq "$(wc -l <<<"$OUT")" 1 "lines of the error"
expect_contains "$OUT" "smcd' exists and is not a link" "message"
expect_contains "$OUT" "made before it: $SCRATCH/bin3/smcss" "the links made"

# From a file that was deleted while it ran (an upgrade replaced it),
# links would dangle or lead to whatever takes its name: refused.
mkdir "$SCRATCH/old" "$SCRATCH/bin4"
cp "$SMC_RUN" "$SCRATCH/old/smc_run"
echo "decoy" >"$SCRATCH/old/smc_run (deleted)"
run bash -c 'exec 7<"$1"; rm "$1"; exec -a smc_run /proc/self/fd/7 --install-links "$2"' \
  sh "$SCRATCH/old/smc_run" "$SCRATCH/bin4"
expect_eq "$RC" 125 "status from a deleted file"
expect_eq "$(wc -l <<<"$OUT")" 1 "lines of the error"
expect_contains "$OUT" "was deleted" "message from a deleted file"
expect_eq "$(ls -A "$SCRATCH/bin4")" "" "links made from a deleted file"

# A folder it may not search is named with the reason, not called "not a
# folder".
[[ "$(id -u)" == 0 ]] || fail "this test needs root to run as another user"
mkdir -p "$SCRATCH/closed/inner" && chmod 700 "$SCRATCH/closed" && chmod 755 "$SCRATCH" "$SCRATCH/opt"
run setpriv --reuid=65534 --regid=65534 --clear-groups "$SCRATCH/opt/smc_run" --install-links "$SCRATCH/closed/inner"
expect_eq "$RC" 1 "status for a folder it may not search"
expect_eq "$OUT" "smc_run: Error: --install-links: cannot use the folder '$SCRATCH/closed/inner': Permission denied" \
  "message for a folder it may not search"
