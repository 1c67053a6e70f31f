#!/usr/bin/env python3
"""A TCP echo server and client for the pair's checks that say, from the
kernel, what their connected socket is: SO_DOMAIN, SO_PROTOCOL and its
inode (which SMC_DIAG reports too). The client holds the connection open,
before any data, until a file exists, so a check can look at both ends.

Usage:
  echo_peer.py serve ADDRESS PORT
      listens (PORT 0: one the kernel picks), prints "listening DOMAIN
      PROTOCOL INODE" and "port N", accepts one connection, prints
      "accepted DOMAIN PROTOCOL INODE", echoes it back until the client is
      done, then exits
  echo_peer.py connect ADDRESS PORT HOLD_FILE [BYTES]
      connects, prints "connected DOMAIN PROTOCOL INODE", waits (60 s at
      most) for HOLD_FILE, sends BYTES random bytes (default 1 MiB), reads
      them back and prints "echoed BYTES bytes intact", or exits 1
Both make their sockets as plain TCP programs do (socket(AF_INET,
SOCK_STREAM, 0)), so smc_run decides what they become.
"""
import os
import socket
import sys
import threading
import time


def describe(s):
    return "%d %d %d" % (s.getsockopt(socket.SOL_SOCKET, socket.SO_DOMAIN),
                         s.getsockopt(socket.SOL_SOCKET, socket.SO_PROTOCOL),
                         os.fstat(s.fileno()).st_ino)


def serve(address, port):
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((address, port))
    listener.listen(1)
    print("listening", describe(listener), flush=True)
    print("port", listener.getsockname()[1], flush=True)
    conn, _ = listener.accept()
    print("accepted", describe(conn), flush=True)
    while True:
        data = conn.recv(1 << 16)
        if not data:
            break
        conn.sendall(data)
    conn.close()


def connect(address, port, hold_file, size):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.connect((address, port))
    print("connected", describe(s), flush=True)
    deadline = time.monotonic() + 60
    while not os.path.exists(hold_file):
        if time.monotonic() > deadline:
            sys.exit("echo_peer.py: %s did not appear within 60 s" % hold_file)
        time.sleep(0.05)
    data = os.urandom(size)

    def send():
        s.sendall(data)
        s.shutdown(socket.SHUT_WR)

    sender = threading.Thread(target=send)
    sender.start()
    got = bytearray()
    while True:
        chunk = s.recv(1 << 16)
        if not chunk:
            break
        got += chunk
    sender.join()
    if bytes(got) != data:
        sys.exit("echo_peer.py: sent %d bytes, got %d back, %s" % (
            size, len(got), "the same length but other bytes"
            if len(got) == size else "not all of them"))
    print("echoed", size, "bytes intact", flush=True)


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "serve":
        serve(sys.argv[2], int(sys.argv[3]))
    elif len(sys.argv) in (5, 6) and sys.argv[1] == "connect":
        size = int(sys.argv[5]) if len(sys.argv) == 6 else 1 << 20
        connect(sys.argv[2], int(sys.argv[3]), sys.argv[4], size)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
