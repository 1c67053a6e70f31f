#!/usr/bin/env bash
# A PROGRAM that exists but cannot run exits 126 with the reason, as in a
# shell: a folder, a file without execute permission, a missing interpreter.
source "$(dirname "$0")/lib.sh"

printf 'data\n' >"$SCRATCH/data"
chmod 644 "$SCRATCH/data"
printf '#!/nonexistent/interpreter\n' >"$SCRATCH/bad-interpreter"
chmod 755 "$SCRATCH/bad-interpreter"
mkdir "$SCRATCH/bin" && cp "$SCRATCH/data" "$SCRATCH/bin/notexec"

run "$SMC_RUN" "$SCRATCH"
expect_eq "$RC" 126 "status for a folder"
expect_eq "$OUT" "smc_run: Error: $SCRATCH: Is a directory" "message for a folder"

run "$SMC_RUN" "$SCRATCH/data"
expect_eq "$RC" 126 "status for a non-executable file"
expect_eq "$OUT" "smc_run: Error: $SCRATCH/data: Permission denied" \
  "message for a non-executable file"

run "$SMC_RUN" "$SCRATCH/bad-interpreter"
expect_eq "$RC" 126 "status for a missing interpreter"
expect_contains "$OUT" "interpreter" "message for a missing interpreter"

run env PATH="$SCRATCH/bin" "$SMC_RUN" notexec
expect_eq "$RC" 126 "status for a non-executable file on PATH"
expect_eq "$OUT" "smc_run: Error: $SCRATCH/bin/notexec: Permission denied" \
  "message for a non-executable file on PATH"
