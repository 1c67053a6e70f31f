#!/usr/bin/env bash
# With vm.memfd_noexec=2 (no executable memfds: MFD_EXEC is refused and
# other memfds are sealed non-executable; Linux 6.3+, per pid namespace) the
# library still reaches PROGRAM.
source "$(dirname "$0")/lib.sh"
command -v unshare >/dev/null || fail "unshare (util-linux) is missing"
[[ -e /proc/sys/vm/memfd_noexec ]] || fail "this kernel has no vm.memfd_noexec"

probe='
import os, socket
MFD_EXEC = 0x10  # include/uapi/linux/memfd.h
try:
    os.memfd_create("exec", MFD_EXEC)
    print("MFD_EXEC allowed")
except PermissionError:
    print("MFD_EXEC refused")
socket.socket()
'
run unshare --pid --fork --mount-proc sh -c '
  echo 2 > /proc/sys/vm/memfd_noexec || exit 99
  exec "$@"' sh "$SMC_RUN" -d python3 -c "$probe"
expect_eq "$RC" 0 "status"
expect_eq "$OUT" "MFD_EXEC refused" "vm.memfd_noexec=2 in force"
expect_contains "$ERR" "(MFD_NOEXEC_SEAL)" "launcher diagnostic"
expect_not_contains "$ERR" "cannot be preloaded" "loader errors"
expect_match "$ERR" "python3\[[0-9]+\]: smc: socket\(AF_INET, SOCK_STREAM[^)]*\) = [0-9]+ $(converted_as)" \
  "socket decision"
