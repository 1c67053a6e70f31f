#!/usr/bin/env python3
"""HTTP server for the guest tests, serving the files of a folder.

GET /hold/NAME sends the headers and the first half of NAME, writes
"holding NAME" on stdout, and sends the rest only once the file
FOLDER/release exists. While it waits the connection stays open, so a
test can look at both ends with smcss. Any other path is served whole.

Usage: hold_server.py ADDRESS FOLDER [PORT]   (ADDRESS 127.0.0.1 or ::1)
Listens on PORT (default 0: one the kernel picks) and prints "port N" on
stdout once it listens.
"""
import http.server
import os
import socket
import sys
import time


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        hold = self.path.startswith("/hold/")
        name = self.path[len("/hold/"):] if hold else self.path.lstrip("/")
        path = os.path.join(self.server.folder, os.path.basename(name))
        try:
            with open(path, "rb") as f:
                body = f.read()
        except OSError:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        half = len(body) // 2 if hold else len(body)
        self.wfile.write(body[:half])
        self.wfile.flush()
        if hold:
            print("holding", name, flush=True)
            release = os.path.join(self.server.folder, "release")
            deadline = time.monotonic() + 120
            while not os.path.exists(release) and time.monotonic() < deadline:
                time.sleep(0.05)
        self.wfile.write(body[half:])

    def log_message(self, *args):
        pass


def main():
    address, folder = sys.argv[1], sys.argv[2]
    port = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    http.server.ThreadingHTTPServer.address_family = (
        socket.AF_INET6 if ":" in address else socket.AF_INET)
    server = http.server.ThreadingHTTPServer((address, port), Handler)
    server.folder = folder
    print("port", server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
