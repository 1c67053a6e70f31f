#!/usr/bin/env bash
# The library loaded as a plain file hands children the file it was loaded
# from, by an absolute path of any length: a relative LD_PRELOAD entry is
# not put back after the program changed folder (the child would load
# whatever file of that name is there), a path longer than 256 bytes is
# still handed on, and a file replaced after load is not handed on (the
# child gets a copy of the library that was loaded).
source "$(dirname "$0")/lib.sh"
marker="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
mkdir "$SCRATCH/lib" "$SCRATCH/other"
"$SMC_RUN" --write-lib "$SCRATCH/lib/libsmc-preload.so"
cp "$marker" "$SCRATCH/other/libsmc-preload.so"
# The child says what it was given and whether the library is mapped.
child='import os; print(os.environ.get("LD_PRELOAD")); print("libsmc-preload.so" in open("/proc/self/maps").read())'
exec_fresh="import os, sys; os.chdir(sys.argv[1]); os.execve(sys.executable, [sys.executable, '-c', '''$child'''], {})"

cd "$SCRATCH/lib"
run env LD_PRELOAD=./libsmc-preload.so python3 -c "$exec_fresh" "$SCRATCH/other"
expect_eq "$RC" 0 "status after chdir"
expect_not_contains "$ERR" "marker-preload: loaded" "the child loaded the other folder's file"
expect_eq "$OUT" "$SCRATCH/lib/libsmc-preload.so"$'\nTrue' "the child's entry after chdir"
cd "$SCRATCH"

long="$SCRATCH/$(printf 'd%.0s' $(seq 200))/$(printf 'e%.0s' $(seq 120))"
mkdir -p "$long"
cp "$SCRATCH/lib/libsmc-preload.so" "$long/"
run env LD_PRELOAD="$long/libsmc-preload.so" python3 -c "$exec_fresh" "$SCRATCH"
expect_eq "$RC" 0 "status with a long path"
expect_eq "$OUT" "$long/libsmc-preload.so"$'\nTrue' "the child's entry with a ${#long}-byte folder"

cp "$SCRATCH/lib/libsmc-preload.so" "$SCRATCH/replaced.so"
mkdir "$SCRATCH/r" && cp "$SCRATCH/replaced.so" "$SCRATCH/r/libsmc-preload.so"
run env LD_PRELOAD="$SCRATCH/r/libsmc-preload.so" python3 -c "
import os, shutil, sys
shutil.copy('$marker', '$SCRATCH/r/new.so')
os.rename('$SCRATCH/r/new.so', '$SCRATCH/r/libsmc-preload.so')
os.execve(sys.executable, [sys.executable, '-c', '''$child'''], {})"
expect_eq "$RC" 0 "status with the file replaced"
expect_not_contains "$ERR" "marker-preload: loaded" "the child loaded the file put in the library's place"
expect_match "$OUT" $'^/proc/self/fd/[0-9]+\nTrue$' "the child's entry once the file was replaced"
expect_no_loader_errors "$ERR" "stderr"
