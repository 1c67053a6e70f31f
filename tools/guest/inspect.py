#!/usr/bin/env python3
"""Says what each socket of some processes is, for the guest checks.

Usage: inspect.py SMCSS_JSON PID...

SMCSS_JSON is the output of `smc_run --role smcss -a -j`. For every socket
a process holds (by inode, from /proc/PID/fd) it prints one line:
  PID INODE smc STATE MODE FALLBACK PEER_DIAGNOSIS SNDBUF RMBE PEER_RMBE
for a socket SMC_DIAG knows (names, or - where there are none), or
  PID INODE tcp
for a plain TCP socket (listed in /proc/net/tcp or tcp6): one that was not
made an SMC socket. Other sockets (UNIX, UDP, netlink) are left out.
"""
import json
import os
import sys


def plain_tcp_inodes():
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as f:
                next(f)
                for line in f:
                    inodes.add(int(line.split()[9]))
        except OSError:
            pass
    return inodes


def socket_inodes(pid):
    inodes = []
    folder = "/proc/%d/fd" % pid
    for fd in os.listdir(folder):
        try:
            target = os.readlink(os.path.join(folder, fd))
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.append(int(target[8:-1]))
    return sorted(inodes)


def main():
    with open(sys.argv[1]) as f:
        smc = {s["inode"]: s for s in json.load(f)}
    tcp = plain_tcp_inodes()
    for pid in map(int, sys.argv[2:]):
        for inode in socket_inodes(pid):
            if inode in smc:
                s = smc[inode]
                print(pid, inode, "smc", s["state"], s["mode"],
                      s["fallback_name"] or "-",
                      s["peer_diagnosis_name"] or "-",
                      s.get("sndbuf", "-"), s.get("rmbe", "-"),
                      s.get("peer_rmbe", "-"))
            elif inode in tcp:
                print(pid, inode, "tcp")


if __name__ == "__main__":
    main()
