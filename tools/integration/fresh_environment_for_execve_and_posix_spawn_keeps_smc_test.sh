#!/usr/bin/env bash
# A program that builds its children's environment from scratch, without
# LD_PRELOAD, for execve, execvpe or posix_spawn: the children get it back.
source "$(dirname "$0")/lib.sh"

run "$SMC_RUN" -d python3 -c "
import os, sys
child = [sys.executable, '-c', '$CHILD_SOCKET']
pid = os.posix_spawn(sys.executable, child, {'PATH': '/usr/bin:/bin'})
os.waitpid(pid, 0)
pid = os.fork()
if pid == 0:
    os.execve(sys.executable, child, {})
os.waitpid(pid, 0)
# libc's execvpe itself, as a C program calls it. (By full path: execvpe
# searches the caller's PATH, which on a developer's machine may find a
# python3 that cannot run in an empty environment.)
import ctypes
pid = os.fork()
if pid == 0:
    argv = (ctypes.c_char_p * 4)(b'python3', b'-c', b'$CHILD_SOCKET', None)
    envp = (ctypes.c_char_p * 2)(b'PATH=/usr/bin:/bin', None)
    ctypes.CDLL(None).execvpe(b'/usr/bin/python3', argv, envp)
    os._exit(127)
os.waitpid(pid, 0)
"
expect_eq "$RC" 0 "status"
expect_no_loader_errors "$ERR" "stderr"
expect_contains "$ERR" "posix_spawn: LD_PRELOAD and SMC settings restored" "posix_spawn diagnostic"
expect_contains "$ERR" "execve: LD_PRELOAD and SMC settings restored" "execve diagnostic"
expect_contains "$ERR" "execvpe: LD_PRELOAD and SMC settings restored" "execvpe diagnostic"
expect_eq "$(decided_pids "$ERR" | wc -l)" 3 "children whose socket went through the library"
