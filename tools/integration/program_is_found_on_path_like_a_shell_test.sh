#!/usr/bin/env bash
# PROGRAM is looked up on PATH in order, like a shell, and a script without
# "#!" runs under /bin/sh.
source "$(dirname "$0")/lib.sh"

mkdir "$SCRATCH/first" "$SCRATCH/second"
printf '#!/bin/sh\necho second "$@"\n' >"$SCRATCH/second/tool"
printf 'echo first-no-shebang "$@"\n' >"$SCRATCH/first/tool"
chmod 755 "$SCRATCH/second/tool"
chmod 644 "$SCRATCH/first/tool"

run env PATH="$SCRATCH/first:$SCRATCH/second:/usr/bin:/bin" "$SMC_RUN" tool x
expect_eq "$OUT" "second x" "non-executable file skipped"

chmod 755 "$SCRATCH/first/tool"
run env PATH="$SCRATCH/first:$SCRATCH/second:/usr/bin:/bin" "$SMC_RUN" tool y
expect_eq "$RC" 0 "status of a script without #!"
expect_eq "$OUT" "first-no-shebang y" "first match, run by /bin/sh"

cd "$SCRATCH/first"
run env PATH="/usr/bin:/bin" "$SMC_RUN" ./tool z
expect_eq "$OUT" "first-no-shebang z" "relative path"
