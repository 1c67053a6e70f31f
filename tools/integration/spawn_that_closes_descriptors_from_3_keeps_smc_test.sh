#!/usr/bin/env bash
# posix_spawn with a "close every descriptor from 3 up" file action (glibc's
# posix_spawn_file_actions_addclosefrom_np): the action runs in the child,
# after our hooks, so the library must keep its own memfd out of it.
source "$(dirname "$0")/lib.sh"

run "$SMC_RUN" -d python3 -c "
import ctypes, os, sys
libc = ctypes.CDLL(None, use_errno=True)
actions = ctypes.create_string_buffer(256)  # posix_spawn_file_actions_t
assert libc.posix_spawn_file_actions_init(actions) == 0
assert libc.posix_spawn_file_actions_addclosefrom_np(actions, 3) == 0
# A descriptor of the program's own, which the action must still close.
keep_r, keep_w = os.pipe()
os.set_inheritable(keep_w, True)
argv = (ctypes.c_char_p * 4)(b'python3', b'-c', b'''
import os, socket
socket.socket()
print('child fds', sorted(int(f) for f in os.listdir('/proc/self/fd')))
''', None)
envp = (ctypes.c_char_p * (len(os.environ) + 1))(
    *[f'{k}={v}'.encode() for k, v in os.environ.items()], None)
pid = ctypes.c_int()
assert libc.posix_spawn(ctypes.byref(pid), sys.executable.encode(), actions,
                        None, argv, envp) == 0
os.waitpid(pid.value, 0)
print('write end', keep_w)
"
expect_eq "$RC" 0 "status"
expect_no_loader_errors "$ERR" "stderr"
expect_eq "$(decided_pids "$ERR" | wc -l)" 1 "children whose socket went through the library"
# The child still has the program's descriptors below 3 and our memfd, and
# not the pipe the action had to close.
write_end="$(sed -n 's/^write end //p' <<<"$OUT")"
child_fds="$(sed -n 's/^child fds //p' <<<"$OUT")"
expect_not_contains "$child_fds" " $write_end," "child's descriptors"
expect_contains "$child_fds" "[0, 1, 2, 3" "child's descriptors"
