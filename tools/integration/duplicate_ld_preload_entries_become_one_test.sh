#!/usr/bin/env bash
# An environment may hold LD_PRELOAD twice; glibc's loader uses the last.
# smc_run and the exec hooks hand the program (or child) one LD_PRELOAD:
# the entries of the last one with the library added, so the library is
# loaded and nothing else is.
source "$(dirname "$0")/lib.sh"
marker="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
# Prints this process's LD_PRELOAD entries, one per line, and whether the
# library is mapped.
report='import os
for e in open("/proc/self/environ", "rb").read().split(b"\0"):
    if e.startswith(b"LD_PRELOAD="): print(e.decode())
print("mapped" if "libsmc-preload.so" in open("/proc/self/maps").read() else "absent")'
# execve with the given environment, duplicates kept (os.execve takes a dict).
exec_with='import ctypes, os, sys
path, *args = sys.argv[1:sys.argv.index("--")]
env = sys.argv[sys.argv.index("--") + 1:]
arr = lambda items: (ctypes.c_char_p * (len(items) + 1))(*[i.encode() for i in items], None)
ctypes.CDLL(None).execve(path.encode(), arr([path] + args), arr(env))
sys.exit("execve failed")'

run python3 -c "$exec_with" "$SMC_RUN" "$(command -v python3)" -c "$report" -- \
  "PATH=$PATH" "LD_PRELOAD=/nonexistent/first.so" "LD_PRELOAD=$marker"
expect_eq "$RC" 0 "status under smc_run"
expect_match "$OUT" "^LD_PRELOAD=$marker:/proc/self/fd/[0-9]+"$'\n'"mapped$" "the program's LD_PRELOAD"
expect_no_loader_errors "$ERR" "stderr"

# A program under smc_run execs a child with two LD_PRELOAD entries, the
# last one empty: the loader alone would load nothing.
run "$SMC_RUN" python3 -c "$exec_with" "$(command -v python3)" -c "$report" -- \
  "PATH=$PATH" "LD_PRELOAD=/nonexistent/first.so" "LD_PRELOAD="
expect_eq "$RC" 0 "status of the child"
expect_match "$OUT" "^LD_PRELOAD=/proc/self/fd/[0-9]+"$'\n'"mapped$" "the child's LD_PRELOAD"
expect_no_loader_errors "$ERR" "the child's stderr"
