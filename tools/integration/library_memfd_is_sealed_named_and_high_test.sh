#!/usr/bin/env bash
# Inside PROGRAM the library is a sealed memfd named libsmc-preload.so, at a
# high descriptor, mapped as /memfd:libsmc-preload.so, and cannot be
# written, truncated or grown.
source "$(dirname "$0")/lib.sh"

probe='
import errno, fcntl, os
fd = int(os.environ["LD_PRELOAD"].rsplit("/", 1)[1])
F_GET_SEALS = 1034
seals = fcntl.fcntl(fd, F_GET_SEALS)
maps = open("/proc/self/maps").read()
results = [str(fd), os.readlink("/proc/self/fd/%d" % fd), str(seals & 0xf),
           str("/memfd:libsmc-preload.so" in maps)]
for attempt in (lambda: os.pwrite(fd, b"x", 0),
                lambda: os.ftruncate(fd, 0),
                lambda: os.ftruncate(fd, 1 << 20)):
    try:
        attempt()
        results.append("allowed")
    except OSError as e:
        results.append(errno.errorcode[e.errno])
print("|".join(results))
'
run "$SMC_RUN" python3 -c "$probe"
expect_eq "$RC" 0 "probe status"
# F_SEAL_SEAL|F_SEAL_SHRINK|F_SEAL_GROW|F_SEAL_WRITE = 0xf (linux/fcntl.h).
# The descriptor is the launcher's read-write one: only the seals stop it.
IFS='|' read -r fd link seals mapped w t g <<<"$OUT"
(( fd >= 512 )) || fail "memfd at low descriptor $fd"
expect_eq "$link" "/memfd:libsmc-preload.so (deleted)" "memfd name"
expect_eq "$seals" 15 "seals"
expect_eq "$mapped" True "mapping in /proc/self/maps"
expect_eq "$w $t $g" "EPERM EPERM EPERM" "write, shrink, grow"
