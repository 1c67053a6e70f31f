#!/usr/bin/env bash
# A program that marks every descriptor close-on-exec before it starts a
# child (GLib's g_spawn does close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);
# others set FD_CLOEXEC in a loop) still hands the child the library: the
# exec hooks check that its descriptor survives the exec, not only that it
# is still ours, and give the child one that does. No loader error.
source "$(dirname "$0")/lib.sh"
# The child says whether the library is mapped in it.
child='print("libsmc-preload.so" in open("/proc/self/maps").read())'

run "$SMC_RUN" python3 -c "
import ctypes, os, shlex, subprocess, sys
child = sys.argv[1]
libc = ctypes.CDLL(None, use_errno=True)
CLOSE_RANGE_CLOEXEC = 4  # include/uapi/linux/close_range.h
assert libc.syscall(436, 3, ctypes.c_uint(0xffffffff), CLOSE_RANGE_CLOEXEC) == 0  # close_range
sys.stdout.flush()
subprocess.run([sys.executable, '-c', child], close_fds=False)
os.system(sys.executable + ' -c ' + shlex.quote(child))
sys.stdout.flush()
pid = os.fork()
if pid == 0:
    os.execv(sys.executable, [sys.executable, '-c', child])
os.waitpid(pid, 0)
" "$child"
expect_eq "$RC" 0 "status after close_range"
expect_eq "$OUT" $'True\nTrue\nTrue' "children after close_range with CLOSE_RANGE_CLOEXEC"
expect_no_loader_errors "$ERR" "stderr after close_range"

run "$SMC_RUN" python3 -c "
import fcntl, os, sys
for fd in range(3, 1100):
    try:
        fcntl.fcntl(fd, fcntl.F_SETFD, fcntl.FD_CLOEXEC)
    except OSError:
        pass
os.execv(sys.executable, [sys.executable, '-c', sys.argv[1]])
" "$child"
expect_eq "$RC" 0 "status after FD_CLOEXEC in a loop"
expect_eq "$OUT" "True" "the child after FD_CLOEXEC in a loop"
expect_no_loader_errors "$ERR" "stderr after FD_CLOEXEC in a loop"
