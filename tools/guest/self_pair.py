"""The quick pair of the BPF checks (bpf_lib.sh's start_self_pair, and a
systemd service's main process): one process that listens on ADDRESS,
connects to itself and sends itself 16 KiB (less than an SMC-D buffer: one
thread writes, then reads) intact, says "ready", then holds both ends open
until ./release exists. The point is what its sockets became, which the
oracle reads by inode.

    python3 -S self_pair.py ADDRESS
"""
import os
import socket
import sys
import time

address = sys.argv[1]
family = socket.AF_INET6 if ":" in address else socket.AF_INET
server = socket.socket(family, socket.SOCK_STREAM)
server.bind((address, 0))
server.listen()
client = socket.socket(family, socket.SOCK_STREAM)
client.connect(server.getsockname()[:2])
accepted, _ = server.accept()
data, got = os.urandom(16384), b""
client.sendall(data)
while len(got) < len(data):
    got += accepted.recv(16384)
assert got == data, "other bytes came back"
print("ready", flush=True)
while not os.path.exists("release"):
    time.sleep(0.1)
